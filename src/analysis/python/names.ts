/**
 * What Python names are before any import says otherwise: the builtins, the classes whose instances the
 * analyzer follows, and the calls it reads specially (dynamic importers, executors, decompressors, the
 * calls that fold to a string). `Sym` is what a name holds as far as the analyzer knows.
 */
import { looksLikeClass } from '../code/symbols.ts';

export const BUILTINS = new Set(
  [
    'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex',
    'copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr',
    'globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max',
    'memoryview min next object oct open ord pow print property quit range repr reversed round set setattr',
    'slice sorted staticmethod str sum super tuple type vars zip __import__ __build_class__',
    // Python 2 names: old sdists still run them.
    'apply basestring buffer cmp coerce execfile file intern long raw_input reduce reload unichr unicode xrange',
  ]
    .join(' ')
    .split(' '),
);

// Classes whose names are not capitalised; calling them makes an instance we can follow.
const LOWERCASE_CLASSES = new Set(['socket.socket', 'ftplib.FTP', 'telnetlib.Telnet']);

// pathlib's concrete classes share the API behaviors key on as 'pathlib.Path.*'.
const PATHLIB_ALIASES = new Set([
  'pathlib.PurePath',
  'pathlib.PosixPath',
  'pathlib.WindowsPath',
  'pathlib.PurePosixPath',
  'pathlib.PureWindowsPath',
]);
export const PATH_RETURNING = new Set([
  'absolute',
  'cwd',
  'expanduser',
  'home',
  'joinpath',
  'parent',
  'readlink',
  'relative_to',
  'resolve',
  'with_name',
  'with_stem',
  'with_suffix',
]);

export const DYNAMIC_IMPORTERS = new Set([
  'builtins.__import__',
  'importlib.import_module',
  'importlib.__import__',
]);
export const EXECUTORS = new Set(['builtins.exec', 'builtins.eval', 'builtins.execfile']);
export const FOLDABLE_CALLS = new Set(['builtins.chr', 'builtins.unichr', 'builtins.str']);

export { LOCAL, type Sym } from '../code/symbols.ts';

export function normalizeClass(name: string): string {
  return PATHLIB_ALIASES.has(name) ? 'pathlib.Path' : name;
}

export function isClassName(qualified: string): boolean {
  return LOWERCASE_CLASSES.has(qualified) || looksLikeClass(qualified);
}

export function joinModule(module: string, member: string): string {
  return module.endsWith('.') ? module + member : `${module}.${member}`;
}
