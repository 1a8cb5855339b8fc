/**
 * LZMA ("LZMA1", zip compression method 14) decoding, bounded by an output cap. No installed package
 * reads it: xz-decompress (xz-embedded) knows LZMA2 only, and Python's zipfile, hence pip, reads method
 * 14, so a wheel member packed with it would be installed while assay could not look at it.
 *
 * Written from the public LZMA specification (lzma-specification.7z, "LzmaSpec.cpp", public domain):
 * a range decoder over adaptive binary probabilities, literal coders with lc/lp context bits, a length
 * coder, distance slots and the four most recent distances ("reps"). Every distance is checked against
 * the bytes already written, so a hostile stream cannot read outside the output, and the output stops at
 * the cap, so a bomb costs at most the cap.
 */
import { type Bounded, CorruptStreamError } from './decompress.ts';

const PROB_INIT = 1024;
const NUM_STATES = 12;
const POS_BITS_MAX = 4;
const END_POS_MODEL_INDEX = 14;
const NUM_FULL_DISTANCES = 128;
const NUM_ALIGN_BITS = 4;
const MATCH_MIN_LEN = 2;

function probs(count: number): Uint16Array {
  return new Uint16Array(count).fill(PROB_INIT);
}

class RangeDecoder {
  private range = 0xffffffff;
  private code = 0;
  private at: number;

  constructor(
    private readonly input: Uint8Array,
    start: number,
  ) {
    this.at = start;
    if (this.next() !== 0) throw new CorruptStreamError('lzma: bad range coder start');
    for (let i = 0; i < 4; i++) this.code = this.code * 256 + this.next();
    if (this.code === this.range) throw new CorruptStreamError('lzma: corrupt data');
  }

  private next(): number {
    if (this.at >= this.input.length) throw new CorruptStreamError('lzma: unexpected end of data');
    return this.input[this.at++] as number;
  }

  /** Values stay below 2^32 as plain numbers: multiplication, not shifts, keeps them unsigned. */
  private normalize(): void {
    if (this.range < 0x1000000) {
      this.range *= 256;
      this.code = this.code * 256 + this.next();
    }
  }

  finishedOk(): boolean {
    return this.code === 0;
  }

  directBits(count: number): number {
    let result = 0;
    for (let i = 0; i < count; i++) {
      this.range = Math.floor(this.range / 2);
      let bit = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        bit = 1;
      }
      if (this.code === this.range) throw new CorruptStreamError('lzma: corrupt data');
      result = result * 2 + bit;
      this.normalize();
    }
    return result;
  }

  bit(table: Uint16Array, index: number): number {
    const p = table[index] as number;
    const bound = (this.range >>> 11) * p;
    let bit: number;
    if (this.code < bound) {
      table[index] = p + ((2048 - p) >> 5);
      this.range = bound;
      bit = 0;
    } else {
      table[index] = p - (p >> 5);
      this.code -= bound;
      this.range -= bound;
      bit = 1;
    }
    this.normalize();
    return bit;
  }

  tree(table: Uint16Array, offset: number, bits: number): number {
    let m = 1;
    for (let i = 0; i < bits; i++) m = m * 2 + this.bit(table, offset + m);
    return m - (1 << bits);
  }

  reverseTree(table: Uint16Array, offset: number, bits: number): number {
    let m = 1;
    let symbol = 0;
    for (let i = 0; i < bits; i++) {
      const bit = this.bit(table, offset + m);
      m = m * 2 + bit;
      symbol |= bit << i;
    }
    return symbol;
  }
}

class LengthDecoder {
  private readonly choice = probs(2);
  private readonly low = probs(16 << 3);
  private readonly mid = probs(16 << 3);
  private readonly high = probs(256);

  decode(rc: RangeDecoder, posState: number): number {
    if (rc.bit(this.choice, 0) === 0) return rc.tree(this.low, posState << 3, 3);
    if (rc.bit(this.choice, 1) === 0) return 8 + rc.tree(this.mid, posState << 3, 3);
    return 16 + rc.tree(this.high, 0, 8);
  }
}

class Output {
  buffer: Buffer;
  pos = 0;
  capped = false;

  constructor(
    private readonly cap: number,
    hint: number,
  ) {
    this.buffer = Buffer.allocUnsafe(Math.max(1, Math.min(hint, cap, 64 * 1024 * 1024)));
  }

  /** False once the cap is reached. */
  put(byte: number): boolean {
    if (this.pos >= this.cap) {
      this.capped = true;
      return false;
    }
    if (this.pos === this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.buffer.length * 2, this.cap));
      this.buffer.copy(grown, 0, 0, this.pos);
      this.buffer = grown;
    }
    this.buffer[this.pos++] = byte;
    return true;
  }

  byteBack(distance: number): number {
    return this.buffer[this.pos - distance] as number;
  }
}

export interface LzmaOptions {
  /** Output bytes when the stream has no end marker (the zip member's declared size). */
  readonly size?: number;
  readonly cap: number;
}

/** Decodes a raw LZMA stream whose 5 property bytes start at `start`. */
export function lzmaDecodeRaw(input: Uint8Array, start: number, options: LzmaOptions): Bounded {
  if (input.length < start + 5) throw new CorruptStreamError('lzma: properties missing');
  let d = input[start] as number;
  if (d >= 9 * 5 * 5) throw new CorruptStreamError('lzma: bad properties');
  const lc = d % 9;
  d = Math.floor(d / 9);
  const lp = d % 5;
  const pb = Math.floor(d / 5);
  if (pb > POS_BITS_MAX) throw new CorruptStreamError('lzma: bad properties');
  const dictSize = Math.max(
    4096,
    Buffer.from(input.buffer, input.byteOffset, input.length).readUInt32LE(start + 1),
  );
  const rc = new RangeDecoder(input, start + 5);
  const out = new Output(options.cap, options.size ?? input.length * 4);

  const literals = probs(0x300 << (lc + lp));
  const isMatch = probs(NUM_STATES << POS_BITS_MAX);
  const isRep = probs(NUM_STATES);
  const isRepG0 = probs(NUM_STATES);
  const isRepG1 = probs(NUM_STATES);
  const isRepG2 = probs(NUM_STATES);
  const isRep0Long = probs(NUM_STATES << POS_BITS_MAX);
  const posSlot = probs(4 << 6);
  const posDecoders = probs(1 + NUM_FULL_DISTANCES - END_POS_MODEL_INDEX);
  const align = probs(1 << NUM_ALIGN_BITS);
  const lengths = new LengthDecoder();
  const repLengths = new LengthDecoder();
  const posMask = (1 << pb) - 1;
  const lpMask = (1 << lp) - 1;

  let remaining = options.size ?? Number.POSITIVE_INFINITY;
  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;

  const distance = (length: number): number => {
    const lenState = Math.min(length, 3);
    const slot = rc.tree(posSlot, lenState << 6, 6);
    if (slot < 4) return slot;
    const directBits = (slot >> 1) - 1;
    let dist = (2 | (slot & 1)) * 2 ** directBits;
    if (slot < END_POS_MODEL_INDEX) dist += rc.reverseTree(posDecoders, dist - slot, directBits);
    else {
      dist += rc.directBits(directBits - NUM_ALIGN_BITS) * 16;
      dist += rc.reverseTree(align, 0, NUM_ALIGN_BITS);
    }
    return dist;
  };

  while (remaining > 0 || options.size === undefined) {
    const posState = out.pos & posMask;
    if (rc.bit(isMatch, (state << POS_BITS_MAX) + posState) === 0) {
      const prev = out.pos > 0 ? out.byteBack(1) : 0;
      const base = 0x300 * (((out.pos & lpMask) << lc) + (prev >> (8 - lc)));
      let symbol = 1;
      if (state >= 7) {
        let matchByte = out.byteBack(rep0 + 1);
        do {
          const matchBit = (matchByte >> 7) & 1;
          matchByte <<= 1;
          const bit = rc.bit(literals, base + ((1 + matchBit) << 8) + symbol);
          symbol = (symbol << 1) | bit;
          if (matchBit !== bit) break;
        } while (symbol < 0x100);
      }
      while (symbol < 0x100) symbol = (symbol << 1) | rc.bit(literals, base + symbol);
      if (!out.put(symbol - 0x100)) break;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      remaining--;
      continue;
    }
    let length: number;
    if (rc.bit(isRep, state) !== 0) {
      if (out.pos === 0) throw new CorruptStreamError('lzma: repeat before any output');
      if (rc.bit(isRepG0, state) === 0) {
        if (rc.bit(isRep0Long, (state << POS_BITS_MAX) + posState) === 0) {
          state = state < 7 ? 9 : 11;
          if (!out.put(out.byteBack(rep0 + 1))) break;
          remaining--;
          continue;
        }
      } else {
        let dist: number;
        if (rc.bit(isRepG1, state) === 0) dist = rep1;
        else {
          if (rc.bit(isRepG2, state) === 0) dist = rep2;
          else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      length = repLengths.decode(rc, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      length = lengths.decode(rc, posState);
      state = state < 7 ? 7 : 10;
      rep0 = distance(length);
      if (rep0 === 0xffffffff) {
        // The end marker: a stream that has one ends here, and its range coder must be flushed.
        if (!rc.finishedOk()) throw new CorruptStreamError('lzma: corrupt data at the end marker');
        break;
      }
      if (rep0 >= dictSize || rep0 >= out.pos) throw new CorruptStreamError('lzma: distance out of range');
    }
    length += MATCH_MIN_LEN;
    if (length > remaining) throw new CorruptStreamError('lzma: data past the declared size');
    let stopped = false;
    for (let i = 0; i < length; i++) {
      if (!out.put(out.byteBack(rep0 + 1))) {
        stopped = true;
        break;
      }
    }
    if (stopped) break;
    remaining -= length;
  }
  return { data: out.buffer.subarray(0, out.pos), capped: out.capped };
}

/**
 * A zip member compressed with method 14: a 2-byte LZMA SDK version, a 2-byte properties size (5), the
 * properties, then the stream. Bit 1 of the general purpose flags says an end marker ends the stream;
 * otherwise it ends after the declared size.
 */
export function unzipLzma(raw: Uint8Array, declared: number, endMarker: boolean, cap: number): Bounded {
  if (raw.length < 9) throw new CorruptStreamError('lzma: member too short');
  const propsSize = raw[2]! | (raw[3]! << 8);
  if (propsSize !== 5) throw new CorruptStreamError(`lzma: properties of ${propsSize} bytes`);
  return lzmaDecodeRaw(raw, 4, endMarker ? { cap } : { size: declared, cap });
}
