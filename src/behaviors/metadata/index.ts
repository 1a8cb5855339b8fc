import type { BehaviorDefinition } from '../../catalog/types.ts';
import { authorAnonymousEmail } from './author-anonymous-email.ts';
import { authorDisposableEmail } from './author-disposable-email.ts';
import { metadataMissingSourceRepository } from './metadata-missing-source-repository.ts';
import { metadataParseError } from './metadata-parse-error.ts';

/** Behaviors of the 'metadata' category, in the order they are listed in docs. */
export const metadataBehaviors: readonly BehaviorDefinition[] = [
  metadataMissingSourceRepository,
  metadataParseError,
  authorDisposableEmail,
  authorAnonymousEmail,
];
