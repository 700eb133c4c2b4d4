import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../shared/admin/diff-versions.ts';
import { scoreVersion, withTimeliness } from '../../shared/admin/score.ts';
import { deadlineOf, isIsoDate, timelinessOf } from '../../shared/admin/timeliness.ts';
import { siteRenderer } from '../../shared/site/index.ts';
import { renderWithdrawnPage } from '../../shared/site/render-corrections.ts';
import { CHANGED_CELLS, correctedPublication } from './corrected-seed.ts';

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

describe('deadline and timeliness (批复日期 + 20 calendar days, judged by the first publication)', () => {
  it('the seed: 批复 2024-09-25 → due 2024-10-15', () => {
    expect(deadlineOf('2024-09-25')).toBe('2024-10-15');
    expect(deadlineOf(null)).toBeNull();
  });
  it('on the deadline day (China time) is on time, the day after is late', () => {
    // 2024-10-15 23:30 in China is 15:30 UTC: still the 15th.
    expect(
      timelinessOf({ approvalDate: '2024-09-25', firstPublishedAt: '2024-10-15T15:30:00Z', today: '2026-01-01' }),
    ).toMatchObject({ timeliness: 'on-time', daysLate: 0 });
    expect(
      timelinessOf({ approvalDate: '2024-09-25', firstPublishedAt: '2024-10-15T16:30:00Z', today: '2026-01-01' }),
    ).toMatchObject({ timeliness: 'late', daysLate: 1 });
  });
  it('nothing published: overdue after the deadline, pending before; no 批复日期: unknown', () => {
    expect(
      timelinessOf({ approvalDate: '2024-09-25', firstPublishedAt: null, today: '2024-10-16T01:00:00Z' }),
    ).toMatchObject({ timeliness: 'overdue', daysLate: 1 });
    expect(
      timelinessOf({ approvalDate: '2024-09-25', firstPublishedAt: null, today: '2024-10-15T01:00:00Z' }).timeliness,
    ).toBe('pending');
    expect(timelinessOf({ approvalDate: null, firstPublishedAt: '2024-10-01', today: '2026-01-01' }).timeliness).toBe(
      'unknown',
    );
  });
  it('dates are checked as calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-9-25')).toBe(false);
  });
});

describe('更正说明: what changed between two stored versions', () => {
  it('lists exactly the three changed cells (table, row, column, old → new) and no text part', async () => {
    const { first, second } = await correctedPublication();
    const d = diffVersions(first, second);
    expect(d.texts).toEqual([]);
    expect(d.figures.map((f) => ({ rowKey: f.rowKey, old: f.old, new: f.new }))).toEqual(CHANGED_CELLS);
    expect(d.figures.every((f) => f.table === 'T6' && f.column === 1)).toBe(true);
    expect(d.figures[1]).toMatchObject({ rowName: '基本工资', code: '30101', columnLabel: '决算数' });
  });

  it('names a changed text part of the supplement', async () => {
    const { first, second } = await correctedPublication();
    const supplement = second.supplement && {
      ...second.supplement,
      profile: { ...second.supplement.profile, duties: '新的职责表述' },
    };
    const changed = { ...second, supplement };
    expect(diffVersions(first, changed).texts).toEqual([{ part: '单位职责' }]);
  });

  it('the page keeps 公开日期 (first publication), shows 更新日期 and the 更正说明 table; the timeliness follows the first date', async () => {
    const { published } = await correctedPublication();
    const files = siteRenderer.disclosureFiles(published);
    const page = String(files.find((f) => f.path === '2023/101017/index.html')?.body);
    expect(text(page)).toContain('公开日期2024年10月12日');
    expect(text(page)).toContain('更新日期2024年11月3日');
    expect(page).toContain('<h2 id="corrections">更正说明</h2>');
    const table = page.slice(
      page.indexOf('class="fin corrections"'),
      page.indexOf('</table>', page.indexOf('class="fin corrections"')),
    );
    const rows = [
      ...table.matchAll(
        /<tr><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g,
      ),
    ].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['一般公共预算财政拨款基本支出决算明细表', '301 工资福利支出', '栏1 决算数', '466.32', '466.33'],
      ['一般公共预算财政拨款基本支出决算明细表', '30101 基本工资', '栏1 决算数', '68.36', '68.37'],
      ['一般公共预算财政拨款基本支出决算明细表', '人员经费合计', '栏1 决算数', '467.17', '467.18'],
    ]);
    // 2024-10-12 is 3 days after the deadline 2024-10-15? No: before it — on time, whatever the correction's date.
    expect(text(page)).toContain('按时公开');
  });

  it('every version has a stable address; the earlier one says it is superseded and links to the current page', async () => {
    const { published } = await correctedPublication();
    const files = siteRenderer.disclosureFiles(published);
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['2023/101017/v/u-first/index.html', '2023/101017/v/u-second/index.html']),
    );
    const old = String(files.find((f) => f.path === '2023/101017/v/u-first/index.html')?.body);
    expect(text(old)).toContain('此为历史版本，已被更正。');
    expect(old).toContain('href="/2023/101017/"');
    expect(old).toContain('68.36');
    expect(old).not.toContain('id="corrections"');
    const current = String(files.find((f) => f.path === '2023/101017/v/u-second/index.html')?.body);
    expect(current).not.toContain('此为历史版本');
  });
});

describe('withdrawal notice', () => {
  it('shows the date and the reason, escaped, and no figures', () => {
    const page = renderWithdrawnPage(
      { code: '101017', name: '武汉市财政局信息中心', department: '武汉市财政局' },
      2023,
      { reason: '单位误传<script>alert(1)</script>', at: '2024-11-05T03:00:00.000Z' },
    );
    expect(text(page)).toContain('撤回日期2024年11月5日');
    expect(page).toContain('单位误传&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('data.json');
  });
});

describe('公开检查 score', () => {
  it('the seed: complete, detailed to 项 and 款, rounding notices cost nothing; 及时性 by verdict', async () => {
    const { second } = await correctedPublication();
    const items = scoreVersion(second);
    const onTime = withTimeliness(items, 'on-time', 0);
    expect(onTime.byDimension).toEqual({ completeness: 40, timeliness: 20, detail: 20, conformity: 20 });
    expect(onTime.total).toBe(100);
    expect(withTimeliness(items, 'late', 3).byDimension.timeliness).toBe(10);
    expect(withTimeliness(items, 'late', 777).total).toBe(80);
    expect(withTimeliness(items, 'unknown', 0).items.at(-1)?.note).toBe('无批复日期，无法判定');
  });
  it('a missing table and warnings lose points', async () => {
    const { second } = await correctedPublication();
    const { T9: _gone, ...tables } = second.disclosure.tables;
    const v = { ...second, disclosure: { ...second.disclosure, tables } };
    v.findings = [...v.findings, { ...v.findings[0], severity: 'warning' } as (typeof v.findings)[number]];
    const s = withTimeliness(scoreVersion(v), 'on-time', 0);
    expect(s.byDimension.completeness).toBe(38);
    expect(s.byDimension.conformity).toBe(19);
  });
});
