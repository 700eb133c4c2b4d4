import { beforeAll, describe, expect, it } from 'vitest';
import { siteRenderer } from '../../shared/site/index.ts';
import { sitePaths } from '../../shared/site/paths.ts';
import type { PublishedDisclosure } from '../../shared/site/site-model.ts';
import { type SeedPublication, seedPublication, unbalancedTags } from './helpers.ts';

/** The unit-year page: valid, accessible HTML5 with the six parts, and no way for uploaded text to become markup. */

let seed: SeedPublication;
let page: string;

function render(p: PublishedDisclosure): string {
  const f = siteRenderer.disclosureFiles(p).find((x) => x.path.endsWith('index.html'));
  if (!f || typeof f.body !== 'string') throw new Error('no page');
  return f.body;
}

const all = (re: RegExp, s: string) => [...s.matchAll(re)];

beforeAll(async () => {
  seed = await seedPublication();
  page = render(seed.published);
});

describe('HTML basics', () => {
  it('is an HTML5 document in Chinese with one h1', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(all(/<h1[ >]/g, page)).toHaveLength(1);
    expect(page).toContain('<title>2023年度武汉市财政局信息中心单位决算公开 - 单位决算公开</title>');
  });

  it('has balanced tags and unique ids, and every reference points at an id', () => {
    expect(unbalancedTags(page)).toEqual([]);
    const ids = all(/\sid="([^"]+)"/g, page).map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const idSet = new Set(ids);
    const refs = [
      ...all(/\s(?:aria-labelledby|headers)="([^"]+)"/g, page).flatMap((m) => (m[1] ?? '').split(' ')),
      ...all(/\shref="#([^"]+)"/g, page).map((m) => m[1] ?? ''),
    ];
    expect(refs.filter((r) => !idSet.has(r))).toEqual([]);
  });

  it('has a skip link, landmarks, a breadcrumb and no skipped heading level', () => {
    expect(page).toContain('<a class="skip-link" href="#main">跳到正文</a>');
    for (const tag of ['<header', '<main id="main"', '<footer', '<nav class="breadcrumb" aria-label="当前位置">']) {
      expect(page).toContain(tag);
    }
    expect(page).toContain('<li><a href="/2023/">2023年度</a></li>');
    expect(page).toContain('<li aria-current="page">武汉市财政局信息中心</li>');
    const levels = all(/<h([1-6])[ >]/g, page).map((m) => Number(m[1]));
    levels.forEach((level, i) => {
      if (i > 0) expect(level - (levels[i - 1] ?? 1)).toBeLessThanOrEqual(1);
    });
  });

  it('every table has a caption and header cells with scope; wide tables scroll in a labelled, focusable region', () => {
    const tables = all(/<table[\s\S]*?<\/table>/g, page).map((m) => m[0]);
    expect(tables.length).toBeGreaterThanOrEqual(9 + 3 * 2 + 1);
    for (const t of tables) {
      expect(t).toMatch(/^<table[^>]*><caption>/);
      const ths = all(/<th\b[^>]*>/g, t).map((m) => m[0]);
      expect(ths.length).toBeGreaterThan(0);
      expect(ths.filter((th) => !/\sscope="(col|row|colgroup|rowgroup)"/.test(th))).toEqual([]);
    }
    for (const region of all(/<div class="table-scroll"[^>]*>/g, page).map((m) => m[0])) {
      expect(region).toMatch(/role="region" aria-label="[^"]+（可左右滚动）" tabindex="0"/);
    }
  });

  it('has no inline script, event handler or javascript: link (CSP: script-src self)', () => {
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).not.toMatch(/javascript:/i);
    expect(page).not.toMatch(/\sstyle="/);
  });

  it('links root-absolute to its data and the stylesheet', () => {
    expect(page).toMatch(/<link rel="stylesheet" href="\/assets\/site\.[0-9a-f]{12}\.css">/);
    expect(page).toContain(`<link rel="stylesheet" href="/${sitePaths.stylesheet()}">`);
    expect(page).toContain('<a href="/2023/101017/data.json">data.json</a>');
    expect(page).toContain('<link rel="alternate" type="text/csv" href="/2023/101017/data.csv"');
  });
});

describe('content', () => {
  it('has the six parts in the seed order, then 数据说明', () => {
    const h2 = all(/<h2 id="(part-\d|data-notes)">([^<]+)<\/h2>/g, page).map((m) => m[2]);
    expect(h2).toEqual([
      '第一部分 武汉市财政局信息中心概况',
      '第二部分 武汉市财政局信息中心2023年度单位决算表',
      '第三部分 武汉市财政局信息中心2023年度单位决算情况说明',
      '第四部分 2023年度重点工作完成情况',
      '第五部分 名词解释',
      '第六部分 附件',
      '数据说明',
    ]);
  });

  it('shows the publication date, the 批复 date and the 20-day deadline', () => {
    expect(page).toContain('<dt>公开日期</dt><dd><time datetime="2024-10-12">2024年10月12日</time></dd>');
    expect(page).toContain('<time datetime="2024-09-25">2024年9月25日</time>');
    expect(page).toContain(
      '批复后20日内，即<time datetime="2024-10-15">2024年10月15日</time>前；<span class="on-time">按时公开</span>',
    );
    const late = render({ ...seed.published, publishedAt: '2024-10-20T01:00:00Z' });
    expect(late).toContain('<strong class="late">晚于时限5日公开</strong>');
  });

  it('draws the nine tables with their 金额单位, notes and empty-table statements', () => {
    for (const n of ['01', '02', '03', '04', '05', '06', '07', '08', '09'])
      expect(page).toContain(`<span>公开${n}表</span>`);
    expect(all(/<span>金额单位：万元<\/span>/g, page)).toHaveLength(9);
    expect(page).toContain('<p class="empty-statement">本单位当年无政府性基金预算财政拨款收入支出。</p>');
    expect(page).toContain('<p class="empty-statement">本单位当年无财政拨款“三公”经费支出。</p>');
    expect(page).toContain('<p>1 栏各行 = (2+3+4+5+6+7) 栏各行。</p>');
    expect(page).toMatch(
      /<th scope="row" id="t1-r-L27" class="total">本年收入合计<\/th><td class="line">27<\/td><td class="num" headers="t1-in t1-in-amt t1-r-L27">635.55<\/td>/,
    );
    expect(page).toMatch(
      /<td class="code">2080505<\/td><th scope="row">机关事业单位基本养老保险缴费支出<\/th><td class="num">48.40<\/td>/,
    );
    expect(page).toContain('<th colspan="2" scope="row" id="t6-r-personnel-total">人员经费合计</th>');
  });

  it('discloses the rounding differences in 数据说明 but not the requests to the unit', () => {
    const notes = page.slice(page.indexOf('<h2 id="data-notes">'));
    expect(notes).toContain('校验发现尾数误差7处');
    expect(all(/<li class="finding notice">/g, notes)).toHaveLength(7);
    const withRequest = render({
      ...seed.published,
      findings: [
        ...seed.published.findings,
        { ...seed.published.findings[0], rule: 'P-02', severity: 'warning', message: '请填写机构设置' } as never,
      ],
    });
    expect(withRequest).not.toContain('请填写机构设置');
  });

  it('shows each self-evaluation with its recomputed score', () => {
    expect(all(/<section class="evaluation"/g, page)).toHaveLength(3);
    expect(page).toContain(
      '得分复核：执行率得分 = 20 × 100.00% = 20.00分；各指标分值合计80分，得分合计80.00分；总分 = 100.00分，与表中一致。',
    );
  });
});

describe('escaping', () => {
  const evil = '<script>alert(1)</script>';

  it('shows a unit name, department and supplied text as text, never as markup', () => {
    const s = structuredClone(seed.supplement);
    s.profile.duties = `职责${evil}`;
    s.reasons.totals = `"><img src=x onerror=alert(1)>`;
    s.keyWork.rows[0] = { seq: '1', matter: evil, goal: '&amp;', result: "' onmouseover='x" };
    const html = render({
      ...seed.published,
      unit: { code: '101017', name: evil, department: evil },
      supplement: s,
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&amp;amp;');
    expect(html).toContain('&#39; onmouseover=&#39;x');
    expect(html).toContain(`<h1>2023年度&lt;script&gt;alert(1)&lt;/script&gt;单位决算公开</h1>`);
    expect(unbalancedTags(html)).toEqual([]);
  });

  it('escapes names read from the workbook tables', () => {
    const t2 = seed.disclosure.tables.T2;
    if (!t2) throw new Error('no T2');
    const T2 = { ...t2, title: `收入决算表${evil}`, rows: t2.rows.map((r) => ({ ...r, name: `${r.name}${evil}` })) };
    const html = render({
      ...seed.published,
      disclosure: { ...seed.disclosure, tables: { ...seed.disclosure.tables, T2 } },
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('收入决算表&lt;script&gt;');
  });
});
