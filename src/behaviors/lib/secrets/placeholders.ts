/**
 * Values that only look like secrets: documentation examples, template markers and filler. They are reported
 * apart, at a low severity, because they open nothing but show where a real value would go.
 */
const MARKERS =
  /x{4,}|X{4,}|\*{3,}|\.{3}|<[^>]*>|\$\{|\{\{|%\(|%s|example|sample|dummy|fake|placeholder|redacted|your[_-]|changeme|insert[_-]|replace[_-]?me|not[_-]?a[_-]?real/i;

/** Values published in vendors' documentation as examples. */
const DOCUMENTED = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  // The Azure storage emulator's well-known account key.
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  // The signature of the sample token on jwt.io.
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
]);

/** Why a value is a placeholder, or null when it looks like a real secret. */
export function placeholderReason(value: string): string | null {
  if (DOCUMENTED.has(value)) return 'a value published as a documentation example';
  for (const documented of DOCUMENTED)
    if (value.includes(documented)) return 'contains a documented example value';
  const marker = MARKERS.exec(value);
  if (marker) return `contains the placeholder marker '${marker[0]}'`;
  const distinct = new Set(value).size;
  if (value.length >= 12 && distinct <= 4) return 'made of very few distinct characters';
  if (/0123456789|123456789|abcdefghij|ABCDEFGHIJ/.test(value)) return 'contains a counting sequence';
  return null;
}
