/**
 * Where a zip archive starts inside a buffer. The end of central directory record says how long the
 * central directory is and at which offset it should start; when it actually ends further into the
 * buffer, the difference is data prepended to the archive (a self-extractor stub or plain junk). Python's
 * zipfile computes the same difference ("concat") and reads the archive behind it.
 */
const END_SIGNATURE = 0x06054b50;
const END_BYTES = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_BYTES = 20;

export interface ZipLayout {
  /** Bytes before the archive; 0 for an ordinary zip. */
  readonly prefix: number;
}

export function zipLayout(bytes: Buffer): ZipLayout {
  const lowest = Math.max(0, bytes.length - END_BYTES - MAX_COMMENT);
  for (let at = bytes.length - END_BYTES; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) !== END_SIGNATURE) continue;
    const commentLength = bytes.readUInt16LE(at + 20);
    if (at + END_BYTES + commentLength !== bytes.length) continue;
    const cdSize = bytes.readUInt32LE(at + 12);
    const cdOffset = bytes.readUInt32LE(at + 16);
    // Zip64 archives keep their real offsets elsewhere; they are left to the reader as they are.
    if (cdOffset === 0xffffffff || cdSize === 0xffffffff) return { prefix: 0 };
    if (at >= ZIP64_LOCATOR_BYTES && bytes.readUInt32LE(at - ZIP64_LOCATOR_BYTES) === ZIP64_LOCATOR_SIGNATURE)
      return { prefix: 0 };
    const prefix = at - cdSize - cdOffset;
    return { prefix: Math.max(prefix, 0) };
  }
  return { prefix: 0 };
}
