import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSupplement } from '../../shared/check-supplement.ts';
import { explainDisclosure } from '../../shared/explain/explain-disclosure.ts';
import { sectionText } from '../../shared/explain/explanation-model.ts';
import { buildNarrativeFacts } from '../../shared/explain/narrative-facts.ts';
import { previousFigures } from '../../shared/explain/previous-year.ts';
import { checkNarrativeText } from '../../shared/rules/check-narrative.ts';
import type { BudgetLine, Supplement } from '../../shared/supplement/model.ts';
import { BUDGET_COLUMNS, SHEET } from '../../shared/supplement/sheet-layout.ts';
import { writeSupplementSheets } from '../../shared/supplement/write-supplement-sheets.ts';
import { cellText, gridFromRows, gridFromWorksheet } from '../../shared/workbook/sheet-grid.ts';
import { type SeedPublication, seedPublication } from '../site/helpers.ts';

/**
 * 全年预算 (the budget after adjustment) beside 年初预算 (issue 10 part 4): in the template, read back exactly, and in
 * the explanations as “年初预算为X万元，全年预算为Y万元，…完成全年预算的Z%”; never a rate or a comparison against a
 * zero budget.
 */

let seed: SeedPublication;
beforeAll(async () => {
  seed = await seedPublication();
});

const copy = (s: Supplement): Supplement => JSON.parse(JSON.stringify(s)) as Supplement;

/** The seed's supplement with its budget lines changed (`code → changes`). */
function withBudgets(changes: Record<string, Partial<BudgetLine>>, reasons: Supplement['reasons'] = {}): Supplement {
  const s = copy(seed.supplement);
  s.budgets = s.budgets.map((b) => ({ ...b, ...(changes[b.code] ?? {}) }));
  s.reasons = { ...s.reasons, ...reasons };
  return s;
}

function section5(s: Supplement): string {
  const e = explainDisclosure({
    disclosure: seed.disclosure,
    supplement: s,
    year: 2023,
    unitName: '单位',
    previous: null,
  });
  return sectionText(e.sections[4]?.blocks ?? []).join('\n');
}

describe('the template and the reader', () => {
  it('the budget table has a 全年预算数 column beside 年初预算数', async () => {
    const wb = new ExcelJS.Workbook();
    writeSupplementSheets(wb, null, 2024);
    const grid = gridFromWorksheet(wb.getWorksheet(SHEET.info) as ExcelJS.Worksheet);
    const header = Array.from({ length: grid.rowCount }, (_, i) => i + 1).find(
      (r) => cellText(grid.cell(r, 1)) === '科目编码',
    );
    const labels = [1, 2, 3, 4, 5].map((c) => cellText(grid.cell(header ?? 0, c)));
    expect(labels).toEqual([...BUDGET_COLUMNS]);
    expect(labels.slice(2, 4)).toEqual(['年初预算数', '全年预算数']);
  });

  it('writes and reads back 全年预算 exactly (decimal strings, no float noise)', async () => {
    const s = withBudgets({ '2010699': { adjustedBudget: '480.1' }, '2101102': { adjustedBudget: '60.07' } });
    const wb = new ExcelJS.Workbook();
    writeSupplementSheets(wb, s, 2023);
    const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as never);
    const grids = back.worksheets.map((ws) => gridFromWorksheet(ws));
    const { supplement } = readSupplement(grids, seed.disclosure);
    const byCode = new Map(supplement?.budgets.map((b) => [b.code, b]));
    expect(byCode.get('2010699')).toMatchObject({
      budget: '511.79',
      adjustedBudget: '480.1',
      reason: '进一步压减支出',
    });
    expect(byCode.get('2101102')?.adjustedBudget).toBe('60.07');
    expect(byCode.get('2080502')?.adjustedBudget).toBeNull();
    expect(supplement?.sources['budgets.2010699.adjusted']?.cell).toMatch(/^D\d+$/);
  });

  it('still reads the older four-column table (no 全年预算数), the reason from its own column', () => {
    const { supplement, findings } = readSupplement(
      [
        gridFromRows(SHEET.info, [
          ['科目编码', '科目名称', '年初预算数', '决算数与年初预算数差异的主要原因'],
          ['2010699', '其他财政事务支出', 511.79, '进一步压减支出'],
        ]),
      ],
      seed.disclosure,
    );
    expect(supplement?.budgets[0]).toMatchObject({ budget: '511.79', adjustedBudget: null, reason: '进一步压减支出' });
    expect(findings.filter((f) => f.rule === 'P-14')).toEqual([]);
  });

  it('a 全年预算数 that is not an amount is reported at its cell', () => {
    const { supplement, findings } = readSupplement(
      [
        gridFromRows(SHEET.info, [
          ['科目编码', '科目名称', '年初预算数', '全年预算数', '决算数与预算数差异的主要原因'],
          ['2010699', '其他财政事务支出', 511.79, '约五百', ''],
        ]),
      ],
      seed.disclosure,
    );
    expect(findings.find((f) => f.rule === 'P-14')).toMatchObject({ cell: 'D2' });
    expect(supplement?.budgets[0]?.adjustedBudget).toBeNull();
  });

  it('P-06 asks for a reason against 全年预算 when it is given, pointing at the reason column', () => {
    const { findings } = readSupplement(
      [
        gridFromRows(SHEET.info, [
          ['科目编码', '科目名称', '年初预算数', '全年预算数', '决算数与预算数差异的主要原因'],
          ['2010699', '其他财政事务支出', 511.79, 468.96, ''],
          ['2101102', '事业单位医疗', 54.72, 66, ''],
        ]),
      ],
      seed.disclosure,
    );
    const p06 = findings.filter((f) => f.rule === 'P-06' && f.message.includes('预算'));
    expect(p06.map((f) => f.cell)).toEqual(['E3']);
    expect(p06[0]?.message).toContain('与全年预算66.00万元不同');
  });
});

describe('五(三) with 全年预算', () => {
  it('states 年初预算, 全年预算 and completion of 全年预算, exactly', () => {
    const t = section5(withBudgets({ '2010699': { adjustedBudget: '480.10' } }));
    expect(t).toContain(
      '其他财政事务支出（项）。年初预算为511.79万元，全年预算为480.10万元，支出决算为468.96万元，完成全年预算的97.7%，支出决算数小于全年预算数主要原因是进一步压减支出。',
    );
    // Without a 全年预算 the line keeps the seed's wording.
    expect(t).toContain('事业单位医疗（项）。年初预算为66.00万元，支出决算为54.72万元，完成年初预算的82.9%');
    // The total has no 全年预算 unless every 项 has one.
    expect(t).toContain('年初预算为759.08万元，支出决算为635.55万元，完成年初预算的83.7%');
  });

  it('the total states 全年预算 when every 项 has one (sum exact: 0.1 + 0.2 = 0.30)', () => {
    const all = Object.fromEntries(seed.supplement.budgets.map((b) => [b.code, { adjustedBudget: b.budget }]));
    const t = section5(
      withBudgets({ ...all, '2080502': { adjustedBudget: '0.1' }, '2080505': { adjustedBudget: '0.2' } }),
    );
    // 759.08 − 63 − 48.4 + 0.1 + 0.2 = 647.98
    expect(t).toContain('年初预算为759.08万元，全年预算为647.98万元，支出决算为635.55万元，完成全年预算的98.1%');
    expect(t).toContain('年初预算为48.40万元，全年预算为0.20万元，支出决算为48.40万元，完成全年预算的24200%');
  });

  it('a zero 全年预算 gets no rate and no comparison, even with a reason', () => {
    const t = section5(withBudgets({ '2080502': { adjustedBudget: '0', reason: '单位离退休经费未清算' } }));
    expect(t).toContain(
      '事业单位离退休（项）。年初预算为63.00万元，全年预算为0.00万元，支出决算为0.85万元，全年未安排预算。',
    );
    expect(t).not.toMatch(/全年预算为0\.00万元[^。]*完成/);
    expect(t).not.toMatch(/全年预算为0\.00万元[^。]*(大于|小于)/);
  });

  it('a zero 年初预算 without 全年预算 gets no rate and no comparison', () => {
    const t = section5(withBudgets({ '2080502': { budget: '0', reason: '单位离退休经费未清算' } }));
    expect(t).toContain('事业单位离退休（项）。年初预算为0.00万元，支出决算为0.85万元，年初未安排预算。');
    expect(t).not.toMatch(/年初预算为0\.00万元[^。]*(完成|大于|小于)/);
  });

  it('a zero 年初预算 with a 全年预算 measures against the 全年预算', () => {
    const t = section5(withBudgets({ '2080502': { budget: '0', adjustedBudget: '1.70' } }));
    expect(t).toContain('年初预算为0.00万元，全年预算为1.70万元，支出决算为0.85万元，完成全年预算的50%');
  });
});

describe('N-04 checks 完成全年预算 rates in the unit’s own text', () => {
  const check = (s: Supplement, text: string) =>
    checkNarrativeText(text, buildNarrativeFacts(seed.disclosure, s, previousFigures(2023, null, s)), {
      label: '说明',
      at: null,
      sheet: null,
    });

  it('against the 全年预算 of the named 项, and never against a zero one', () => {
    const s = withBudgets({ '2010699': { adjustedBudget: '480.10' } });
    expect(check(s, '其他财政事务支出完成全年预算的97.7%。')).toEqual([]);
    expect(check(s, '其他财政事务支出完成全年预算的91.6%。').map((f) => f.rule)).toEqual(['N-04']);
    const zero = check(s, '年初预算为63万元，全年预算为0万元，支出决算为0.85万元，完成全年预算的100%。');
    expect(zero[0]?.message).toContain('全年预算为0');
  });
});
