import type { BehaviorDefinition } from '../../catalog/types.ts';
import { buildsStringsWithChr } from './builds-strings-with-chr.ts';
import { bypassesSecuritySoftware } from './bypasses-security-software.ts';
import { containsCompressedExecutable } from './contains-compressed-executable.ts';
import { containsEncodedExecutable } from './contains-encoded-executable.ts';
import { containsHighEntropyString } from './contains-high-entropy-string.ts';
import { containsLongLines } from './contains-long-lines.ts';
import { containsObfuscatedJavascript } from './contains-obfuscated-javascript.ts';
import { decodesBase64 } from './decodes-base64.ts';
import { decodesHex } from './decodes-hex.ts';
import { decompressesData } from './decompresses-data.ts';
import { decryptsData } from './decrypts-data.ts';
import { detectsAnalysisEnvironment } from './detects-analysis-environment.ts';
import { detectsSecuritySoftware } from './detects-security-software.ts';
import { disablesSecurityTools } from './disables-security-tools.ts';
import { hooksDynamicLoader } from './hooks-dynamic-loader.ts';
import { resolvesBuiltinsDynamically } from './resolves-builtins-dynamically.ts';
import { usesPackerStub } from './uses-packer-stub.ts';

/** Behaviors of the 'evasion' category, in the order they are listed in docs. */
export const evasionBehaviors: readonly BehaviorDefinition[] = [
  decodesBase64,
  decodesHex,
  decompressesData,
  decryptsData,
  buildsStringsWithChr,
  containsHighEntropyString,
  usesPackerStub,
  containsLongLines,
  resolvesBuiltinsDynamically,
  detectsAnalysisEnvironment,
  disablesSecurityTools,
  containsObfuscatedJavascript,
  bypassesSecuritySoftware,
  detectsSecuritySoftware,
  containsEncodedExecutable,
  containsCompressedExecutable,
  hooksDynamicLoader,
];
