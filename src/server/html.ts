/**
 * HTML built from templates whose every interpolation is escaped unless it is already `Html`. Package
 * names, versions, file names, snippets and URLs come from attackers: the only way to put raw markup in a
 * page is to build it with this tag, so nothing from a package can reach the page unescaped.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text for an element's content or a quoted attribute value (we quote every attribute). Control
 * characters (C0 but the tab, DEL, C1, line breaks included: a file name with a newline must look odd)
 * and the bidirectional overrides are shown as visible escapes (`\u001b`), never sent to the browser.
 */
export function escapeText(text: string): string {
  return text
    .replace(
      /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeText(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** Trusted markup (our own constants only). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/**
 * A URL from a package (homepage, repository) as a link target, or null when it is not plain http(s):
 * `javascript:`, `data:` and the like never become links.
 */
export function safeExternalUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
}

/** A link to a URL from a package: shown as text when it is not http(s), never followed with our referrer. */
export function externalLink(url: string, label: string = url): Html {
  const href = safeExternalUrl(url);
  if (href === null) return html`<span class="url">${label}</span>`;
  return html`<a href="${href}" rel="noopener noreferrer nofollow" class="url">${label}</a>`;
}

/** One path segment of one of our own URLs, from any string. */
export function segment(text: string): string {
  return encodeURIComponent(text);
}
