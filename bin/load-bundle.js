// Loads the CommonJS CLI bundle through vm.Script with a V8 code cache kept in the user's cache directory.
// Node 20 compiles an ES module from scratch on every start (about 90 ms for the 1.4 MB bundle, plus each
// function compiled lazily as it first runs); with the cache V8 reuses the compiled code of earlier runs.
// A cache V8 rejects (another Node version, a rebuilt bundle) is rewritten after the run, so the worst case
// is one ordinary start. V8 does not check its cached data against damage (a flipped byte can crash it), so
// the file carries a sha256 of the data, checked before V8 sees it; any cache failure means "no cache".
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, parse } from 'node:path';
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

// The cache file: this magic, the bytecode size of the run that wrote it (uint32 LE), the sha256 of V8's
// data, then the data.
const MAGIC = 0x32435341; // "ASC2"
const HEADER_BYTES = 40;
// Folders created at most, walking up from the cache folder: a recursive mkdir under /proc or another
// file system that answers oddly must not loop.
const MAX_MKDIR_DEPTH = 32;

function sha256(data) {
  return createHash('sha256').update(data).digest();
}
// A run that compiled this much more bytecode than the run that wrote the cache (another command, another
// kind of package) rewrites it; the new cache holds the old one's functions too, so it only grows.
const GROWTH_TO_REWRITE = 1.1;

function readCache(file) {
  try {
    const bytes = readFileSync(file);
    if (bytes.length <= HEADER_BYTES || bytes.readUInt32LE(0) !== MAGIC) return undefined;
    const data = bytes.subarray(HEADER_BYTES);
    if (!sha256(data).equals(bytes.subarray(8, HEADER_BYTES))) return undefined;
    return { bytecode: bytes.readUInt32LE(4), data };
  } catch {
    return undefined;
  }
}

/** Creates `dir` and its missing parents one by one, a bounded number of them; false when it cannot. */
function makeDir(dir) {
  const missing = [];
  let current = dir;
  for (let depth = 0; depth < MAX_MKDIR_DEPTH; depth++) {
    try {
      mkdirSync(current);
      break;
    } catch (error) {
      if (error.code === 'EEXIST') break;
      if (error.code !== 'ENOENT' || current === parse(current).root) return false;
      missing.push(current);
      current = dirname(current);
    }
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (error) {
      if (error.code !== 'EEXIST') return false;
    }
  }
  return true;
}

function writeCache(file, script) {
  try {
    if (!makeDir(dirname(file))) return;
    const data = script.createCachedData();
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(Math.min(getHeapCodeStatistics().bytecode_and_metadata_size, 0xffffffff), 4);
    sha256(data).copy(header, 8);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([header, data]));
    renameSync(temp, file);
    pruneCaches(dirname(file));
  } catch {
    // A read-only or full cache directory only costs later starts their compile time.
  }
}

// Each build of the bundle (each release, each rebuild of a checkout) and each Node version has its own cache
// file of about 3 MB; the newest few are kept (several checkouts or Node versions may take turns), the rest go.
const CACHES_KEPT = 4;

function pruneCaches(dir) {
  const caches = [];
  for (const name of readdirSync(dir)) {
    if (!/^cli-[0-9a-f]{8}\.bin$/.test(name)) continue;
    try {
      caches.push({ path: join(dir, name), used: statSync(join(dir, name)).mtimeMs });
    } catch {
      // Removed meanwhile by another run.
    }
  }
  caches.sort((a, b) => b.used - a.used);
  for (const { path } of caches.slice(CACHES_KEPT)) {
    try {
      unlinkSync(path);
    } catch {
      // Another run removed it, or the folder is read-only: a stale cache only takes room.
    }
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
  let cached = readCache(cacheFile);
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const compile = (cachedData) =>
    new vm.Script(wrapper, {
      filename: file,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
  let script;
  try {
    script = compile(cached?.data);
  } catch (error) {
    // A cache V8 throws on is no cache; a syntax error in the bundle itself throws again here.
    if (cached === undefined) throw error;
    cached = undefined;
    script = compile(undefined);
  }
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
