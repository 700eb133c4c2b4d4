import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTemplate } from '../../cli/commands/template.ts';
import { readSupplement } from '../../shared/check-supplement.ts';
import type { Finding } from '../../shared/rules/finding.ts';
import { SHEET } from '../../shared/supplement/sheet-layout.ts';
import { validateWorkbook } from '../../shared/validate-workbook.ts';
import { readWorkbook } from '../../shared/workbook/read-workbook.ts';
import { gridFromRows } from '../../shared/workbook/sheet-grid.ts';
import { seedBytes } from '../helpers/seed.ts';
import { type SeedPublication, seedPublication } from '../site/helpers.ts';

/** The supplementary sheets: what the reader takes from them and what it asks the unit to fill in. */

let seed: SeedPublication;
beforeAll(async () => {
  seed = await seedPublication();
});

const rulesOf = (fs: readonly Finding[]) => fs.map((f) => f.rule);

describe('the full seed fixture (seed tables + supplement from the seed text)', () => {
  it('reads every supplementary sheet', () => {
    const s = seed.supplement;
    expect(s.sheets).toEqual(['单位概况', '补充信息', '重点工作', '绩效自评']);
    expect(s.profile.approvalDate).toBe('2024-09-25');
    expect(s.profile.duties).toMatch(/^武汉市财政局信息中心主要职能是参与制定全市财政信息化建设发展规划/);
    expect(s.previousYear.totalIncome).toBe('680.79');
    expect(s.reasons.totals).toBe('进一步压减支出');
    expect(s.procurement).toEqual({
      total: '17.92',
      goods: '17.92',
      works: '0',
      services: '0',
      sme: '17.92',
      smallMicro: '17.92',
    });
    expect(s.assets).toMatchObject({ vehicles: 0, equipment: 0 });
    expect(s.threePublic.vehiclesHeld).toBe(0);
    expect(s.keyWork.sections.map((x) => x.title)).toHaveLength(5);
    expect(s.keyWork.rows.map((r) => r.matter)[0]).toBe('构建安全立体防范体系');
  });

  it('reads the 年初预算 of the seven 项 (759.08 in all)', () => {
    expect(seed.supplement.budgets.map((b) => [b.code, b.budget])).toEqual([
      ['2010699', '511.79'],
      ['2080502', '63'],
      ['2080505', '48.4'],
      ['2101102', '66'],
      ['2210201', '44'],
      ['2210202', '7.66'],
      ['2210203', '18.23'],
    ]);
    expect(seed.supplement.sources['budgets.2010699']).toMatchObject({ sheet: '补充信息' });
  });

  it('reads the three self-evaluations with their indicators, weights and scores', () => {
    const e = seed.supplement.performance.evaluations;
    expect(e.map((x) => [x.projectName, x.budget, x.indicators.length, x.totalScore])).toEqual([
      ['信息中心业务工作经费', '43.72', 7, '100'],
      ['信息中心信息化运行维护', '52.78', 6, '100'],
      ['信息中心机房、网络、系统运行维护费', '37.46', 6, '100'],
    ]);
    expect(e[0]?.rate).toBe('100.00');
    expect(e[0]?.indicators[0]).toMatchObject({
      level1: '成本指标',
      // The seed prints the weight in the name and has no 分值 column: the weight is read from the name.
      name: '年度维护成本增长率（8分）',
      weight: '8',
      score: '8',
    });
    expect(e[2]?.deviation).toMatch(/^该项目为上年结转/);
  });

  it('validates with no warnings: the supplement is complete and agrees with the tables', async () => {
    const { report } = await validateWorkbook(
      await readFile(new URL('../fixtures/seed-2023-full.xlsx', import.meta.url)),
    );
    expect(report.status).toBe('accepted');
    expect(report.summary).toEqual({ errors: 0, warnings: 0, notices: 7 });
  });
});

describe('a workbook without supplementary sheets', () => {
  it('is still accepted, with one warning naming the sheets to add', async () => {
    const { report, supplement } = await validateWorkbook(await seedBytes());
    expect(report.status).toBe('accepted');
    expect(supplement).toBeNull();
    const p = report.findings.filter((f) => f.rule.startsWith('P-'));
    expect(rulesOf(p)).toEqual(['P-01']);
    expect(p[0]?.message).toContain('单位概况、补充信息、重点工作、绩效自评');
  });
});

describe('missing and unreadable values', () => {
  const read = (...grids: ReturnType<typeof gridFromRows>[]) => readSupplement(grids, seed.disclosure);

  it('asks for each mandatory item, naming the sheet', () => {
    const { supplement, findings } = read(gridFromRows(SHEET.profile, [['主要职责', '负责……']]));
    expect(supplement?.profile.duties).toBe('负责……');
    const byRule = (r: string) => findings.filter((f) => f.rule === r).map((f) => f.message);
    expect(byRule('P-02')).toEqual(['请在工作表“单位概况”填写“机构设置”（第一部分 单位概况）。']);
    expect(byRule('P-03')[0]).toContain('批复日期');
    expect(byRule('P-04')[0]).toContain('上年收入总计');
    expect(byRule('P-05')[0]).toContain('2010699 其他财政事务支出');
    for (const r of ['P-08', 'P-09', 'P-10', 'P-11', 'P-12']) expect(byRule(r)).toHaveLength(1);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('asks for the reason of each 项 whose 决算 differs from its 年初预算', () => {
    const { findings } = read(
      gridFromRows(SHEET.info, [
        ['【年初预算（按功能分类项级科目，万元）】'],
        ['科目编码', '科目名称', '年初预算数', '决算数与年初预算数差异的主要原因'],
        ['2010699', '其他财政事务支出', 511.79, ''],
        ['2080505', '机关事业单位基本养老保险缴费支出', 48.4, ''],
      ]),
    );
    const p06 = findings.filter((f) => f.rule === 'P-06');
    expect(p06).toHaveLength(1);
    expect(p06[0]).toMatchObject({ sheet: SHEET.info, cell: 'D3' });
    expect(p06[0]?.message).toContain('2010699');
  });

  it('reports values it cannot read and labels it does not know (P-13), bad codes (P-14)', () => {
    const { supplement, findings } = read(
      gridFromRows(SHEET.info, [
        ['项目', '内容', '填写提示'],
        ['政府采购支出总额', '约十七万', ''],
        ['公务用车保有量（辆）', '2.5', ''],
        ['政府采购货物支出（万元）', '17.92万元', ''],
        ['政府采购总额度', 17.92, ''],
        [],
        ['科目编码', '科目名称', '年初预算数'],
        ['20106', '财政事务', 1],
        ['2010699', '其他财政事务支出', 'x'],
      ]),
      gridFromRows(SHEET.profile, [['批复日期', '2024年13月1日']]),
    );
    expect(supplement?.procurement.goods).toBe('17.92');
    const p13 = findings.filter((f) => f.rule === 'P-13');
    expect(p13.map((f) => f.cell)).toEqual(['B2', 'B3', 'A5', 'B1']);
    expect(p13[2]?.message).toContain('“政府采购总额度”不是表样中的项目');
    expect(findings.filter((f) => f.rule === 'P-14').map((f) => f.cell)).toEqual(['A8', 'C9']);
  });

  it('reads dates written in the usual ways', () => {
    for (const v of ['2024-09-25', '2024/9/25', '2024年9月25日', '2024.09.25', 45560]) {
      const { supplement } = read(gridFromRows(SHEET.profile, [['批复日期', v]]));
      expect(supplement?.profile.approvalDate).toBe('2024-09-25');
    }
  });
});

describe('the template', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gongkai-template-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gongkai template writes the nine tables and the four supplementary sheets, which read back empty', async () => {
    const out = join(dir, 't.xlsx');
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      expect(await runTemplate(['--year', '2024', '--unit', '测试单位', '--out', out])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    const read = await readWorkbook(await readFile(out));
    if (read.status !== 'read') throw new Error('template did not read');
    expect(Object.keys(read.disclosure.tables)).toHaveLength(9);
    expect(read.otherSheets.map((g) => g.name)).toEqual(['单位概况', '补充信息', '重点工作', '绩效自评']);
    const { supplement, findings } = readSupplement(read.otherSheets, read.disclosure);
    expect(supplement?.performance.evaluations).toEqual([]);
    expect(supplement?.budgets).toEqual([]);
    // Blank, not wrong: only requests to fill in, no unreadable values or unknown labels.
    expect(findings.filter((f) => f.rule === 'P-13' || f.rule === 'P-14')).toEqual([]);
  });
});
