/** API families shared by behaviors and policies, so a policy reads the same definition a behavior fires on. */

export const HTTP_CALLEES: readonly string[] = [
  'requests.get',
  'requests.post',
  'requests.put',
  'requests.patch',
  'requests.delete',
  'requests.head',
  'requests.options',
  'requests.request',
  'requests.Session',
  'requests.session',
  'requests.api.*',
  'requests.Session.*',
  'urllib.request.urlopen',
  'urllib.request.urlretrieve',
  'urllib.request.Request',
  'urllib.request.build_opener',
  'urllib.urlopen',
  'urllib.urlretrieve',
  'urllib2.urlopen',
  'urllib2.Request',
  'urllib3.PoolManager',
  'urllib3.request',
  'urllib3.PoolManager.request',
  'httpx.get',
  'httpx.post',
  'httpx.put',
  'httpx.patch',
  'httpx.delete',
  'httpx.request',
  'httpx.stream',
  'httpx.Client',
  'httpx.AsyncClient',
  'aiohttp.ClientSession',
  'aiohttp.request',
  'http.client.HTTPConnection',
  'http.client.HTTPSConnection',
  'httplib.HTTPConnection',
  'httplib.HTTPSConnection',
  'httplib2.Http',
  'pycurl.Curl',
  'wget.download',
  'cloudscraper.create_scraper',
  'tls_client.Session',
  'discord_webhook.DiscordWebhook',
  'dhooks.Webhook',
  'websocket.create_connection',
  'websockets.connect',
];

export const SOCKET_CALLEES: readonly string[] = [
  'socket.socket',
  'socket.create_connection',
  'socket.fromfd',
  'ssl.wrap_socket',
  'asyncio.open_connection',
  'telnetlib.Telnet',
];

export const DNS_CALLEES: readonly string[] = [
  'socket.gethostbyname',
  'socket.gethostbyname_ex',
  'socket.gethostbyaddr',
  'socket.getaddrinfo',
  'dns.resolver.resolve',
  'dns.resolver.query',
  'dns.resolver.Resolver',
  'dns.query.udp',
  'dns.query.tcp',
  'aiodns.DNSResolver',
];

/** Sending data out: HTTP writes, webhooks, mail and FTP uploads. */
export const UPLOAD_CALLEES: readonly string[] = [
  'requests.post',
  'requests.put',
  'requests.patch',
  'requests.Session.post',
  'requests.Session.put',
  'httpx.post',
  'httpx.put',
  'httpx.patch',
  'discord_webhook.DiscordWebhook',
  'dhooks.Webhook',
  'smtplib.SMTP.sendmail',
  'smtplib.SMTP.send_message',
  'smtplib.SMTP_SSL.sendmail',
  'smtplib.SMTP_SSL.send_message',
  '*.sendmail',
  '*.send_message',
  '*.storbinary',
  '*.storlines',
];

export const DYNAMIC_CODE_CALLEES: readonly string[] = [
  'builtins.exec',
  'builtins.eval',
  'builtins.compile',
  'builtins.execfile',
  'runpy.run_path',
];

export const SERIALIZED_CODE_CALLEES: readonly string[] = [
  'marshal.loads',
  'marshal.load',
  'pickle.loads',
  'pickle.load',
  'cPickle.loads',
  'cPickle.load',
  '_pickle.loads',
  'dill.loads',
  'dill.load',
  'cloudpickle.loads',
  'types.CodeType',
  'types.FunctionType',
];

export const DYNAMIC_IMPORT_CALLEES: readonly string[] = [
  'builtins.__import__',
  'importlib.import_module',
  'importlib.__import__',
];

export const BASE64_CALLEES: readonly string[] = [
  'base64.b64decode',
  'base64.b32decode',
  'base64.b16decode',
  'base64.b85decode',
  'base64.a85decode',
  'base64.decodebytes',
  'base64.decodestring',
  'base64.standard_b64decode',
  'base64.urlsafe_b64decode',
  'binascii.a2b_base64',
];

export const HEX_CALLEES: readonly string[] = [
  'bytes.fromhex',
  'builtins.bytes.fromhex',
  'bytearray.fromhex',
  'binascii.unhexlify',
  'binascii.a2b_hex',
];

export const DECOMPRESS_CALLEES: readonly string[] = [
  'zlib.decompress',
  'zlib.decompressobj',
  'lzma.decompress',
  'lzma.LZMADecompressor',
  'bz2.decompress',
  'bz2.BZ2Decompressor',
  'gzip.decompress',
];

export const DECRYPT_CALLEES: readonly string[] = [
  'cryptography.fernet.Fernet.decrypt',
  'fernet.Fernet.decrypt',
  'Crypto.Cipher.AES.new',
  'Cryptodome.Cipher.AES.new',
  'pyaes.AESModeOfOperationCTR',
];

/** Codec names that turn `codecs.decode(x, name)` into a decoder of the given family. */
export const CODEC_FAMILIES: readonly {
  readonly pattern: RegExp;
  readonly family: 'base64' | 'hex' | 'compression' | 'rot13';
}[] = [
  { pattern: /^base_?64$/i, family: 'base64' },
  { pattern: /^hex(_codec)?$/i, family: 'hex' },
  { pattern: /^(zlib|zip|bz2)(_codec)?$/i, family: 'compression' },
  { pattern: /^rot_?13$/i, family: 'rot13' },
];

/** Inline decoding written inside another call's argument: `exec(base64.b64decode(...))`. */
export const DECODING_TEXT =
  /b64decode|b32decode|b85decode|a85decode|decodebytes|decodestring|unhexlify|fromhex|a2b_base64|a2b_hex|decompress|\.decrypt\b|marshal\.loads?|rot_?13|codecs\.decode|\[::-1\]/;

/** Fetched content written inside another call's argument: `exec(requests.get(u).text)`. */
export const FETCHING_TEXT =
  /urlopen|requests\.(get|post|request)|httpx\.(get|post|request)|urllib3|urlretrieve|\.content\b.*\bget\(|pastebin|raw\.githubusercontent|https?:\/\//;

/** The usual benign argument of exec in setup.py: a local file read (`exec(open('pkg/version.py').read())`). */
export const FILE_READ_TEXT =
  /\bopen\(|\.read_text\(|\bread\(\)|codecs\.open|io\.open|\bread_file\(|\bversion_file\b|__version__/;
