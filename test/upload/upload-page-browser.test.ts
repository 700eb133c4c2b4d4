import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.ts';
import { seedWith } from '../pipeline/workbooks.ts';
import { startUploadHarness, type UploadHarness } from './upload-harness.ts';

/**
 * Acceptance of the upload page (issue 15) in Chromium on the embedded stack, with the page's own CSP enforced:
 * sign in as the demo unit, drop the full seed, see the seven rounding notices before anything is sent, submit, read
 * the accepted report, open the published page; a broken workbook shows its errors in the browser and, once
 * submitted, the rejected report, and the public page stays as it was. axe-core (WCAG 2.1 A/AA) in every state.
 */
const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const FULL_SEED = fileURLToPath(new URL('../fixtures/seed-2023-full.xlsx', import.meta.url));
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let h: UploadHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const requests: { url: string; method: string }[] = [];

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core evaluated through the DevTools protocol (not a page script), so the page's CSP stays enforced. */
async function axeViolations(): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(
    (tags) =>
      (globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe
        .run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => r.violations),
    WCAG_TAGS,
  );
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${v.help} — ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
  );
}

async function expectAccessible(state: string) {
  // Open the reading details so their tables are checked too.
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
  const violations = await axeViolations();
  if (violations.length > 0) console.error(`axe (${state}):\n${violations.join('\n')}`);
  expect(violations, state).toEqual([]);
  await page.screenshot({ path: join(RESULTS, `upload-${state}.png`), fullPage: true });
}

async function appState(): Promise<string> {
  return (await page.getAttribute('#app', 'data-state')) ?? '';
}

beforeAll(async () => {
  h = await startUploadHarness();
  ({ browser } = await launchChromium());
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method() }));
  mkdirSync(RESULTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('upload page', () => {
  it('signed out: the sign-in form, accessible, under the page’s CSP', async () => {
    const response = await page.goto(h.upload.pageUrl, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ${h.upload.pool.endpoint} ${h.stack.s3Endpoint}`);
    await page.waitForSelector('#app[data-state="signed-out"]');
    expect(await page.isVisible('#signin-form')).toBe(true);
    expect(await page.isVisible('#work')).toBe(false);
    await expectAccessible('signed-out');
    // A wrong password is said in Chinese, in the alert region.
    await page.fill('#signin-email', h.demo.email);
    await page.fill('#signin-password', 'Wrong#Passw0rd-0');
    await page.click('#signin-form button[type=submit]');
    await expect.poll(() => page.textContent('#signin-error')).toContain('不正确');
  });

  it('signs in, checks the seed in the browser (7 rounding notices) before anything is sent', async () => {
    await page.fill('#signin-email', h.demo.email);
    await page.fill('#signin-password', h.demo.password);
    await page.click('#signin-form button[type=submit]');
    await page.waitForSelector('#app[data-state="ready"]');
    expect(await page.textContent('#unit-name')).toBe('武汉市财政局信息中心');
    await page.selectOption('#year', '2023');

    // The template is generated in the browser by the CLI's writer.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#template')]);
    expect(download.suggestedFilename()).toBe('2023决算公开表.xlsx');
    const templatePath = join(tmpdir(), `gongkai-template-${process.pid}.xlsx`);
    await download.saveAs(templatePath);
    expect(readFileSync(templatePath).subarray(0, 2).toString()).toBe('PK');

    const before = requests.length;
    await page.setInputFiles('#file', FULL_SEED);
    await page.waitForSelector('#app[data-state="checking"], #app[data-state="checked"]');
    // The checking state, caught while the status says so.
    await page.waitForSelector('#app[data-state="checked"]', { timeout: 30_000 });
    const status = await page.textContent('#check-status');
    expect(status).toContain('通过');
    expect(status).toContain('错误 0 项');
    expect(status).toContain('提示 7 项');
    const notices = await page.$$eval('#check-body tr.finding-notice td.rule', (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(notices).toHaveLength(7);
    expect(await page.textContent('#check-body .verdict')).toContain('检查通过');
    expect(await page.textContent('#check-body details.reading')).toContain('收入支出决算总表');
    // Nothing left the computer: no request to S3 or the API while checking.
    const during = requests.slice(before);
    expect(during.filter((r) => r.url.startsWith(h.stack.s3Endpoint) || r.url.includes('/api/grants'))).toEqual([]);
    await expectAccessible('findings');
  }, 60_000);

  it('submits, follows the submission to the accepted report, and links the published page', async () => {
    await page.click('#submit');
    await page.waitForSelector('#app[data-state="submitted"]', { timeout: 60_000 });
    expect(await page.textContent('#report-body .verdict')).toContain('校验通过');
    const notices = await page.$$eval('#report-body tr.finding-notice', (rows) => rows.length);
    expect(notices).toBe(7);
    const link = await page.getAttribute('#published-link', 'href');
    expect(link).toBe(`${h.stack.siteUrl}/2023/101017/`);
    expect(await page.textContent('#history')).toContain('已公开');
    await expectAccessible('submitted');
    const published = await context.newPage();
    await published.goto(link ?? '', { waitUntil: 'load' });
    expect(await published.title()).toContain('武汉市财政局信息中心');
    writeFileSync(join(RESULTS, 'upload-published.html'), await published.content());
    await published.close();
  }, 90_000);

  it('a broken workbook: errors in the browser, the rejected report after submitting, the public page unchanged', async () => {
    const publicBefore = await (await fetch(`${h.stack.siteUrl}/2023/101017/`)).text();
    const broken = await seedWith({ 收入支出决算总表: { F7: 470.96 } });
    const brokenPath = join(tmpdir(), `gongkai-broken-${process.pid}.xlsx`);
    writeFileSync(brokenPath, broken);
    // The checking state lasts a fraction of a second: hold the file's reading until axe has looked at it.
    await page.evaluate(() => {
      const read = File.prototype.arrayBuffer;
      const w = globalThis as unknown as { releaseRead?: () => void };
      File.prototype.arrayBuffer = function (this: File) {
        return new Promise<ArrayBuffer>((resolve) => {
          w.releaseRead = () => resolve(read.call(this));
        });
      };
    });
    await page.setInputFiles('#file', brokenPath);
    await page.waitForSelector('#app[data-state="checking"]');
    expect(await page.textContent('#check-status')).toContain('正在本机检查');
    await expectAccessible('checking');
    expect(await appState()).toBe('checking');
    await page.evaluate(() => (globalThis as unknown as { releaseRead: () => void }).releaseRead());
    await page.waitForSelector('#app[data-state="checked"]', { timeout: 30_000 });
    expect(await page.textContent('#check-body .verdict')).toContain('检查未通过');
    const errors = await page.$$eval('#check-body tr.finding-error', (rows) => rows.map((r) => r.textContent ?? ''));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain('F7');
    expect(await page.textContent('#submit')).toContain('仍然提交');
    await expectAccessible('findings-errors');

    await page.click('#submit');
    await page.waitForSelector('#app[data-state="submitted"]', { timeout: 60_000 });
    expect(await page.textContent('#report-body .verdict')).toContain('校验未通过');
    expect(await page.textContent('#report-body')).toContain('未公开');
    const serverErrors = await page.$$eval('#report-body tr.finding-error', (rows) => rows.length);
    expect(serverErrors).toBe(errors.length);
    await h.stack.idle();
    expect(await (await fetch(`${h.stack.siteUrl}/2023/101017/`)).text()).toBe(publicBefore);
    expect(await page.textContent('#history')).toContain('未通过');
  }, 90_000);

  it('works on a phone width and signs out', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible('phone');
    await page.click('#signout');
    await page.waitForSelector('#app[data-state="signed-out"]');
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
  });
});
