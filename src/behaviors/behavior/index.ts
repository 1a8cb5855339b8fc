import type { BehaviorDefinition } from '../../catalog/types.ts';
import { concatenatesStrings } from './concatenates-strings.ts';

/** Behaviors of the 'behavior' category, in the order they are listed in docs. */
export const behaviorBehaviors: readonly BehaviorDefinition[] = [concatenatesStrings];
