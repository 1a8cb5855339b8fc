import type { CallFact } from '../../analysis/types.ts';
import { CODEC_FAMILIES } from './apis.ts';
import { argument, stringOf } from './match.ts';

/** The family of codec a `codecs.decode(data, name)` call uses, if the name is written. */
export function codecFamily(call: CallFact): (typeof CODEC_FAMILIES)[number]['family'] | undefined {
  const name = stringOf(argument(call, 1, 'encoding'));
  if (name === undefined) return undefined;
  return CODEC_FAMILIES.find((entry) => entry.pattern.test(name))?.family;
}
