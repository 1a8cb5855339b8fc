import type { Report } from './model.ts';
import { escapeForJson } from './sanitize.ts';

/** The versioned JSON document; bidi and invisible characters in package strings are made visible. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'string' ? escapeForJson(value) : value), 2)}\n`;
}
