import type { PolicyDefinition } from '../../catalog/types.ts';
import { archiveContentHidden } from './archive-content-hidden.ts';
import { archiveEscapesInstallRoot } from './archive-escapes-install-root.ts';
import { archiveReadsDifferently } from './archive-reads-differently.ts';
import { hiddenCodeCharacters } from './hidden-code-characters.ts';
import { provenanceDoesNotVerify } from './provenance-does-not-verify.ts';
import { provenanceDropped } from './provenance-dropped.ts';
import { provenanceNamesOtherRepository } from './provenance-names-other-repository.ts';

/** Policies of the 'tampering' category. */
export const tamperingPolicies: readonly PolicyDefinition[] = [
  hiddenCodeCharacters,
  archiveEscapesInstallRoot,
  archiveContentHidden,
  archiveReadsDifferently,
  provenanceNamesOtherRepository,
  provenanceDoesNotVerify,
  provenanceDropped,
];
