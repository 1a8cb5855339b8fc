import type { SignalDefinition } from '../../catalog/types.ts';
import { decodedCodeExecution } from './decoded-code-execution.ts';
import { downloadedCodeExecution } from './downloaded-code-execution.ts';
import { embeddedExecutables } from './embedded-executables.ts';
import { filePlacement } from './file-placement.ts';
import { importTimeNetworkCalls } from './import-time-network-calls.ts';
import { installTimeJsSenders } from './install-time-js-senders.ts';
import { jsActingFiles } from './js-acting-files.ts';
import { jsFileChanges } from './js-file-changes.ts';
import { jsNetworkCalls } from './js-network-calls.ts';
import { npmInstallDroppers } from './npm-install-droppers.ts';
import { processCalls } from './process-calls.ts';
import { registryWriteFiles } from './registry-write-files.ts';

/** Every signal, for the docs and for the meta-test that checks what each policy reads. */
export const signals: readonly SignalDefinition<unknown>[] = [
  decodedCodeExecution,
  downloadedCodeExecution,
  embeddedExecutables,
  filePlacement,
  importTimeNetworkCalls,
  installTimeJsSenders,
  jsActingFiles,
  jsFileChanges,
  jsNetworkCalls,
  npmInstallDroppers,
  processCalls,
  registryWriteFiles,
];
