import { type Html, type HtmlValue, html } from '../html.ts';

export interface PageOptions {
  readonly title: string;
  readonly query?: string;
  /** Seconds before the browser reloads the page (scan progress); no script needed. */
  readonly refresh?: number;
}

export function page(options: PageOptions, body: HtmlValue): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.refresh === undefined ? '' : html`<meta http-equiv="refresh" content="${options.refresh}">`}
<title>${options.title} &middot; assay</title>
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<header class="site">
<a class="brand" href="/">assay</a>
<a href="/catalog">Catalog</a>
<a href="/scan">Scan a package</a>
<form action="/search" method="get" role="search">
<input type="search" name="q" value="${options.query ?? ''}" placeholder="name or purl" aria-label="Search packages">
<button type="submit">Search</button>
</form>
</header>
<main>
${body}
</main>
<footer>assay community site &middot; every figure names its source and denominator &middot; JSON at <a href="/api/v1/openapi.json">/api/v1</a></footer>
</body>
</html>
`;
}
