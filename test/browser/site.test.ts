/**
 * The site in a real browser: Debian's Chromium driven by playwright-core (browsers cannot be downloaded
 * here; .ci/run installs the chromium package). Screenshots go to $ASSAY_SCREENSHOT_DIR when it is set
 * (docs/screenshots/ is made that way), else to a temporary directory.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { createApp } from '../../src/server/app.ts';
import { type Listening, listen } from '../../src/server/start.ts';
import { BEHAVIOR, fixture, HOSTILE_NAME, HOSTILE_SNIPPET } from '../../src/server/testing/fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium)`;

describe('the site in Chromium', { skip }, () => {
  let server: Listening;
  let context: BrowserContext;
  let profile: string;
  const shots = process.env['ASSAY_SCREENSHOT_DIR'] || mkdtempSync(join(tmpdir(), 'assay-shots-'));

  before(async () => {
    server = await listen(createApp(fixture().deps), '127.0.0.1', 0);
    profile = mkdtempSync(join(tmpdir(), 'assay-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    mkdirSync(shots, { recursive: true });
  });

  after(async () => {
    await context?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** A page that records every dialog and console message, to prove no script ran. */
  async function watchedPage(): Promise<{ page: Page; dialogs: string[]; console: string[] }> {
    const page = await context.newPage();
    const dialogs: string[] = [];
    const messages: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
    return { page, dialogs, console: messages };
  }

  it("search → package page → a behavior's evidence → its catalog page", async () => {
    const { page, dialogs, console } = await watchedPage();
    await page.goto(`${server.url}/`);
    await page.fill('#q', 'express');
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/search\?q=express/);
    await page.click('a[href="/npm/express"]');
    await page.waitForURL(/\/npm\/express$/);
    assert.equal(await page.textContent('.verdict'), 'fail');
    assert.match((await page.textContent('h1')) ?? '', /express\s+5\.0\.0/);
    // The prevalence bars are drawn by the browser from <meter> elements: no script, no inline style.
    assert.ok((await page.locator('meter').count()) >= 3);
    await page.screenshot({ path: join(shots, 'package-page.png'), fullPage: true });
    await page.click(`#behavior-${BEHAVIOR} ul.evidence a >> nth=0`);
    await page.waitForURL(/\/evidence\?/);
    assert.equal(await page.textContent('tr.hit td.n'), '3');
    assert.equal((await page.textContent('tr.hit td:not(.n)'))?.trim(), HOSTILE_SNIPPET);
    await page.click('main h1 a');
    await page.waitForURL(new RegExp(`/behaviors/${BEHAVIOR}$`));
    assert.match((await page.textContent('main')) ?? '', /Most popular packages showing it/);
    await page.screenshot({ path: join(shots, 'catalog-page.png'), fullPage: true });
    assert.deepEqual(dialogs, []);
    assert.deepEqual(console, []);
    for (const name of ['package-page.png', 'catalog-page.png']) {
      const png = readFileSync(join(shots, name));
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
      assert.ok(png.length > 20_000, `${name} has content`);
    }
  });

  it('the hostile package page shows its name literally and runs no script', async () => {
    const { page, dialogs, console } = await watchedPage();
    await page.goto(`${server.url}/npm/${encodeURIComponent(HOSTILE_NAME)}`);
    assert.equal((await page.textContent('h1 '))?.replace(/\s*1\.0\.0$/, ''), HOSTILE_NAME);
    assert.equal(await page.locator('script').count(), 0);
    assert.equal(await page.locator('img').count(), 0);
    assert.ok(((await page.textContent('main')) ?? '').includes(HOSTILE_SNIPPET));
    await page.click('ul.evidence a >> nth=0');
    await page.waitForURL(/\/evidence\?/);
    assert.equal(await page.locator('img').count(), 0);
    // Give a would-be handler time to fire before concluding that none did.
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(console, []);
  });
});
