/**
 * CVSS v3.0 / v3.1 base score, from the equations in FIRST's specification (section 7.1 of v3.1,
 * with its Roundup of Appendix A). Only the eight base metrics matter; temporal and environmental
 * metrics in the vector are accepted and ignored.
 */

export type SeverityLabel = 'none' | 'low' | 'medium' | 'high' | 'critical';

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

/** Privileges Required weighs more when the scope changes. */
const PR_WEIGHTS = {
  U: { N: 0.85, L: 0.62, H: 0.27 },
  C: { N: 0.85, L: 0.68, H: 0.5 },
} as const;

const BASE_METRICS = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const;

/** The base score of a `CVSS:3.0/...` or `CVSS:3.1/...` vector, or null when it is not one. */
export function cvss3BaseScore(vector: string): number | null {
  const parts = vector.trim().split('/');
  const head = parts.shift();
  if (head !== 'CVSS:3.0' && head !== 'CVSS:3.1') return null;
  const metrics = new Map<string, string>();
  for (const part of parts) {
    const [key, value, extra] = part.split(':');
    if (key === undefined || value === undefined || extra !== undefined) return null;
    if (metrics.has(key)) return null;
    metrics.set(key, value);
  }
  if (BASE_METRICS.some((m) => !metrics.has(m))) return null;

  const scope = metrics.get('S');
  if (scope !== 'U' && scope !== 'C') return null;
  const av = pick(WEIGHTS.AV, metrics.get('AV'));
  const ac = pick(WEIGHTS.AC, metrics.get('AC'));
  const pr = pick(PR_WEIGHTS[scope], metrics.get('PR'));
  const ui = pick(WEIGHTS.UI, metrics.get('UI'));
  const c = pick(WEIGHTS.CIA, metrics.get('C'));
  const i = pick(WEIGHTS.CIA, metrics.get('I'));
  const a = pick(WEIGHTS.CIA, metrics.get('A'));
  if (av === null || ac === null || pr === null || ui === null || c === null || i === null || a === null)
    return null;

  const roundup = head === 'CVSS:3.1' ? roundup31 : roundup30;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  return scope === 'U'
    ? roundup(Math.min(impact + exploitability, 10))
    : roundup(Math.min(1.08 * (impact + exploitability), 10));
}

function pick<T extends Record<string, number>>(table: T, key: string | undefined): number | null {
  if (key === undefined || !Object.hasOwn(table, key)) return null;
  return table[key] ?? null;
}

/** v3.1 Roundup works on integers to avoid results like 4.000000001 rounding up to 4.1. */
function roundup31(value: number): number {
  const scaled = Math.round(value * 100_000);
  if (scaled % 10_000 === 0) return scaled / 100_000;
  return (Math.floor(scaled / 10_000) + 1) / 10;
}

function roundup30(value: number): number {
  return Math.ceil(value * 10) / 10;
}

/** The qualitative rating scale shared by CVSS v3 and v4. */
export function labelForScore(score: number): SeverityLabel {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/** GitHub's advisory labels (`MODERATE`) mapped onto the CVSS scale. */
export function labelFromText(value: unknown): SeverityLabel | null {
  if (typeof value !== 'string') return null;
  switch (value.trim().toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
      return 'high';
    case 'moderate':
    case 'medium':
      return 'medium';
    case 'low':
      return 'low';
    case 'none':
      return 'none';
    default:
      return null;
  }
}

export const LABEL_RANK: Readonly<Record<SeverityLabel, number>> = {
  none: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};
