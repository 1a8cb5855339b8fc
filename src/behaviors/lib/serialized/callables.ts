/**
 * What a callable named in serialized data can do when the data is loaded. Names are matched exactly first, then
 * by module prefix; a name that only rebuilds data (arrays, tensors, containers) is 'rebuild'.
 */
export type CallableClass =
  | 'rebuild'
  | 'execution'
  | 'process'
  | 'network'
  | 'system'
  | 'serialized'
  | 'other';

const EXACT: Record<string, CallableClass> = {};
function add(cls: CallableClass, names: string): void {
  for (const name of names.split(/\s+/).filter(Boolean)) EXACT[name] = cls;
}

const BUILTIN_MODULES = ['builtins', '__builtin__'];
for (const module of BUILTIN_MODULES) {
  add(
    'execution',
    [
      'eval',
      'exec',
      'execfile',
      'compile',
      '__import__',
      'getattr',
      'apply',
      'globals',
      'vars',
      'breakpoint',
      'input',
    ]
      .map((n) => `${module}.${n}`)
      .join(' '),
  );
  add('system', `${module}.open ${module}.file`);
  add(
    'rebuild',
    [
      'set',
      'frozenset',
      'bytearray',
      'bytes',
      'complex',
      'slice',
      'range',
      'list',
      'dict',
      'tuple',
      'object',
      'int',
      'float',
      'str',
      'bool',
      'unicode',
      'long',
    ]
      .map((n) => `${module}.${n}`)
      .join(' '),
  );
}
add(
  'rebuild',
  'numpy.core.multiarray._reconstruct numpy._core.multiarray._reconstruct numpy.ndarray numpy.dtype ' +
    'numpy.core.multiarray.scalar numpy._core.multiarray.scalar numpy.ma.core._mareconstruct numpy.matrix ' +
    'collections.OrderedDict collections.defaultdict collections.deque copy_reg._reconstructor copyreg._reconstructor ' +
    'copyreg.__newobj__ copy_reg.__newobj__ _codecs.encode torch._utils._rebuild_tensor torch._utils._rebuild_tensor_v2 ' +
    'torch._utils._rebuild_parameter torch._utils._rebuild_parameter_with_state torch.Size torch.device ' +
    'torch._tensor._rebuild_from_type_v2 datetime.datetime datetime.date datetime.time datetime.timedelta ' +
    'datetime.timezone decimal.Decimal fractions.Fraction uuid.UUID',
);
add(
  'execution',
  'marshal.loads types.FunctionType types.CodeType pydoc.locate operator.attrgetter operator.methodcaller',
);
add(
  'serialized',
  'marshal.dump marshal.dumps torch.save torch.load numpy.save numpy.load numpy.savez numpy.savez_compressed',
);
add('network', 'asyncio.open_connection platform.node');
add('process', 'platform.popen os.system os.popen os.fork os.forkpty os.startfile nt.system posix.system');

const PREFIXES: [string, CallableClass][] = [
  ['importlib.', 'execution'],
  ['runpy.', 'execution'],
  ['code.', 'execution'],
  ['codeop.', 'execution'],
  ['timeit.', 'execution'],
  ['pdb.', 'execution'],
  ['subprocess.', 'process'],
  ['pty.', 'process'],
  ['commands.', 'process'],
  ['os.exec', 'process'],
  ['os.spawn', 'process'],
  ['os.posix_spawn', 'process'],
  ['asyncio.create_subprocess', 'process'],
  ['socket.', 'network'],
  ['urllib.', 'network'],
  ['urllib2.', 'network'],
  ['urllib3.', 'network'],
  ['requests.', 'network'],
  ['httpx.', 'network'],
  ['http.', 'network'],
  ['httplib.', 'network'],
  ['ftplib.', 'network'],
  ['smtplib.', 'network'],
  ['telnetlib.', 'network'],
  ['webbrowser.', 'network'],
  ['xmlrpc.', 'network'],
  ['xmlrpclib.', 'network'],
  ['aiohttp.', 'network'],
  ['ssl.', 'network'],
  ['pickle.', 'serialized'],
  ['_pickle.', 'serialized'],
  ['cPickle.', 'serialized'],
  ['dill.', 'serialized'],
  ['cloudpickle.', 'serialized'],
  ['joblib.', 'serialized'],
  ['shelve.', 'serialized'],
  ['yaml.', 'serialized'],
  ['jsonpickle.', 'serialized'],
  ['os.', 'system'],
  ['posix.', 'system'],
  ['nt.', 'system'],
  ['shutil.', 'system'],
  ['sys.', 'system'],
  ['ctypes.', 'system'],
  ['signal.', 'system'],
  ['resource.', 'system'],
  ['fcntl.', 'system'],
  ['io.', 'system'],
  ['pathlib.', 'system'],
  ['tempfile.', 'system'],
  ['getpass.', 'system'],
  ['pwd.', 'system'],
  ['glob.', 'system'],
  ['numpy.', 'rebuild'],
  ['torch.', 'rebuild'],
];

/** Serializer modules also hold data classes (joblib's array wrapper): only their load and dump entry points count. */
const SERIALIZER_ENTRY =
  /\.(?:loads?|dumps?|load_all|unsafe_load|full_load|Unpickler|Pickler|open|Shelf|DbfilenameShelf)$/;

export function classifyCallable(name: string): CallableClass {
  const exact = EXACT[name];
  if (exact) return exact;
  for (const [prefix, cls] of PREFIXES) {
    if (!name.startsWith(prefix)) continue;
    return cls === 'serialized' && !SERIALIZER_ENTRY.test(name) ? 'other' : cls;
  }
  return 'other';
}
