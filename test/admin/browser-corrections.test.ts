import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteRenderer } from '../../shared/site/index.ts';
import { renderWithdrawnPage } from '../../shared/site/render-corrections.ts';
import { type BrowsedSite, browseSite, TEST_RESULTS } from '../helpers/site-server.ts';
import { correctedPublication } from './corrected-seed.ts';

/**
 * Issue 13 in a real browser, served with the site's security headers: the 更正说明 of a corrected disclosure (its
 * table of changed figures, the link to the first version, which says it is superseded) and a withdrawal notice.
 * Screenshots for review go to test-results/.
 */
let site: BrowsedSite;

beforeAll(async () => {
  const { published } = await correctedPublication();
  site = await browseSite([
    ...siteRenderer.disclosureFiles(published),
    ...siteRenderer.staticFiles(),
    {
      path: '2023/101019/index.html',
      contentType: 'text/html; charset=utf-8',
      body: renderWithdrawnPage({ code: '101019', name: '武汉市某撤回单位', department: '武汉市财政局' }, 2023, {
        reason: '误将其他单位数据发布',
        at: '2024-11-05T03:00:00.000Z',
      }),
    },
  ]);
}, 60_000);

afterAll(async () => {
  await site?.close();
});

describe('corrections and withdrawal in Chromium', () => {
  it('shows 公开日期, 更新日期 and the 更正说明 table; the link leads to the first version, marked superseded', async () => {
    const errors: string[] = [];
    const page = await site.open('/2023/101017/', 1280, errors);
    const meta = ((await page.locator('dl.meta').first().textContent()) ?? '').replace(/\s+/g, '');
    expect(meta).toContain('公开日期2024年10月12日');
    expect(meta).toContain('更新日期2024年11月3日');
    await page.locator('dl.meta a[href="#corrections"]').click();
    await expect(page.locator('#corrections').isVisible()).resolves.toBe(true);
    const rows = await page
      .locator('table.corrections tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['一般公共预算财政拨款基本支出决算明细表', '301 工资福利支出', '栏1 决算数', '466.32', '466.33'],
      ['一般公共预算财政拨款基本支出决算明细表', '30101 基本工资', '栏1 决算数', '68.36', '68.37'],
      ['一般公共预算财政拨款基本支出决算明细表', '人员经费合计', '栏1 决算数', '467.17', '467.18'],
    ]);
    await page.locator('section.corrections').screenshot({ path: `${TEST_RESULTS}corrections.png` });
    const first = await page.locator('section.corrections a', { hasText: '首次公开版本' }).getAttribute('href');
    expect(first).toBe('/2023/101017/v/u-first/');
    await page.goto(`${site.base}${first}`, { waitUntil: 'load' });
    await expect(page.locator('.superseded').textContent()).resolves.toContain('此为历史版本，已被更正。');
    await expect(page.locator('td[headers~="t6-r-30101"]').first().textContent()).resolves.toBe('68.36');
    const current = await page.locator('.superseded a').getAttribute('href');
    expect(current).toBe('/2023/101017/');
    await page.goto(`${site.base}${current}`, { waitUntil: 'load' });
    await expect(page.locator('td[headers~="t6-r-30101"]').first().textContent()).resolves.toBe('68.37');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the withdrawal notice shows the date and the reason, and fits a phone', async () => {
    const errors: string[] = [];
    const page = await site.open('/2023/101019/', 390, errors);
    const text = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, '');
    expect(text).toContain('撤回日期2024年11月5日');
    expect(text).toContain('撤回原因误将其他单位数据发布');
    expect(await page.evaluate('document.documentElement.scrollWidth <= innerWidth')).toBe(true);
    await page.screenshot({ path: `${TEST_RESULTS}withdrawn.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
