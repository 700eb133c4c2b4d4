import type ExcelJS from 'exceljs';
import type { Disclosure, TableId } from '../../shared/disclosure/model.ts';
import { RULES, RULES_BY_ID } from '../../shared/rules/catalog.ts';
import type { Expectation, RuleDefinition } from '../../shared/rules/engine.ts';
import type { Finding, Severity } from '../../shared/rules/finding.ts';
import { checkDisclosure } from '../../shared/rules/validate.ts';
import type { RawCell } from '../../shared/workbook/sheet-grid.ts';
import {
  addToFigure,
  cloneDisclosure,
  editWorkbook,
  SEED_SHEETS,
  type SeedFixture,
  setFigure,
  sheetOf,
  validateBytes,
  validateGrids,
  withCell,
} from '../helpers/seed.ts';

/**
 * One failing case per rule of the catalog, each made by breaking the good seed in one place. The family test files
 * run the cases of their family; catalog.test.ts checks that every rule has one. Identity rules are broken on the
 * normalized disclosure (pure and fast); rules enforced while reading are broken in the grids or the workbook.
 */
export interface FailingCase {
  rule: string;
  /** What is changed in the seed. */
  change: string;
  /** Severity the rule must report. */
  severity: Severity;
  /** The cell the finding must point at (in the seed's sheet of that table); `cell: null` = no single cell. */
  at?: { table: TableId; cell: string | null; sheet?: string };
  run: (seed: SeedFixture) => Finding[] | Promise<Finding[]>;
}

/** Rules checked on a changed copy of the seed's disclosure. */
function edit(change: (d: Disclosure) => void, expect: Expectation = {}) {
  return (seed: SeedFixture) => {
    const d = cloneDisclosure(seed.disclosure);
    change(d);
    return checkDisclosure(d, expect);
  };
}

/** Reader + rules over the seed's grids with one cell replaced. */
function overlay(table: TableId, cell: string, raw: RawCell) {
  return (seed: SeedFixture) => validateGrids(withCell(seed.grids, SEED_SHEETS[table], cell, raw)).findings;
}

/** The whole pipeline over a changed copy of the seed workbook. */
function book(change: (wb: ExcelJS.Workbook) => void, expect: Expectation = {}) {
  return async (seed: SeedFixture) => (await validateBytes(await editWorkbook(seed.bytes, change), expect)).findings;
}

const num = (value: number): RawCell => ({ kind: 'number', value });
const txt = (value: string): RawCell => ({ kind: 'text', value });

export const FAILING_CASES: readonly FailingCase[] = [
  // ── file ──────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    rule: 'F-01',
    change: 'a text file instead of a workbook',
    severity: 'error',
    at: undefined,
    run: async () => (await validateBytes(Buffer.from('单位,金额\n信息中心,635.55\n'))).findings,
  },

  // ── structure ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    rule: 'S-01',
    change: 'T2 amount unit 元',
    severity: 'error',
    at: { table: 'T2', cell: null },
    run: edit((d) => {
      if (d.tables.T2) d.tables.T2.amountUnit = '元';
    }),
  },
  {
    rule: 'S-02',
    change: 'T1 without its 本年支出合计 line',
    severity: 'error',
    at: { table: 'T1', cell: null },
    run: edit((d) => {
      const t1 = d.tables.T1;
      if (t1) t1.rows = t1.rows.filter((r) => r.key !== 'L58');
    }),
  },
  {
    rule: 'S-03',
    change: 'T6 code 30288 (not in the economic list)',
    severity: 'warning',
    at: { table: 'T6', cell: 'F33' },
    run: edit((d) => {
      const row = d.tables.T6?.rows.find((r) => r.code === '30299');
      if (row) row.code = '30288';
    }),
  },
  {
    rule: 'S-04',
    change: 'registered to another unit',
    severity: 'error',
    at: { table: 'T1', cell: null },
    run: edit(() => {}, { unitName: '武汉市教育局' }),
  },
  {
    rule: 'S-05',
    change: 'a second sheet titled 2023年度收入决算表',
    severity: 'error',
    at: { table: 'T2', cell: 'A1', sheet: '收入决算表(2)' },
    run: book((wb) => {
      wb.addWorksheet('收入决算表(2)').getCell('A1').value = '2023年度收入决算表';
    }),
  },
  {
    // Without a 栏次 row the columns are read from their header text; without either, nothing can be read.
    rule: 'S-06',
    change: 'T2 栏次 row and column headings removed',
    severity: 'error',
    at: { table: 'T2', cell: 'A2' },
    run: book((wb) => {
      const ws = sheetOf(wb, 'T2');
      for (let c = 4; c <= 11; c++) ws.getCell(6, c).value = null;
      for (let c = 5; c <= 11; c++) ws.getCell(4, c).value = null;
    }),
  },
  {
    rule: 'S-07',
    change: 'every figure removed',
    severity: 'error',
    at: { table: 'T1', cell: null },
    run: edit((d) => {
      for (const t of Object.values(d.tables))
        for (const r of t?.rows ?? []) for (const f of Object.values(r.cells)) f.value = f.value.times(0);
    }),
  },

  // ── within one table ──────────────────────────────────────────────────────────────────────────────────────────
  {
    rule: 'T1-01',
    change: 'T1 line 5 事业收入 = 10',
    severity: 'error',
    at: { table: 'T1', cell: 'C11' },
    run: edit((d) => setFigure(d, 'T1', 'L5', 1, 10)),
  },
  {
    rule: 'T1-02',
    change: 'T1 line 29 年初结转和结余 = 5',
    severity: 'error',
    at: { table: 'T1', cell: 'C35' },
    run: edit((d) => setFigure(d, 'T1', 'L29', 1, 5)),
  },
  {
    rule: 'T1-03',
    change: 'T1 line 40 卫生健康支出 +1',
    severity: 'error',
    at: { table: 'T1', cell: 'F15' },
    run: edit((d) => addToFigure(d, 'T1', 'L40', 2, 1)),
  },
  {
    rule: 'T1-04',
    change: 'T1 line 60 年末结转和结余 = 3',
    severity: 'error',
    at: { table: 'T1', cell: 'F35' },
    run: edit((d) => setFigure(d, 'T1', 'L60', 2, 3)),
  },
  {
    rule: 'T1-05',
    change: 'T1 line 62 支出总计 +1',
    severity: 'error',
    at: { table: 'T1', cell: 'F37' },
    run: edit((d) => addToFigure(d, 'T1', 'L62', 2, 1)),
  },
  {
    rule: 'T2-01',
    change: 'T2 2080505 栏3 上级补助收入 = 1',
    severity: 'error',
    at: { table: 'T2', cell: 'G14' },
    run: edit((d) => setFigure(d, 'T2', '2080505', 3, 1)),
  },
  {
    rule: 'T3-01',
    change: 'T3 2101102 栏3 项目支出 = 1',
    severity: 'error',
    at: { table: 'T3', cell: 'G17' },
    run: edit((d) => setFigure(d, 'T3', '2101102', 3, 1)),
  },
  {
    rule: 'T4-01',
    change: 'T4 line 27 本年收入合计 +1',
    severity: 'error',
    at: { table: 'T4', cell: 'C34' },
    run: edit((d) => addToFigure(d, 'T4', 'L27', 1, 1)),
  },
  {
    rule: 'T4-02',
    change: 'T4 line 29 一般公共预算 opening = 1',
    severity: 'error',
    at: { table: 'T4', cell: 'C36' },
    run: edit((d) => setFigure(d, 'T4', 'L29', 1, 1)),
  },
  {
    rule: 'T4-03',
    change: 'T4 line 32 收入总计 +1',
    severity: 'error',
    at: { table: 'T4', cell: 'C39' },
    run: edit((d) => addToFigure(d, 'T4', 'L32', 1, 1)),
  },
  {
    rule: 'T4-04',
    change: 'T4 line 59 栏3 +1',
    severity: 'error',
    at: { table: 'T4', cell: 'G34' },
    run: edit((d) => addToFigure(d, 'T4', 'L59', 3, 1)),
  },
  {
    rule: 'T4-05',
    change: 'T4 line 64 栏3 +1',
    severity: 'error',
    at: { table: 'T4', cell: 'G39' },
    run: edit((d) => addToFigure(d, 'T4', 'L64', 3, 1)),
  },
  {
    rule: 'T4-06',
    change: 'T4 line 41 栏2 合计 +1',
    severity: 'error',
    at: { table: 'T4', cell: 'F16' },
    run: edit((d) => addToFigure(d, 'T4', 'L41', 2, 1)),
  },
  {
    rule: 'T4-07',
    change: 'T4 line 64 栏2 支出总计 +1',
    severity: 'error',
    at: { table: 'T4', cell: 'F39' },
    run: edit((d) => addToFigure(d, 'T4', 'L64', 2, 1)),
  },
  {
    rule: 'T4-08',
    change: 'closing balance under 一般公共预算, opening under 政府性基金: totals tie, funds do not',
    severity: 'warning',
    at: { table: 'T4', cell: 'C8' },
    run: edit((d) => {
      // Every total of T4 still adds up (T4-02…07 hold), but fund by fund income + opening ≠ spending + closing:
      // 一般公共预算 635.55 + 0 vs 635.55 + 1, 政府性基金 0 + 1 vs 0 + 0.
      setFigure(d, 'T4', 'L60', 2, 1);
      setFigure(d, 'T4', 'L60', 3, 1);
      setFigure(d, 'T4', 'L64', 2, '636.55');
      setFigure(d, 'T4', 'L64', 3, '636.55');
      setFigure(d, 'T4', 'L28', 1, 1);
      setFigure(d, 'T4', 'L30', 1, 1);
      setFigure(d, 'T4', 'L32', 1, '636.55');
    }),
  },
  {
    rule: 'T5-01',
    change: 'T5 2080505 栏3 = 1',
    severity: 'error',
    at: { table: 'T5', cell: 'G14' },
    run: edit((d) => setFigure(d, 'T5', '2080505', 3, 1)),
  },
  {
    rule: 'T6-01',
    change: 'T6 310 资本性支出 = 1 (its 款 all blank)',
    severity: 'error',
    at: { table: 'T6', cell: 'I6' },
    run: edit((d) => setFigure(d, 'T6', '310', 1, 1)),
  },
  {
    rule: 'T6-02',
    change: 'T6 人员经费合计 +1',
    severity: 'error',
    at: { table: 'T6', cell: 'C34' },
    run: edit((d) => addToFigure(d, 'T6', 'personnel-total', 1, 1)),
  },
  {
    rule: 'T6-03',
    change: 'T6 公用经费合计 +1',
    severity: 'error',
    at: { table: 'T6', cell: 'I34' },
    run: edit((d) => addToFigure(d, 'T6', 'public-total', 1, 1)),
  },
  {
    rule: 'T7-01',
    change: 'T7 合计 栏6 年末结转和结余 = 1',
    severity: 'error',
    at: { table: 'T7', cell: 'J7' },
    run: edit((d) => setFigure(d, 'T7', 'total', 6, 1)),
  },
  {
    rule: 'T7-02',
    change: 'T7 合计 栏4 基本支出 = 1',
    severity: 'error',
    at: { table: 'T7', cell: 'H7' },
    run: edit((d) => setFigure(d, 'T7', 'total', 4, 1)),
  },
  {
    rule: 'T8-01',
    change: 'T8 合计 栏2 基本支出 = 1',
    severity: 'error',
    at: { table: 'T8', cell: 'F7' },
    run: edit((d) => setFigure(d, 'T8', 'total', 2, 1)),
  },
  {
    rule: 'T9-01',
    change: 'T9 栏2 预算 因公出国 = 1',
    severity: 'error',
    at: { table: 'T9', cell: 'B7' },
    run: edit((d) => setFigure(d, 'T9', 'row', 2, 1)),
  },
  {
    rule: 'T9-02',
    change: 'T9 栏4 预算 公务用车购置 = 1',
    severity: 'error',
    at: { table: 'T9', cell: 'D7' },
    run: edit((d) => setFigure(d, 'T9', 'row', 4, 1)),
  },
  {
    rule: 'T9-03',
    change: 'T9 栏8 决算 因公出国 = 1',
    severity: 'error',
    at: { table: 'T9', cell: 'H7' },
    run: edit((d) => setFigure(d, 'T9', 'row', 8, 1)),
  },
  {
    rule: 'T9-04',
    change: 'T9 栏10 决算 公务用车购置 = 1',
    severity: 'error',
    at: { table: 'T9', cell: 'J7' },
    run: edit((d) => setFigure(d, 'T9', 'row', 10, 1)),
  },

  // ── hierarchy ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    rule: 'H-01',
    change: 'T2 合计 栏1 +1',
    severity: 'error',
    at: { table: 'T2', cell: 'E7' },
    run: edit((d) => addToFigure(d, 'T2', 'total', 1, 1)),
  },
  {
    rule: 'H-02',
    change: 'T3 20805 栏2 +1',
    severity: 'error',
    at: { table: 'T3', cell: 'F12' },
    run: edit((d) => addToFigure(d, 'T3', '20805', 2, 1)),
  },
  {
    rule: 'H-03',
    change: 'T2 款 20106 row deleted (its 项 2010699 stays)',
    severity: 'error',
    at: { table: 'T2', cell: 'A10' },
    run: edit((d) => {
      const t2 = d.tables.T2;
      if (t2) t2.rows = t2.rows.filter((r) => r.code !== '20106');
    }),
  },
  {
    rule: 'H-04',
    change: 'T2 2101102 named 机关事业单位医疗',
    severity: 'warning',
    at: { table: 'T2', cell: 'D17' },
    run: edit((d) => {
      const row = d.tables.T2?.rows.find((r) => r.code === '2101102');
      if (row) row.name = '机关事业单位医疗';
    }),
  },
  {
    rule: 'H-05',
    change: 'T3 F14 = “四十八”',
    severity: 'error',
    at: { table: 'T3', cell: 'F14' },
    run: overlay('T3', 'F14', txt('四十八')),
  },
  {
    rule: 'C-01',
    change: 'T1 C33 a formula without a cached result',
    severity: 'error',
    at: { table: 'T1', cell: 'C33' },
    run: overlay('T1', 'C33', { kind: 'formula-without-result', formula: 'SUM(C7:C14)' }),
  },

  // ── across tables ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    rule: 'X-01',
    change: 'T1 line 27 +1',
    severity: 'error',
    at: { table: 'T1', cell: 'C33' },
    run: edit((d) => addToFigure(d, 'T1', 'L27', 1, 1)),
  },
  {
    rule: 'X-02',
    change: 'T2 合计 栏2 财政拨款收入 +1',
    severity: 'error',
    at: { table: 'T2', cell: 'F7' },
    run: edit((d) => addToFigure(d, 'T2', 'total', 2, 1)),
  },
  {
    rule: 'X-03',
    change: 'T2 合计 栏4 事业收入 = 1',
    severity: 'error',
    at: { table: 'T2', cell: 'H7' },
    run: edit((d) => setFigure(d, 'T2', 'total', 4, 1)),
  },
  {
    rule: 'X-04',
    change: 'T3 合计 栏1 +1',
    severity: 'error',
    at: { table: 'T3', cell: 'E7' },
    run: edit((d) => addToFigure(d, 'T3', 'total', 1, 1)),
  },
  {
    rule: 'X-05',
    change: 'T3 201 栏1 +1',
    severity: 'error',
    at: { table: 'T3', cell: 'E8' },
    run: edit((d) => addToFigure(d, 'T3', '201', 1, 1)),
  },
  {
    rule: 'X-06',
    change: 'T4 line 1 +1',
    severity: 'error',
    at: { table: 'T4', cell: 'C8' },
    run: edit((d) => addToFigure(d, 'T4', 'L1', 1, 1)),
  },
  {
    rule: 'X-07',
    change: 'T5 合计 栏1 +1',
    severity: 'error',
    at: { table: 'T5', cell: 'E7' },
    run: edit((d) => addToFigure(d, 'T5', 'total', 1, 1)),
  },
  {
    rule: 'X-08',
    change: 'T5 201 栏1 +1',
    severity: 'error',
    at: { table: 'T5', cell: 'E8' },
    run: edit((d) => addToFigure(d, 'T5', '201', 1, 1)),
  },
  {
    rule: 'X-09',
    change: 'T4 line 59 栏4 政府性基金 = 1',
    severity: 'error',
    at: { table: 'T4', cell: 'H34' },
    run: edit((d) => setFigure(d, 'T4', 'L59', 4, 1)),
  },
  {
    rule: 'X-10',
    change: 'T4 line 30 政府性基金 opening = 1',
    severity: 'error',
    at: { table: 'T4', cell: 'C37' },
    run: edit((d) => setFigure(d, 'T4', 'L30', 1, 1)),
  },
  {
    rule: 'X-11',
    change: 'T4 line 59 栏5 国有资本经营 = 1',
    severity: 'error',
    at: { table: 'T4', cell: 'I34' },
    run: edit((d) => setFigure(d, 'T4', 'L59', 5, 1)),
  },
  {
    rule: 'X-12',
    change: 'T5 合计 栏2 基本支出 +1',
    severity: 'error',
    at: { table: 'T5', cell: 'F7' },
    run: edit((d) => addToFigure(d, 'T5', 'total', 2, 1)),
  },
  {
    rule: 'X-13',
    change: 'T5 项 2210203 recoded 2210299 (not in T3)',
    severity: 'error',
    at: { table: 'T5', cell: 'E22' },
    run: edit((d) => {
      const row = d.tables.T5?.rows.find((r) => r.code === '2210203');
      if (row) {
        row.code = '2210299';
        row.key = '2210299';
      }
    }),
  },
  {
    rule: 'X-14',
    change: 'T4 line 28 opening balance 5 while T1 line 29 is 0',
    severity: 'warning',
    at: { table: 'T4', cell: 'C35' },
    run: edit((d) => setFigure(d, 'T4', 'L28', 1, 5)),
  },
  {
    rule: 'X-15',
    change: 'T1 line 58 below T4 line 59 栏2',
    severity: 'warning',
    at: { table: 'T1', cell: 'F33' },
    run: edit((d) => setFigure(d, 'T1', 'L58', 2, 600)),
  },
  {
    rule: 'X-16',
    change: 'T7 empty statement removed',
    severity: 'warning',
    at: { table: 'T7', cell: null },
    run: edit((d) => {
      if (d.tables.T7) d.tables.T7.emptyStatement = null;
    }),
  },
  {
    rule: 'X-17',
    change: 'T6 30212 因公出国（境）费用 = 1 while T9 栏8 is 0',
    severity: 'warning',
    at: { table: 'T9', cell: 'H7' },
    run: edit((d) => setFigure(d, 'T6', '30212', 1, 1)),
  },
];

/** Extra failing cases (other severities, other paths) that the family files also run. */
export const MORE_CASES: readonly FailingCase[] = [
  {
    rule: 'S-01',
    change: 'T3 sheet deleted',
    severity: 'error',
    at: { table: 'T3', cell: null },
    run: book((wb) => {
      wb.removeWorksheet(sheetOf(wb, 'T3').id);
    }),
  },
  {
    // The unit stated nowhere in the workbook (RULES.md S-01a): a warning; the upload's registration supplies it.
    rule: 'S-01a',
    change: 'no table names the unit',
    severity: 'warning',
    at: { table: 'T1', cell: null },
    run: book((wb) => {
      for (const ws of wb.worksheets) ws.getCell('A3').value = null;
    }),
  },
  {
    rule: 'S-02',
    change: 'T1 without the 卫生健康支出 row',
    severity: 'warning',
    at: { table: 'T1', cell: null },
    run: edit((d) => {
      const t1 = d.tables.T1;
      if (t1) t1.rows = t1.rows.filter((r) => r.key !== 'L40');
    }),
  },
  {
    rule: 'S-02',
    change: 'T1 an unknown 支出 label with an amount',
    severity: 'error',
    at: { table: 'T1', cell: 'D15' },
    run: overlay('T1', 'D15', txt('九、医疗卫生与计划生育支出')),
  },
  {
    rule: 'S-04',
    change: 'registered for 2024',
    severity: 'error',
    at: { table: 'T1', cell: 'A1' },
    run: edit(() => {}, { unitName: '武汉市财政局信息中心', year: 2024 }),
  },
  {
    rule: 'S-04',
    change: 'T5 header names another unit',
    severity: 'error',
    at: { table: 'T5', cell: null },
    run: overlay('T5', 'A3', txt('单位：武汉市教育局')),
  },
  {
    rule: 'S-04',
    change: 'T9 title says 2022',
    severity: 'error',
    at: { table: 'T9', cell: 'A1' },
    run: overlay('T9', 'A1', txt('2022年度财政拨款“三公”经费支出决算表')),
  },
  {
    rule: 'H-03',
    change: 'T2 code 2010 (4 digits)',
    severity: 'error',
    at: { table: 'T2', cell: 'A9' },
    run: overlay('T2', 'A9', txt('2010')),
  },
  {
    rule: 'H-03',
    change: 'T2 项 2010699 listed twice',
    severity: 'error',
    at: { table: 'T2', cell: 'A11' },
    run: overlay('T2', 'A11', txt('2010699')),
  },
  {
    rule: 'H-04',
    change: 'T3 项 2010699 recoded 2010698 (not in the code list)',
    severity: 'warning',
    at: { table: 'T3', cell: 'A10' },
    run: edit((d) => {
      const row = d.tables.T3?.rows.find((r) => r.code === '2010699');
      if (row) {
        row.code = '2010698';
        row.key = '2010698';
      }
    }),
  },
  {
    rule: 'H-05',
    change: 'T2 F14 = -48.40 (negative)',
    severity: 'warning',
    at: { table: 'T2', cell: 'F14' },
    run: overlay('T2', 'F14', num(-48.4)),
  },
  {
    rule: 'H-05',
    change: 'T2 F14 = 48.405 (3 decimals)',
    severity: 'error',
    at: { table: 'T2', cell: 'F14' },
    run: overlay('T2', 'F14', txt('48.405')),
  },
  {
    rule: 'H-05',
    change: 'T2 F14 = #REF!',
    severity: 'error',
    at: { table: 'T2', cell: 'F14' },
    run: overlay('T2', 'F14', { kind: 'error', value: '#REF!' }),
  },
  {
    rule: 'X-13',
    change: 'T5 2010699 栏3 larger than in T3',
    severity: 'warning',
    at: { table: 'T5', cell: 'G10' },
    run: edit((d) => addToFigure(d, 'T5', '2010699', 3, 1)),
  },
  {
    rule: 'X-16',
    change: 'T7 filled while no 政府性基金 elsewhere',
    severity: 'error',
    at: { table: 'T7', cell: 'F7' },
    run: edit((d) => setFigure(d, 'T7', 'total', 2, 1)),
  },
  {
    rule: 'X-16',
    change: 'T9 filled but still says 本单位当年无…',
    severity: 'error',
    at: { table: 'T9', cell: 'G7' },
    run: edit((d) => {
      setFigure(d, 'T9', 'row', 7, 1);
      setFigure(d, 'T9', 'row', 12, 1);
    }),
  },
  {
    rule: 'X-16',
    change: 'T4 has 政府性基金 spending but T7 is empty',
    severity: 'error',
    at: { table: 'T4', cell: 'H34' },
    run: edit((d) => setFigure(d, 'T4', 'L59', 4, 1)),
  },
];

/** The failing cases of one catalog family (both lists). */
export function casesOf(family: RuleDefinition['family']): FailingCase[] {
  return [...FAILING_CASES, ...MORE_CASES].filter((c) => RULES_BY_ID.get(c.rule)?.family === family);
}

/** Rule IDs of a family in catalog order. */
export function ruleIdsOf(family: RuleDefinition['family']): string[] {
  return RULES.filter((r) => r.family === family).map((r) => r.id);
}

/** Whether a finding is the one a case expects (rule, severity and, when given, where it points). */
export function matchesCase(f: Finding, c: FailingCase): boolean {
  if (f.rule !== c.rule || f.severity !== c.severity) return false;
  if (c.at === undefined) return true;
  if (f.table !== c.at.table || f.cell !== c.at.cell) return false;
  return c.at.cell === null || f.sheet === (c.at.sheet ?? SEED_SHEETS[c.at.table]);
}

export async function runCase(seed: SeedFixture, c: FailingCase): Promise<{ hit: Finding | null; all: Finding[] }> {
  const all = await c.run(seed);
  return { hit: all.find((f) => matchesCase(f, c)) ?? null, all };
}
