import type { PolicyDefinition } from '../../catalog/types.ts';
import { backdoorProfile } from './backdoor-profile.ts';
import { coinminerProfile } from './coinminer-profile.ts';
import { componentMalwareHistory } from './component-malware-history.ts';
import { componentMissingSourceRepository } from './component-missing-source-repository.ts';
import { cryptoMiningUrl } from './crypto-mining-url.ts';
import { deceptiveDownloadUrl } from './deceptive-download-url.ts';
import { encodedUrl } from './encoded-url.ts';
import { hacktoolProfile } from './hacktool-profile.ts';
import { incidentAiocpa } from './incident-aiocpa.ts';
import { incidentCanisterworm } from './incident-canisterworm.ts';
import { incidentCoaRc } from './incident-coa-rc.ts';
import { incidentCodecov } from './incident-codecov.ts';
import { incidentCtx } from './incident-ctx.ts';
import { incidentEslintScope } from './incident-eslint-scope.ts';
import { incidentLottiefiles } from './incident-lottiefiles.ts';
import { incidentNxS1ngularity } from './incident-nx-s1ngularity.ts';
import { incidentRspack } from './incident-rspack.ts';
import { incidentShaiHulud } from './incident-shai-hulud.ts';
import { incidentUaParserJs } from './incident-ua-parser-js.ts';
import { incidentUltralytics } from './incident-ultralytics.ts';
import { infostealerProfile } from './infostealer-profile.ts';
import { installTimeCryptoMiner } from './install-time-crypto-miner.ts';
import { installTimeSensitiveFileAccess } from './install-time-sensitive-file-access.ts';
import { keyloggerProfile } from './keylogger-profile.ts';
import { knownMaliciousComponent } from './known-malicious-component.ts';
import { localeDependentEntryPoint } from './locale-dependent-entry-point.ts';
import { lockedVersionMissing } from './locked-version-missing.ts';
import { lookalikeDomainUrl } from './lookalike-domain-url.ts';
import { lowPopularityComponent } from './low-popularity-component.ts';
import { malwareResourceUrl } from './malware-resource-url.ts';
import { missingSourceRepository } from './missing-source-repository.ts';
import { neverPublishedName } from './never-published-name.ts';
import { nonstandardPortUrl } from './nonstandard-port-url.ts';
import { pathDependency } from './path-dependency.ts';
import { rarelyIncludedComponent } from './rarely-included-component.ts';
import { recentlyPublishedComponent } from './recently-published-component.ts';
import { remoteBinaryDependency } from './remote-binary-dependency.ts';
import { removedFromRegistry } from './removed-from-registry.ts';
import { riskyUrlDestination } from './risky-url-destination.ts';
import { rootkitProfile } from './rootkit-profile.ts';
import { serializedCodeExecution } from './serialized-code-execution.ts';
import { serializedFileTampering } from './serialized-file-tampering.ts';
import { serializedNetworkAccess } from './serialized-network-access.ts';
import { serializedProcessCreation } from './serialized-process-creation.ts';
import { serializedSystemAccess } from './serialized-system-access.ts';
import { shadowedCommandEntryPoint } from './shadowed-command-entry-point.ts';
import { suspiciousTldUrl } from './suspicious-tld-url.ts';
import { torNetworkUrl } from './tor-network-url.ts';
import { typosquatComponent } from './typosquat-component.ts';
import { uncommonDependencyHost } from './uncommon-dependency-host.ts';
import { untraceableAuthorEmail } from './untraceable-author-email.ts';
import { unusualVersionPolicy } from './unusual-version.ts';
import { urlOrVcsDependency } from './url-or-vcs-dependency.ts';

/** Policies of the 'hunting' category. */
export const huntingPolicies: readonly PolicyDefinition[] = [
  deceptiveDownloadUrl,
  nonstandardPortUrl,
  suspiciousTldUrl,
  encodedUrl,
  riskyUrlDestination,
  torNetworkUrl,
  cryptoMiningUrl,
  lookalikeDomainUrl,
  malwareResourceUrl,
  missingSourceRepository,
  untraceableAuthorEmail,
  // Malware profiles: combinations of behaviors.
  hacktoolProfile,
  backdoorProfile,
  coinminerProfile,
  infostealerProfile,
  keyloggerProfile,
  rootkitProfile,
  // Look-alikes of known supply-chain incidents (data/incident-indicators.json).
  incidentUaParserJs,
  incidentCoaRc,
  incidentEslintScope,
  incidentLottiefiles,
  incidentRspack,
  incidentUltralytics,
  incidentAiocpa,
  incidentCtx,
  incidentCodecov,
  incidentNxS1ngularity,
  incidentShaiHulud,
  incidentCanisterworm,
  // Manifests: commands on PATH and what runs on install or import.
  shadowedCommandEntryPoint,
  installTimeCryptoMiner,
  installTimeSensitiveFileAccess,
  localeDependentEntryPoint,
  // Component checks (every dependency of a package or project): collected by the enrich stage (src/enrich/), judged here.
  knownMaliciousComponent,
  componentMalwareHistory,
  removedFromRegistry,
  lockedVersionMissing,
  neverPublishedName,
  typosquatComponent,
  recentlyPublishedComponent,
  unusualVersionPolicy,
  urlOrVcsDependency,
  remoteBinaryDependency,
  uncommonDependencyHost,
  pathDependency,
  componentMissingSourceRepository,
  lowPopularityComponent,
  rarelyIncludedComponent,
  // Serialized data that runs code when it is loaded (pickles, NumPy object arrays, PyYAML tags, node-serialize).
  serializedCodeExecution,
  serializedProcessCreation,
  serializedNetworkAccess,
  serializedSystemAccess,
  serializedFileTampering,
];
