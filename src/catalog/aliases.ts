/**
 * Behavior and issue ids that were renamed: old id → new id. Saved JSON reports, suppressions and links that
 * name an old id still resolve through this table, and `npm run golden` compares a recorded report under the
 * new names. An entry is never removed once a release has shipped the new id.
 */
export const RENAMED_IDS: Readonly<Record<string, string>> = {
  // The behavior finds URLs in base64, hex and other encodings; the issue on it is encoded-url (a URL behavior is
  // url-<what>, the issue on it <what>-url: the same words, the family word moved so each family lists together).
  'url-base64-encoded': 'url-encoded',
  // One wording for one fact: missing-source-repository (the package) and component-missing-source-repository (a
  // dependency) are the issues; the behavior says the same words.
  'no-source-repository': 'metadata-missing-source-repository',
};

/** The id an old id now goes by (itself when it was never renamed). */
export function currentId(id: string): string {
  return RENAMED_IDS[id] ?? id;
}

/** The ids a current id was known by before, oldest first (empty when it was never renamed). */
export function formerIds(id: string): readonly string[] {
  return Object.entries(RENAMED_IDS)
    .filter(([, renamed]) => renamed === id)
    .map(([old]) => old);
}

/** The first id a finding went by: kept in fingerprints, so baselines written before a rename still match. */
export function originalId(id: string): string {
  const former = formerIds(id)[0];
  return former === undefined ? id : originalId(former);
}
