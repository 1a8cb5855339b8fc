/**
 * Serialized data in a package that can run code when it is loaded: pickles (.pkl, .pickle, .joblib, PyTorch
 * checkpoints and the data.pkl inside their zip archives, NumPy object arrays), PyYAML python tags and
 * node-serialize function markers. One pass per snapshot, shared by the serialized-data behaviors.
 */
import type { PackageFile } from '../../../artifacts/types.ts';
import { innerPath } from '../../../catalog/lib/location.ts';
import type { PackageSnapshot } from '../../../metadata/snapshot.ts';
import { type CallableClass, classifyCallable } from './callables.ts';
import { looksLikePickle, readPickle } from './pickle.ts';

export interface SerializedFinding {
  readonly file: string;
  readonly line: number;
  readonly snippet: string;
  readonly format: 'pickle' | 'numpy' | 'yaml' | 'node-serialize';
  /** The callable imported or named ('os.system'); '(function)' for node-serialize. */
  readonly callable: string;
  readonly cls: CallableClass;
  /** How the data uses it: 'called by REDUCE', 'imported', 'revived as a function' … */
  readonly use: string;
}

const PICKLE_FILE = /\.(pkl|pickle|joblib|pt|pth|ckpt|sav)$|(?:^|\/)data\.pkl$/i;
const MAX_BYTES = 256 * 1024 * 1024;

const cache = new WeakMap<PackageSnapshot, readonly SerializedFinding[]>();

export function serializedFindings(snapshot: PackageSnapshot): readonly SerializedFinding[] {
  const known = cache.get(snapshot);
  if (known) return known;
  const out: SerializedFinding[] = [];
  for (const file of snapshot.files) {
    if (file.data.length > MAX_BYTES) continue;
    const path = innerPath(file.path);
    if (PICKLE_FILE.test(path) && looksLikePickle(file.data)) pickleFindings(file, 0, 'pickle', out);
    else if (/\.npy$/i.test(path)) numpyFindings(file, out);
    else if (/\.ya?ml$/i.test(path)) yamlFindings(file, out);
    if (/\.(json|js|cjs|mjs|txt|dat)$/i.test(path) && file.data.includes('_$$ND_FUNC$$_'))
      nodeSerialize(file, out);
  }
  cache.set(snapshot, out);
  return out;
}

function lineAt(data: Buffer, offset: number): number {
  let line = 1;
  for (let index = data.indexOf(0x0a); index !== -1 && index < offset; index = data.indexOf(0x0a, index + 1))
    line += 1;
  return line;
}

function pickleFindings(
  file: PackageFile,
  start: number,
  format: 'pickle' | 'numpy',
  out: SerializedFinding[],
) {
  const reading = readPickle(file.data, start);
  for (const item of reading.imports) {
    const cls = classifyCallable(item.name);
    if (cls === 'rebuild') continue;
    const use = item.calledBy.length > 0 ? `called by ${[...new Set(item.calledBy)].join(', ')}` : 'imported';
    out.push({
      file: file.path,
      line: lineAt(file.data, item.offset),
      snippet: `pickle imports ${item.name}, ${use} (opcode at byte ${item.offset})`,
      format,
      callable: item.name,
      cls,
      use,
    });
  }
}

/** A .npy file whose dtype is 'O' stores its objects as a pickle right after the header. */
function numpyFindings(file: PackageFile, out: SerializedFinding[]): void {
  const data = file.data;
  if (data.toString('latin1', 0, 6) !== '\x93NUMPY') return;
  const major = data[6] ?? 0;
  const headerLength = major === 1 ? data.readUInt16LE(8) : data.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const header = data.toString('latin1', headerStart, headerStart + headerLength);
  if (!/'descr':\s*'[|<>=]?O/.test(header)) return;
  pickleFindings(file, headerStart + headerLength, 'numpy', out);
}

const YAML_TAG = /!!python\/(object\/apply|object\/new|object|name|module):([\w.]+)/g;

function yamlFindings(file: PackageFile, out: SerializedFinding[]): void {
  if (!file.data.includes('!!python/')) return;
  const lines = file.data.toString('utf8').split('\n');
  lines.forEach((text, index) => {
    for (const match of text.matchAll(YAML_TAG)) {
      const [, tag = '', name = ''] = match;
      const cls = classifyCallable(name);
      // An apply or new tag calls whatever it names; an unknown callable there still runs code on load.
      const judged = cls === 'other' && (tag === 'object/apply' || tag === 'object/new') ? 'execution' : cls;
      if (judged === 'rebuild') continue;
      out.push({
        file: file.path,
        line: index + 1,
        snippet: text.trim().slice(0, 160),
        format: 'yaml',
        callable: name,
        cls: judged,
        use:
          tag === 'object/apply'
            ? 'called on load'
            : tag === 'object/new'
              ? 'instantiated on load'
              : `named by !!python/${tag}`,
      });
    }
  });
}

function nodeSerialize(file: PackageFile, out: SerializedFinding[]): void {
  const lines = file.data.toString('utf8').split('\n');
  lines.forEach((text, index) => {
    const at = text.indexOf('_$$ND_FUNC$$_');
    // The library's own constant has no function after the marker; serialized data does.
    if (at === -1 || !/^_\$\$ND_FUNC\$\$_\s*(?:async\s+)?(?:function\b|\(|\w+\s*=>)/.test(text.slice(at)))
      return;
    const immediate = /\}\s*\(\s*\)\s*["'`]/.test(text.slice(at));
    out.push({
      file: file.path,
      line: index + 1,
      snippet: text.trim().slice(0, 160),
      format: 'node-serialize',
      callable: '(function)',
      cls: 'execution',
      use: immediate
        ? 'a function that runs as soon as the data is unserialized'
        : 'a function revived from data',
    });
  });
}
