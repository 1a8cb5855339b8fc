/**
 * Behavior and issue ids that were renamed: old id → new id. Saved JSON reports, suppressions and links that
 * name an old id still resolve through this table, and `npm run golden` compares a recorded report under the
 * new names. An entry is never removed once a release has shipped the new id.
 */
export const RENAMED_IDS: Readonly<Record<string, string>> = {};
