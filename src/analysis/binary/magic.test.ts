import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectEmbedded, extensionOf, isProbablyBinary, printableRunsAround } from './magic.ts';

function kindOf(path: string, data: Buffer): string | null {
  return detectEmbedded({ path, data })?.kind ?? null;
}

function withPe(): Buffer {
  const bytes = Buffer.alloc(0x100);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

describe('detectEmbedded: magic bytes', () => {
  const cases: [string, Buffer, string][] = [
    ['elf', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), 'elf'],
    ['pe', withPe(), 'pe'],
    ['mach-o 64 LE', Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), 'mach-o'],
    ['mach-o 32 LE', Buffer.from([0xce, 0xfa, 0xed, 0xfe, 7, 0, 0, 0]), 'mach-o'],
    ['mach-o 64 BE', Buffer.from([0xfe, 0xed, 0xfa, 0xcf, 0, 0, 0, 7]), 'mach-o'],
    ['mach-o 32 BE', Buffer.from([0xfe, 0xed, 0xfa, 0xce, 0, 0, 0, 7]), 'mach-o'],
    ['fat mach-o (2 archs)', Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]), 'mach-o'],
    ['java class (major 52)', Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52]), 'java-class'],
    ['zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0]), 'zip'],
    ['empty zip', Buffer.from([0x50, 0x4b, 0x05, 0x06, 0, 0]), 'zip'],
    ['gzip', Buffer.from([0x1f, 0x8b, 8, 0]), 'gzip'],
    ['bzip2', Buffer.from('BZh91AY&SY', 'latin1'), 'bzip2'],
    ['xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4]), 'xz'],
    ['7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), '7z'],
    ['rar', Buffer.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00]), 'rar'],
    ['wasm', Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), 'wasm'],
    ['pyc 3.11', Buffer.from([0xa7, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0]), 'pyc'],
    ['pyc 2.7', Buffer.from([0x03, 0xf3, 0x0d, 0x0a, 0, 0, 0, 0]), 'pyc'],
  ];
  for (const [name, data, kind] of cases) {
    test(name, () => assert.equal(kindOf('x.dat', data), kind));
  }

  test('tar by its ustar signature at offset 257', () => {
    const bytes = Buffer.alloc(512);
    bytes.write('ustar', 257, 'latin1');
    assert.equal(kindOf('a.tar', bytes), 'tar');
  });

  test('look-alikes are not binaries', () => {
    assert.equal(kindOf('notes.txt', Buffer.from('MZ is where I live\n'.repeat(10))), null);
    assert.equal(kindOf('x.txt', Buffer.from('ok\r\nfine\r\n')), null, 'two letters and CRLF are not a pyc');
    assert.equal(kindOf('x.txt', Buffer.from('BZh, said the bee')), null);
    assert.equal(
      kindOf('x.bin', Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 30])),
      null,
      'neither fat nor class',
    );
  });

  test('the extension is kept to show a disguise', () => {
    const fact = detectEmbedded({
      path: 'pkg/assets/logo.png',
      data: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2]),
    });
    assert.deepEqual(fact && { kind: fact.kind, extension: fact.extension, file: fact.file }, {
      kind: 'elf',
      extension: '.png',
      file: 'pkg/assets/logo.png',
    });
  });
});

describe('detectEmbedded: scripts', () => {
  test('a shebang names a shell or PowerShell script whatever the extension', () => {
    assert.equal(kindOf('pkg/data.txt', Buffer.from('#!/bin/sh\ncurl x | sh\n')), 'shell-script');
    assert.equal(kindOf('tool', Buffer.from('#!/usr/bin/env -S bash -e\n')), 'shell-script');
    assert.equal(kindOf('tool', Buffer.from('#!/usr/bin/env pwsh\nWrite-Host 1\n')), 'powershell-script');
    assert.equal(kindOf('tool', Buffer.from('#!/usr/bin/env python3\n')), null);
  });

  test('batch and PowerShell content where the extension disagrees', () => {
    assert.equal(kindOf('pkg/config.dat', Buffer.from('\r\n@echo off\r\ncall x.exe\r\n')), 'batch-script');
    assert.equal(kindOf('pkg/update', Buffer.from('[CmdletBinding()]\nparam()\n')), 'powershell-script');
  });

  test('documentation and source that quote scripts are not scripts', () => {
    assert.equal(kindOf('README.md', Buffer.from('@echo off\n')), null);
    assert.equal(kindOf('mod.py', Buffer.from('Set-StrictMode -Version 2\n')), null);
  });

  test('script extensions are reported as such', () => {
    const fact = detectEmbedded({ path: 'bin/install.ps1', data: Buffer.from('Write-Host hi\n') });
    assert.equal(fact?.kind, 'powershell-script');
    assert.match(fact?.detail ?? '', /extension \.ps1/);
  });

  test('ordinary source is not an embedded file', () => {
    assert.equal(kindOf('pkg/__init__.py', Buffer.from('import os\n')), null);
  });
});

describe('helpers', () => {
  test('extensionOf keeps compound archive extensions', () => {
    assert.equal(extensionOf('a/b/x.tar.gz'), '.tar.gz');
    assert.equal(extensionOf('a/b/X.EXE'), '.exe');
    assert.equal(extensionOf('a/.bashrc'), '');
    assert.equal(extensionOf('Makefile'), '');
  });

  test('isProbablyBinary: NUL bytes or a binary magic', () => {
    assert.equal(isProbablyBinary(Buffer.from('plain text\n')), false);
    assert.equal(isProbablyBinary(Buffer.from([0x61, 0, 0x62])), true);
    assert.equal(isProbablyBinary(Buffer.from([0x1f, 0x8b, 8, 0])), true);
  });

  test('printableRunsAround finds the ASCII and UTF-16LE runs that hold a sign, with their byte offsets', () => {
    const bytes = Buffer.concat([
      Buffer.from([0, 1, 2]),
      Buffer.from('see http://a.example/x here'),
      Buffer.from([0, 0xff]),
      Buffer.from('wide http://b.example', 'utf16le'),
      Buffer.from([0xff, 0xff]),
      Buffer.from('no sign in this run'),
      Buffer.from([0]),
      Buffer.from('x://'),
    ]);
    const signs = { ascii: [Buffer.from('://')], wide: [Buffer.from('://', 'utf16le')] };
    assert.deepEqual(printableRunsAround(bytes, signs, 6), [
      { offset: 3, text: 'see http://a.example/x here', encoding: 'ascii' },
      { offset: 32, text: 'wide http://b.example', encoding: 'utf16le' },
    ]);
  });

  test('printableRunsAround reads a run holding many signs once', () => {
    const bytes = Buffer.from('\0http://a.example http://b.example http://c.example\0');
    const runs = printableRunsAround(bytes, { ascii: [Buffer.from('://')], wide: [] });
    assert.equal(runs.length, 1);
    assert.equal(runs[0]?.text, 'http://a.example http://b.example http://c.example');
  });
});
