import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDocumentationFile, isTestFile } from './secret-evidence.ts';

describe('documentation files for the secrets policies', () => {
  test('declaration files and files named as examples are documentation', () => {
    assert.equal(isDocumentationFile('package/dist-types/commands/CreateTokenCommand.d.ts'), true);
    assert.equal(isDocumentationFile('package/dist/core.d.mts'), true);
    assert.equal(isDocumentationFile('package/apis/sso-oidc-2019-06-10.examples.json'), true);
    assert.equal(isDocumentationFile('package/config.sample.env'), true);
    assert.equal(isDocumentationFile('package/README.md'), true);
  });

  test('code and data keep full severity', () => {
    assert.equal(isDocumentationFile('package/dist/index.js'), false);
    assert.equal(isDocumentationFile('package/dist/index.ts'), false);
    assert.equal(isDocumentationFile('package/lib/examplesLoader.js'), false);
    assert.equal(isDocumentationFile('package/data/tokens.json'), false);
  });

  test('test files by their own name are test material, wherever they sit', () => {
    assert.equal(isTestFile('package/src/webhook.test.ts'), true);
    assert.equal(isTestFile('package/lib/client.spec.mjs'), true);
    assert.equal(isTestFile('pkg/test_api.py'), true);
    assert.equal(isTestFile('pkg/api_test.py'), true);
    assert.equal(isTestFile('package/src/webhook.ts'), false);
    assert.equal(isTestFile('package/lib/testing.js'), false);
    assert.equal(isTestFile('pkg/latest.py'), false);
  });
});
