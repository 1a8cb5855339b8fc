/**
 * Secrets are never shown whole: evidence keeps the first and last four characters, so a reader can find the
 * value and tell two findings apart without the report itself leaking it.
 */
export function maskSecret(value: string): string {
  if (value.length >= 16) return `${value.slice(0, 4)}…${value.slice(-4)}`;
  if (value.length >= 8) return `${value.slice(0, 2)}…${value.slice(-2)}`;
  return '…';
}

/** The line as evidence: every secret in it replaced by its masked form, then trimmed and bounded. */
export function maskedSnippet(line: string, secrets: readonly string[]): string {
  let text = line;
  for (const secret of secrets) if (secret !== '') text = text.split(secret).join(maskSecret(secret));
  const trimmed = text.trim();
  return trimmed.length > 160 ? `${trimmed.slice(0, 157)}...` : trimmed;
}
