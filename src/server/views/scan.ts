import { type Html, html } from '../html.ts';
import type { ScanJob } from '../scans/runner.ts';
import { page } from './layout.ts';

export interface ScanFormOptions {
  readonly enabled: boolean;
  readonly maxUploadBytes: number;
  readonly target?: string;
  readonly error?: string;
}

export function scanFormPage(options: ScanFormOptions): Html {
  if (!options.enabled) {
    return page(
      { title: 'Scan a package' },
      html`<h1>Scan a package</h1><p class="note">This server does not scan on request (started with --no-scans).</p>`,
    );
  }
  return page(
    { title: 'Scan a package' },
    html`<h1>Scan a package</h1>
${options.error === undefined ? '' : html`<p class="note">${options.error}</p>`}
<form class="card" action="/scan" method="post">
<label for="target">Registry package or purl</label><br>
<input id="target" type="text" name="target" value="${options.target ?? ''}" placeholder="npm:left-pad@1.3.0, pypi:requests==2.32.3, pkg:npm/express">
<button type="submit">Scan</button>
</form>
<form class="card" action="/scan" method="post" enctype="multipart/form-data">
<label for="file">Or upload a package archive (.tgz, .whl, .tar.gz, .zip; at most ${Math.round(options.maxUploadBytes / 1024 ** 2)} MB)</label><br>
<input id="file" type="file" name="file">
<button type="submit">Upload and scan</button>
</form>
<p class="muted">Scans run one at a time; the page shows the progress, then the report. Nothing you upload is installed or run.</p>`,
  );
}

export function scanStatusPage(job: ScanJob, reportHref: string | null): Html {
  const running = job.state === 'queued' || job.state === 'running';
  return page(
    { title: `Scan of ${job.label}`, ...(running ? { refresh: 2 } : {}) },
    html`<h1>Scan of ${job.label}</h1>
<p><progress ${job.state === 'queued' ? html`value="0" max="1"` : job.state === 'running' ? '' : html`value="1" max="1"`}></progress> <strong>${job.state}</strong>${job.state === 'queued' ? html` &middot; ${job.position} ahead` : ''}</p>
<p class="muted">submitted ${job.submittedAt}${job.startedAt === undefined ? '' : html` &middot; started ${job.startedAt}`}${job.finishedAt === undefined ? '' : html` &middot; finished ${job.finishedAt}`}</p>
${running ? html`<p class="muted">This page reloads itself every 2 seconds.</p>` : ''}
${job.error === undefined ? '' : html`<p class="note">${job.error.code}: ${job.error.message}</p>`}
${reportHref === null ? '' : html`<p><a href="${reportHref}">Open the report</a></p>`}`,
  );
}

export function errorPage(status: number, message: string): Html {
  return page(
    { title: `Error ${status}` },
    html`<h1>${status === 404 ? 'Not found' : 'Cannot do that'}</h1><p>${message}</p>`,
  );
}
