import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../shared/report/render-report-html.ts';
import { siteRenderer } from '../../shared/site/index.ts';
import { departmentSlug } from '../../shared/site/paths.ts';
import { renderWithdrawnPage } from '../../shared/site/render-corrections.ts';
import type { CatalogEntry, SiteFile } from '../../shared/site/site-model.ts';
import { correctedPublication } from '../admin/corrected-seed.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { SEED_SHEETS, seedGrids, validateGrids, withCell } from '../helpers/seed.ts';
import { type SiteServer, serveSite } from '../helpers/site-server.ts';
import { SEED_CODE, SEED_UNIT, seedPublication } from './helpers.ts';

/**
 * Accessibility proven in the browser: axe-core (WCAG 2.0/2.1, levels A and AA) finds no violation on any page type
 * the site publishes, nor on the unit's HTML report; the keyboard reaches every link and the search box in reading
 * order, each with a visible focus indicator.
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const DEPT = '武汉市财政局';
const SLUG = departmentSlug(DEPT);

let browser: Browser;
let site: SiteServer;

const entry = (year: number): CatalogEntry => ({
  year,
  unit: { code: SEED_CODE, name: SEED_UNIT, department: DEPT },
  publishedAt: `${year + 1}-10-12T02:00:00.000Z`,
  version: `v${year}`,
  totalIncome: '635.55',
  totalExpenditure: '635.55',
});

beforeAll(async () => {
  const { published } = await seedPublication();
  const accepted = validateGrids(await seedGrids());
  const rejected = validateGrids(withCell(await seedGrids(), SEED_SHEETS.T1, 'C7', { kind: 'number', value: 636.55 }));
  if (accepted.status !== 'accepted' || rejected.status !== 'rejected') {
    throw new Error(
      `the seed should be accepted and its T1 C7 change rejected: ${accepted.status}, ${rejected.status}`,
    );
  }
  const report = (path: string, r: typeof accepted, outcome: string, url: string | null): SiteFile => ({
    path,
    contentType: 'text/html; charset=utf-8',
    body: renderReportHtml(r, {
      unitCode: SEED_CODE,
      year: 2023,
      fileName: '2023年决算公开.xlsx',
      receivedAt: '2024-10-12T02:00:00.000Z',
      outcome,
      url,
    }),
  });
  // Issue 13: a corrected disclosure (更正说明), its first version (superseded) and a withdrawal notice.
  const corrected = (await correctedPublication('101018')).published;
  site = await serveSite([
    ...siteRenderer.disclosureFiles(published),
    ...siteRenderer.disclosureFiles(corrected),
    {
      path: '2023/101019/index.html',
      contentType: 'text/html; charset=utf-8',
      body: renderWithdrawnPage({ code: '101019', name: SEED_UNIT, department: DEPT }, 2023, {
        reason: '误将其他单位数据发布',
        at: '2024-11-05T03:00:00.000Z',
      }),
    },
    ...siteRenderer.staticFiles(),
    ...siteRenderer.homePage([
      { year: 2023, unitCount: 4 },
      { year: 2022, unitCount: 1 },
    ]),
    ...siteRenderer.yearPage(2023, [
      { name: DEPT, slug: SLUG, unitCount: 1 },
      { name: '武汉市教育局', slug: departmentSlug('武汉市教育局'), unitCount: 3 },
    ]),
    ...siteRenderer.departmentPage(2023, { name: DEPT, slug: SLUG, unitCount: 1 }, [entry(2023)]),
    ...siteRenderer.unitPage(entry(2023).unit, [entry(2023), entry(2022)]),
    report('reports/accepted.html', accepted, '已公开', 'http://127.0.0.1/2023/101017/'),
    report('reports/rejected.html', rejected, '未公开：请修改错误后重新上传', null),
  ]);
  ({ browser } = await launchChromium());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core in the page (injected as a script: the CSP of the site is bypassed for the test's own script only). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(
    (tags) =>
      (
        globalThis as unknown as {
          axe: { run(options: unknown): Promise<{ violations: AxeViolation[] }> };
        }
      ).axe
        .run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => r.violations),
    WCAG_TAGS,
  );
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${JSON.stringify(n.target)}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`,
    ),
  );
}

async function open(path: string, width = 1280): Promise<{ page: Page; status: number | undefined }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  const response = await page.goto(`${site.base}${path}`, { waitUntil: 'load' });
  return { page, status: response?.status() };
}

describe('axe-core finds no WCAG 2.1 A/AA violation', () => {
  const pages: [string, string, number][] = [
    ['the disclosure page', '/2023/101017/', 200],
    ['a corrected disclosure (更新日期, 更正说明)', '/2023/101018/', 200],
    ['an earlier version, marked superseded', '/2023/101018/v/u-first/', 200],
    ['a withdrawal notice', '/2023/101019/', 200],
    ['the home page', '/', 200],
    ['the year page (with its search box shown by search.js)', '/2023/', 200],
    ['the department page', `/2023/departments/${SLUG}/`, 200],
    ['the unit page', `/units/${SEED_CODE}/`, 200],
    ['the 404 page', '/2023/999999/', 404],
    ['the report of an accepted workbook', '/reports/accepted.html', 200],
    ['the report of a rejected workbook', '/reports/rejected.html', 200],
  ];
  for (const [name, path, expectedStatus] of pages) {
    for (const width of [1280, 390]) {
      it(`on ${name} at ${width}px`, async () => {
        const { page, status } = await open(path, width);
        expect(status).toBe(expectedStatus);
        // The chart data tables are in closed <details>: open them so axe checks them too.
        await page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
        const violations = await axeViolations(page);
        if (violations.length > 0) console.error(`axe on ${path} at ${width}px:\n${violations.join('\n')}`);
        expect(violations).toEqual([]);
        await page.context().close();
      });
    }
  }

  it('the check fails on a page with a violation (a contrast of 1.6:1)', async () => {
    const { page } = await open('/');
    await page.evaluate("document.querySelector('.lead, p').style.color = '#aaa'");
    const violations = await axeViolations(page);
    expect(violations.join('\n')).toContain('color-contrast');
    await page.context().close();
  });
});

interface Focused {
  tag: string;
  text: string;
  outline: string;
  outlineWidth: number;
  inViewport: boolean;
  outlineContrast: number;
}

/** How the test names an element: tag and accessible text (or id), as `a 首页`. */
const LABEL = `const label = (e) => (e.getAttribute('aria-label') || e.textContent || e.id || '').trim().slice(0, 24);`;

/** What has the focus, how its focus ring looks, and the ring's contrast with the background behind the element. */
const FOCUSED = `(() => {
  ${LABEL}
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = null;
  for (let a = el.parentElement; a && !bg; a = a.parentElement) {
    const c = rgb(getComputedStyle(a).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) bg = c;
  }
  const l1 = lum(rgb(style.outlineColor)); const l2 = lum(bg || [255, 255, 255]);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    text: label(el),
    outline: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    inViewport: box.width > 0 && box.height > 0 && box.top < innerHeight && box.bottom > 0 && box.left < innerWidth && box.right > 0,
    outlineContrast: Math.round(((Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05)) * 10) / 10,
  };
})()`;

/** Every element a keyboard user should reach, in document (reading) order: links, fields, scroll regions. */
const REACHABLE = `(() => {
  ${LABEL}
  return [...document.querySelectorAll('a[href], input, button, summary, [tabindex]:not([tabindex="-1"])')]
    .filter((e) => e.checkVisibility())
    .map((e) => e.tagName.toLowerCase() + ' ' + label(e));
})()`;

async function tabThrough(page: Page, stops: number): Promise<Focused[]> {
  const seen: Focused[] = [];
  for (let i = 0; i < stops; i += 1) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate<Focused>(FOCUSED));
  }
  return seen;
}

function expectVisibleFocus(seen: Focused[]) {
  for (const f of seen) {
    expect(f, `${f.tag} ${f.text}`).toMatchObject({ outline: 'solid', inViewport: true });
    expect(f.outlineWidth, `${f.tag} ${f.text}`).toBeGreaterThanOrEqual(2);
    // WCAG 1.4.11: a focus indicator needs 3:1 against what surrounds it.
    expect(f.outlineContrast, `${f.tag} ${f.text}`).toBeGreaterThanOrEqual(3);
  }
}

describe('keyboard', () => {
  it('on the year page, Tab goes skip link → site name → breadcrumb → search box → departments → footer, each with a visible focus ring', async () => {
    const { page } = await open('/2023/');
    const reachable = await page.evaluate<string[]>(REACHABLE);
    const seen = await tabThrough(page, reachable.length);
    expect(seen.map((f) => `${f.tag} ${f.text}`)).toEqual(reachable);
    expect(reachable).toEqual([
      'a 跳到正文',
      'a 单位决算公开',
      'a 首页',
      'input department-filter',
      'a 武汉市财政局1个单位',
      'a 武汉市教育局3个单位',
      'a /2023/catalog.json',
      'a 返回首页',
    ]);
    expectVisibleFocus(seen);
    // Typing in the focused search box filters the list.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('教育');
    await expect(page.locator('#department-list > li:not([hidden])').count()).resolves.toBe(1);
    await page.context().close();
  });

  it('the skip link moves the focus to the main content', async () => {
    const { page } = await open('/2023/101017/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.evaluate<string>('document.activeElement.id')).resolves.toBe('main');
    await page.context().close();
  });

  it('on the disclosure page, links and the scrollable tables are reached in reading order with a visible focus ring', async () => {
    const { page } = await open('/2023/101017/');
    const reachable = await page.evaluate<string[]>(REACHABLE);
    const seen = await tabThrough(page, reachable.length);
    expect(seen.map((f) => `${f.tag} ${f.text}`)).toEqual(reachable);
    expect(seen.slice(0, 6).map((f) => `${f.tag} ${f.text}`)).toEqual([
      'a 跳到正文',
      'a 单位决算公开',
      'a 首页',
      'a 2023年度',
      'a 武汉市财政局',
      'a data.json',
    ]);
    expect(seen.filter((f) => f.tag === 'div').length).toBeGreaterThanOrEqual(9); // the nine tables' scroll regions
    expect(seen.filter((f) => f.tag === 'summary').length).toBeGreaterThanOrEqual(1); // the charts' data tables
    expect(seen.at(-1)?.text).toBe('返回首页');
    expectVisibleFocus(seen);
    await page.context().close();
  });
});
