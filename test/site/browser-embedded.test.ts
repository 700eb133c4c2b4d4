import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack.ts';
import { DynamoUnitRegistry } from '../../shared/storage/dynamo-store.ts';
import { s3Client } from '../../shared/storage/s3-store.ts';
import { launchChromium } from '../helpers/chromium.ts';

/**
 * The whole way a citizen gets the page: a unit uploads the full seed workbook to the embedded stack, the same
 * handler code validates, stores and renders it, and Chromium reads it through the local CloudFront stand-in (with
 * the production security headers) — home → year → department → disclosure.
 */
const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const FULL_SEED = fileURLToPath(new URL('../fixtures/seed-2023-full.xlsx', import.meta.url));

let dataDir: string;
let stack: EmbeddedStack;
let browser: Browser;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gongkai-browser-'));
  stack = await startEmbeddedStack({ dataDir });
  await new DynamoUnitRegistry(stack.tableName).put({
    code: '101017',
    name: '武汉市财政局信息中心',
    department: '武汉市财政局',
    aliases: [],
  });
  await s3Client().send(
    new PutObjectCommand({
      Bucket: stack.uploadBucket,
      Key: 'uploads/101017/2023/2023年决算公开.xlsx',
      Body: readFileSync(FULL_SEED),
    }),
  );
  await stack.idle();
  ({ browser } = await launchChromium());
  await mkdir(RESULTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the published seed in Chromium, served by the embedded stack', () => {
  it('is reached from the home page and shows all nine tables and thirteen sections without console errors', async () => {
    expect(stack.outcomes.map((o) => o.status)).toEqual(['published']);
    const errors: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));

    await page.goto(`${stack.siteUrl}/`);
    await page.getByRole('link', { name: /2023/ }).first().click();
    await page
      .getByRole('link', { name: /武汉市财政局/ })
      .first()
      .click();
    await page
      .getByRole('link', { name: /武汉市财政局信息中心/ })
      .first()
      .click();
    expect(new URL(page.url()).pathname).toBe('/2023/101017/');

    await expect(page.locator('.table-section table > caption .caption-title').count()).resolves.toBe(9);
    const sections = await page.locator('section.explain > h3').allTextContents();
    expect(sections).toHaveLength(13);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const figure of [
      '635.55',
      '501.59',
      '133.96',
      '占本年支出78.9%',
      '下降6.6%',
      '完成年初预算的83.7%',
      '完成年初预算的1.3%',
    ]) {
      expect(text).toContain(figure);
    }
    expect(text).not.toContain('下降6.7%');
    for (const part of ['第一部分', '第二部分', '第三部分', '第四部分', '第五部分', '第六部分'])
      expect(text).toContain(part);

    const data = await page.request.get(`${stack.siteUrl}/2023/101017/data.json`);
    expect(data.status()).toBe(200);
    await page.screenshot({ path: `${RESULTS}seed-page-embedded.png`, fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  });
});
