import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreMetadataContribution, parseCoreMetadata } from './core-metadata.ts';
import { decodeText } from './decode.ts';

describe('parseCoreMetadata', () => {
  it('joins continuation lines and keeps repeated keys in order with their lines', () => {
    const document = parseCoreMetadata(
      'Name: demo\nSummary: first part\n  second part\nClassifier: A\nClassifier: B\n\nbody text\n',
    );
    assert.deepEqual(
      document.fields.map((f) => [f.key, f.value, f.line]),
      [
        ['Name', 'demo', 1],
        ['Summary', 'first part\nsecond part', 2],
        ['Classifier', 'A', 4],
        ['Classifier', 'B', 5],
      ],
    );
    assert.equal(document.body, 'body text');
    assert.equal(document.bodyLine, 7);
  });

  it('reads the pipe-escaped Description header of metadata 1.x/2.0', () => {
    const document = parseCoreMetadata(
      'Name: demo\nDescription: Title\n       |=====\n       |\n       |    code\nKeywords: x\n',
    );
    assert.equal(document.fields.find((f) => f.key === 'Description')?.value, 'Title\n=====\n\n    code');
  });

  it('ends the headers at a line that is not a header and reads the rest as body', () => {
    const document = parseCoreMetadata('Name: demo\nthis is not a header\nVersion: 1\n');
    assert.equal(document.fields.length, 1);
    assert.equal(document.body, 'this is not a header\nVersion: 1');
    assert.equal(document.errors.length, 1);
  });

  it('accepts CRLF line ends and a byte-order mark', () => {
    const document = parseCoreMetadata('\uFEFFName: demo\r\nVersion: 2.0\r\n\r\nbody\r\n');
    assert.equal(document.fields[1]?.value, '2.0');
    assert.equal(document.body, 'body');
  });
});

describe('coreMetadataContribution', () => {
  it('skips UNKNOWN values and pairs a lone address with the Author name', () => {
    const contribution = coreMetadataContribution(
      'PKG-INFO',
      'PKG-INFO',
      'Name: demo\nVersion: 1\nHome-page: UNKNOWN\nAuthor: Jane Roe\nAuthor-email: jane@example.org\nLicense: UNKNOWN\n',
    );
    assert.equal(contribution.homePage, undefined);
    assert.equal(contribution.license, undefined);
    assert.deepEqual(
      contribution.authors.map((a) => [a.name, a.email]),
      [['Jane Roe', 'jane@example.org']],
    );
  });

  it('prefers License-Expression to License', () => {
    const contribution = coreMetadataContribution(
      'METADATA',
      'METADATA',
      'Name: demo\nLicense: long text\nLicense-Expression: MIT OR Apache-2.0\n',
    );
    assert.equal(contribution.license?.value, 'MIT OR Apache-2.0');
    assert.equal(contribution.license?.source.line, 3);
  });

  it('records an unreadable Requires-Dist as an error and keeps the others', () => {
    const contribution = coreMetadataContribution(
      'METADATA',
      'METADATA',
      'Name: demo\nRequires-Dist: good>=1\nRequires-Dist: ((( bad\n',
    );
    assert.equal(contribution.dependencies.length, 1);
    assert.match(contribution.errors[0] ?? '', /line 3/);
  });
});

describe('decodeText', () => {
  it('falls back to latin-1 for bytes that are not UTF-8', () => {
    const decoded = decodeText(
      Buffer.from([0x41, 0x75, 0x74, 0x68, 0x6f, 0x72, 0x3a, 0x20, 0x4a, 0x6f, 0x73, 0xe9]),
    );
    assert.equal(decoded.encoding, 'latin-1');
    assert.equal(decoded.text, 'Author: José');
  });

  it('reads UTF-8 as UTF-8', () => {
    assert.deepEqual(decodeText(Buffer.from('José', 'utf8')), { text: 'José', encoding: 'utf-8' });
  });
});
