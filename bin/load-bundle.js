// Loads the CommonJS CLI bundle through vm.Script with a V8 code cache kept in the user's cache directory.
// Node 20 compiles an ES module from scratch on every start (about 90 ms for the 1.4 MB bundle, plus each
// function compiled lazily as it first runs); with the cache V8 reuses the compiled code of earlier runs.
// A cache V8 rejects (another Node version, a rebuilt bundle, a damaged file) is rewritten after the run,
// so the worst case is one ordinary start.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { getHeapCodeStatistics } from 'node:v8';
import vm from 'node:vm';

/** Same directory as the artifact cache (src/sources/cache.ts defaultCacheDir). */
function cacheDir(env) {
  if (env.ASSAY_CACHE_DIR) return env.ASSAY_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'assay');
}

/** A short stable hash, so that two checkouts or Node versions keep separate caches instead of evicting each other. */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

// The cache file: this magic, the bytecode size of the run that wrote it (uint32 LE), then V8's data.
const MAGIC = 0x31435341; // "ASC1"
const HEADER_BYTES = 8;
// A run that compiled this much more bytecode than the run that wrote the cache (another command, another
// kind of package) rewrites it; the new cache holds the old one's functions too, so it only grows.
const GROWTH_TO_REWRITE = 1.1;

function readCache(file) {
  try {
    const bytes = readFileSync(file);
    if (bytes.length <= HEADER_BYTES || bytes.readUInt32LE(0) !== MAGIC) return undefined;
    return { bytecode: bytes.readUInt32LE(4), data: bytes.subarray(HEADER_BYTES) };
  } catch {
    return undefined;
  }
}

function writeCache(file, script) {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const data = script.createCachedData();
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(Math.min(getHeapCodeStatistics().bytecode_and_metadata_size, 0xffffffff), 4);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([header, data]));
    renameSync(temp, file);
  } catch {
    // A read-only or full cache directory only costs later starts their compile time.
  }
}

/**
 * Compiles and runs the bundle; returns its exports and a function to call after the command ran, which
 * saves the code cache when it was missing, rejected, or the run compiled much more than it held.
 */
export function loadBundle(file, bundleStat) {
  // The build writes ASCII only (charset: 'ascii'): latin1 makes the same string without decoding UTF-8.
  const source = readFileSync(file, 'latin1');
  const key = fnv1a(
    `${file}\0${bundleStat.size}\0${bundleStat.mtimeMs}\0${process.version}\0${process.arch}`,
  );
  const cacheFile = join(cacheDir(process.env), 'v8', `cli-${key}.bin`);
  const cached = readCache(cacheFile);
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, {
    filename: file,
    cachedData: cached?.data,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const saveCache = () => {
    const stale =
      cached === undefined ||
      script.cachedDataRejected === true ||
      getHeapCodeStatistics().bytecode_and_metadata_size > cached.bytecode * GROWTH_TO_REWRITE;
    if (stale) writeCache(cacheFile, script);
  };
  return { exports: module.exports, saveCache };
}
