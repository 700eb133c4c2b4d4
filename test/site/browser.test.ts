import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteRenderer } from '../../shared/site/index.ts';
import { departmentSlug } from '../../shared/site/paths.ts';
import { type BrowsedSite, browseSite, TEST_RESULTS } from '../helpers/site-server.ts';
import { seedPublication } from './helpers.ts';

/**
 * The seed page in a real browser (a system Chromium, else the one inside @sparticuz/chromium: test/helpers/chromium.ts),
 * served from a local server with the site's security headers (so an inline script or a foreign resource would show up
 * as a console error). Screenshots for review go to test-results/.
 */

let site: BrowsedSite;

beforeAll(async () => {
  const { published } = await seedPublication();
  const slug = departmentSlug(published.unit.department);
  const files = [
    ...siteRenderer.disclosureFiles(published),
    ...siteRenderer.staticFiles(),
    ...siteRenderer.yearPage(2023, [
      { name: '武汉市财政局', slug, unitCount: 1 },
      { name: '武汉市教育局', slug: departmentSlug('武汉市教育局'), unitCount: 3 },
    ]),
  ];
  site = await browseSite(files);
}, 60_000);

afterAll(async () => {
  await site?.close();
});

describe('the seed page in chromium', () => {
  it('shows the nine tables and the thirteen sections with the right figures, without console errors', async () => {
    const errors: string[] = [];
    const page = await site.open('/2023/101017/', 1280, errors);
    await expect(page.title()).resolves.toBe('2023年度武汉市财政局信息中心单位决算公开 - 单位决算公开');

    const captions = await page.locator('.table-section table > caption .caption-title').allTextContents();
    expect(captions).toEqual([
      '2023年度收入支出决算总表',
      '2023年度收入决算表',
      '2023年度支出决算表',
      '2023年度财政拨款收入支出决算总表',
      '2023年度一般公共预算财政拨款支出决算表',
      '2023年度一般公共预算财政拨款基本支出决算明细表',
      '2023年度政府性基金预算财政拨款收入支出决算表',
      '2023年度国有资本经营预算财政拨款支出决算表',
      '2023年度财政拨款“三公”经费支出决算表',
    ]);
    const cell = (selector: string) => page.locator(selector).first().textContent();
    await expect(cell('td[headers~="t1-r-L27"]')).resolves.toBe('635.55');
    await expect(cell('td[headers~="t4-r-L51"][headers~="t4-ex-c3"]')).resolves.toBe('62.63');
    await expect(cell('td[headers~="t6-r-30209"]')).resolves.toBe('1.12');
    await expect(cell('td[headers~="t6-r-public-total"]')).resolves.toBe('34.42');

    const sections = await page.locator('section.explain > h3').allTextContents();
    expect(sections).toHaveLength(13);
    expect(sections[0]).toBe('一、收入支出决算总体情况说明');
    expect(sections[12]).toBe('十三、预算绩效情况说明');
    const part3 = (await page.locator('#part-3').locator('xpath=..').textContent()) ?? '';
    for (const figure of ['下降6.6%', '占本年支出78.9%', '占本年支出21.1%', '占73.8%', '占7.7%', '占8.6%', '占9.9%']) {
      expect(part3).toContain(figure);
    }
    for (const rate of ['83.7%', '91.6%', '1.3%', '82.9%', '84.5%', '97.6%'])
      expect(part3).toContain(`完成年初预算的${rate}`);
    expect(part3).toContain('物业管理费');
    expect(part3).not.toContain('6.7%');

    await page.screenshot({ path: `${TEST_RESULTS}seed-page.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders the Chinese text with a CJK font (glyphs, not boxes)', async () => {
    const errors: string[] = [];
    const page = await site.open('/2023/101017/', 1280, errors);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    // Every glyph of the title comes from one font that has Chinese in it (a missing font would be a fallback "box").
    expect(fonts.map((f) => f.familyName)).toEqual([
      expect.stringMatching(/Noto Sans|WenQuanYi|CJK|Hans|PingFang|YaHei/),
    ]);
    expect(fonts[0]?.glyphCount).toBe(((await page.locator('h1').textContent()) ?? '').replace(/\s/g, '').length);
    await cdp.detach();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a 390px phone: the page does not scroll sideways, wide tables scroll inside their region', async () => {
    const errors: string[] = [];
    const page = await site.open('/2023/101017/', 390, errors);
    // Expressions as strings: they run in the page, and this project's TypeScript has no DOM library.
    const widths = {
      page: await page.evaluate<number>('document.documentElement.scrollWidth'),
      viewport: await page.evaluate<number>('window.innerWidth'),
      t1: await page.evaluate<number>("document.querySelector('#table-t1 ~ .table-scroll').scrollWidth"),
    };
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(widths.t1).toBeGreaterThan(widths.viewport);
    // The scroll region is reachable from the keyboard.
    await page.locator('#table-t1 ~ .table-scroll').focus();
    await expect(page.evaluate<string>("document.activeElement.getAttribute('role')")).resolves.toBe('region');
    await page.screenshot({ path: `${TEST_RESULTS}seed-page-phone.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints without navigation and with table headers repeated', async () => {
    const errors: string[] = [];
    const page = await site.open('/2023/101017/', 794, errors);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.breadcrumb', '.toc', '.site-header', '.site-footer']) {
      await expect(page.locator(selector).isVisible()).resolves.toBe(false);
    }
    await expect(
      page.evaluate<string>("getComputedStyle(document.querySelector('table.fin thead')).display"),
    ).resolves.toBe('table-header-group');
    await page.screenshot({ path: `${TEST_RESULTS}seed-page-print.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters departments on the year page with search.js (and lists them all before)', async () => {
    const errors: string[] = [];
    const page = await site.open('/2023/', 1280, errors);
    const items = page.locator('#department-list > li');
    await expect(items.count()).resolves.toBe(2);
    await page.getByLabel('筛选主管部门').fill('教育');
    await expect(page.locator('#department-list > li:not([hidden])').allTextContents()).resolves.toEqual([
      '武汉市教育局3个单位',
    ]);
    await expect(page.locator('.search-status').textContent()).resolves.toBe('找到 1 个主管部门');
    expect(errors).toEqual([]);
    await page.close();
  });
});
