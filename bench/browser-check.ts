import { statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ensureDemoAccount } from '../infra/local/upload-local.ts';
import { DynamoUnitRegistry } from '../shared/storage/dynamo-store.ts';
import { UPLOAD_PAGE } from '../shared/upload-page/paths.ts';
import { launchChromium } from '../test/helpers/chromium.ts';
import { startUploadHarness } from '../test/upload/upload-harness.ts';
import { type Sample, summarize } from './stats.ts';
import { LARGE_UNIT, SEED_UNIT } from './workloads.ts';

/**
 * The upload page's instant check, measured where units run it: headless Chromium on the embedded stack, the shipped
 * page and bundle, signed in as the workbook's unit. Each run drops the file on the page and reads the time the page
 * itself measured around the check (`#app[data-check-ms]`: reading with exceljs's browser build and every rule,
 * after the bytes are in memory). Medians over the runs, after warm-up.
 */
export interface BrowserCheckResult {
  seed: Sample;
  large: Sample;
  /** The page's script as deployed (`upload/upload.js`), bytes. */
  bundleBytes: number;
  chromium: string;
}

async function checkOnce(page: Page, file: string): Promise<number> {
  await page.evaluate(() => {
    const app = document.getElementById('app') as HTMLElement;
    delete app.dataset.checkMs;
  });
  await page.setInputFiles('#file', file);
  await page.waitForSelector('#app[data-state="checked"][data-check-ms]', { timeout: 120_000 });
  return Number(await page.getAttribute('#app', 'data-check-ms'));
}

export async function measureBrowserCheck(
  files: { seed: string; large: string },
  year: number,
  runs: { warmup: number; seed: number; large: number },
): Promise<BrowserCheckResult> {
  const h = await startUploadHarness();
  const { browser, source } = await launchChromium();
  try {
    const registry = new DynamoUnitRegistry(h.stack.tableName);
    await registry.put(LARGE_UNIT);
    const accounts = {
      seed: await ensureDemoAccount(h.upload, SEED_UNIT),
      large: await ensureDemoAccount(h.upload, LARGE_UNIT),
    };
    const script = await fetch(`${h.stack.siteUrl}/${UPLOAD_PAGE.script}`);
    const bundleBytes = (await script.arrayBuffer()).byteLength;
    const result: Partial<Record<'seed' | 'large', Sample>> = {};
    for (const w of ['seed', 'large'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on('pageerror', (e) => process.stderr.write(`bench: page error ${e.message}\n`));
      await page.goto(h.upload.pageUrl, { waitUntil: 'load' });
      await page.waitForSelector('#app[data-state="signed-out"]');
      await page.fill('#signin-email', accounts[w].email);
      await page.fill('#signin-password', accounts[w].password);
      await page.click('#signin-form button[type=submit]');
      await page.waitForSelector('#app[data-state="ready"]');
      await page.selectOption('#year', String(year));
      for (let i = 0; i < runs.warmup; i++) await checkOnce(page, files[w]);
      const times: number[] = [];
      for (let i = 0; i < runs[w]; i++) times.push(await checkOnce(page, files[w]));
      result[w] = summarize(times);
      process.stderr.write(
        `bench: browser check ${w} (${Math.round(statSync(files[w]).size / 1024)} KB): median ${result[w].median.toFixed(1)} ms\n`,
      );
      await context.close();
    }
    return { seed: result.seed as Sample, large: result.large as Sample, bundleBytes, chromium: source };
  } finally {
    await browser.close();
    await h.close();
  }
}
