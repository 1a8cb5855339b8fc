import type { BehaviorDefinition } from '../../catalog/types.ts';
import { archiveDuplicateMember } from './archive-duplicate-member.ts';
import { archiveLimitExceeded } from './archive-limit-exceeded.ts';
import { archiveLinkMember } from './archive-link-member.ts';
import { archivePathTraversal } from './archive-path-traversal.ts';
import { archiveSizeMismatch } from './archive-size-mismatch.ts';
import { archiveStructureAnomaly } from './archive-structure-anomaly.ts';
import { archiveSuspiciousMemberName } from './archive-suspicious-member-name.ts';
import { archiveUnreadableMember } from './archive-unreadable-member.ts';
import { containsArchive } from './contains-archive.ts';
import { containsBidiControlCharacters } from './contains-bidi-control-characters.ts';
import { containsExecutable } from './contains-executable.ts';
import { containsInvisibleUnicode } from './contains-invisible-unicode.ts';
import { manifestDiffersFromRegistry } from './manifest-differs-from-registry.ts';
import { resemblesKnownIncident } from './resembles-known-incident.ts';
import { sdistMetadataContradictsBuild } from './sdist-metadata-contradicts-build.ts';
import { shipsCompiledBytecode } from './ships-compiled-bytecode.ts';
import { tarballDiffersFromRegistry } from './tarball-differs-from-registry.ts';
import { wheelRecordMismatch } from './wheel-record-mismatch.ts';

/** Behaviors of the 'anomaly' category, in the order they are listed in docs. */
export const anomalyBehaviors: readonly BehaviorDefinition[] = [
  archivePathTraversal,
  archiveSuspiciousMemberName,
  archiveLinkMember,
  archiveDuplicateMember,
  archiveSizeMismatch,
  archiveLimitExceeded,
  archiveUnreadableMember,
  archiveStructureAnomaly,
  containsExecutable,
  containsArchive,
  shipsCompiledBytecode,
  containsInvisibleUnicode,
  containsBidiControlCharacters,
  manifestDiffersFromRegistry,
  tarballDiffersFromRegistry,
  wheelRecordMismatch,
  sdistMetadataContradictsBuild,
  resemblesKnownIncident,
];
