import type { DiffFindingDefinition } from '../context.ts';
import { addsInstallScript } from './adds-install-script.ts';
import { addsNativeBinary } from './adds-native-binary.ts';
import { addsNetworkEndpoint } from './adds-network-endpoint.ts';
import { addsObfuscatedFile } from './adds-obfuscated-file.ts';
import { addsRiskyDependency } from './adds-risky-dependency.ts';
import { changesTrustedPublisher } from './changes-trusted-publisher.ts';
import { losesProvenance } from './loses-provenance.ts';
import { provenanceRepositoryMismatch } from './provenance-repository-mismatch.ts';

/** Every check on the change between two versions; each has a fixture pair in src/diff/fixtures/<id>/. */
export const diffFindingRegistry: readonly DiffFindingDefinition[] = [
  addsInstallScript,
  addsObfuscatedFile,
  addsNetworkEndpoint,
  addsNativeBinary,
  addsRiskyDependency,
  losesProvenance,
  changesTrustedPublisher,
  provenanceRepositoryMismatch,
];
