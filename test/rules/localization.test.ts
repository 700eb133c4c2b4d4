import { beforeAll, describe, expect, it } from 'vitest';
import type { Disclosure, TableId } from '../../shared/disclosure/model.ts';
import type { ValidationReport } from '../../shared/rules/validate.ts';
import { readGrids } from '../../shared/workbook/read-workbook.ts';
import type { SheetGrid } from '../../shared/workbook/sheet-grid.ts';
import { gridFromWorksheet } from '../../shared/workbook/sheet-grid.ts';
import { writeDisclosureWorkbook } from '../../shared/workbook/write-workbook.ts';
import {
  describeFinding,
  editWorkbook,
  loadSeed,
  loadWorkbook,
  parseAddress,
  SEED_SHEETS,
  SEED_UNIT,
  type SeedFixture,
  sheetOf,
  validateBytes,
  validateGrids,
  withCell,
} from '../helpers/seed.ts';

/**
 * A figure changed by 1.00 anywhere must be rejected with an error pointing at that cell (engine.ts finish()).
 * Every figure cell the reader knows — filled or blank — is perturbed in turn, as an overlay on the seed's grids.
 *
 * One exception, by the nature of the data: the 款 rows of a T6 类 are tied by a single identity (类 = Σ 款) and
 * nothing else, so when two or more of them are filled no rule can tell which one is wrong. The error then points at
 * the 类 and says it cannot decide, rather than guessing a sibling.
 */

interface Target {
  table: TableId;
  sheet: string;
  cell: string;
  value: number;
  blank: boolean;
  kind: string;
}

function targetsOf(d: Disclosure): Target[] {
  const seen = new Set<string>();
  const out: Target[] = [];
  for (const t of Object.values(d.tables)) {
    for (const r of t?.rows ?? []) {
      for (const f of Object.values(r.cells)) {
        if (!t || !f.at || seen.has(`${f.at.sheet}!${f.at.cell}`)) continue;
        seen.add(`${f.at.sheet}!${f.at.cell}`);
        out.push({ table: t.id, ...f.at, value: f.value.toNumber(), blank: f.blank, kind: r.kind });
      }
    }
  }
  return out;
}

/** Seed T6 款 cells that only their 类 identity checks, each with its 类 cell (see the file comment). */
const T6_AMBIGUOUS: readonly { col: string; from: number; to: number; lei: string }[] = [
  { col: 'C', from: 7, to: 19, lei: 'C6' }, // 301 工资福利支出: 8 filled 款
  { col: 'C', from: 21, to: 31, lei: 'C20' }, // 303: 30399 is filled, so a change in any other 款 ties with it
  { col: 'F', from: 7, to: 33, lei: 'F6' }, // 302 商品和服务支出: 9 filled 款
];

function ambiguousLei(t: Target): string | null {
  if (t.sheet !== SEED_SHEETS.T6) return null;
  const { row } = parseAddress(t.cell);
  return T6_AMBIGUOUS.find((a) => t.cell.startsWith(a.col) && row >= a.from && row <= a.to)?.lei ?? null;
}

/** Why a perturbed report is not what the sweep expects, or null. */
function problem(report: ValidationReport, t: Target, expectedCell: string): string | null {
  const errors = report.findings.filter((f) => f.severity === 'error');
  if (report.status !== 'rejected') return `${t.sheet}!${t.cell}: accepted`;
  if (errors.some((f) => f.sheet === t.sheet && f.cell === expectedCell)) return null;
  return `${t.sheet}!${t.cell} (${t.blank ? 'blank' : t.value}): errors at ${errors.map((f) => `${f.rule}@${f.cell}`).join(' ')}`;
}

function sweep(grids: readonly SheetGrid[], targets: readonly Target[], expected: (t: Target) => string): string[] {
  const problems: string[] = [];
  for (const t of targets) {
    const value = Math.round((t.value + 1) * 100) / 100;
    const report = validateGrids(withCell(grids, t.sheet, t.cell, { kind: 'number', value }));
    const p = problem(report, t, expected(t));
    if (p) problems.push(p);
  }
  return problems;
}

let seed: SeedFixture;
let targets: Target[];
beforeAll(async () => {
  seed = await loadSeed();
  targets = targetsOf(seed.disclosure);
});

describe('a figure changed by 1.00 is found at its cell', () => {
  it('covers every figure cell of the seed, filled and blank', () => {
    // T1 9, T2 32, T3 36, T4 15, T5 36, T6 23 filled figures; T7–T9 are empty.
    expect(targets.filter((t) => !t.blank).length).toBe(151);
    expect(targets.length).toBeGreaterThan(500);
    for (const cell of ['C34', 'C36', 'E7', 'A7', 'H7'] as const)
      expect(targets.some((t) => t.cell === cell)).toBe(true);
  });

  it.each(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'] as const)('every cell of %s', (table) => {
    const mine = targets.filter((t) => t.table === table);
    expect(mine.length).toBeGreaterThan(0);
    expect(sweep(seed.grids, mine, (t) => ambiguousLei(t) ?? t.cell)).toEqual([]);
  });

  it('the T6 款 that cannot be singled out are reported at their 类, saying so, never at a wrong 款', () => {
    const ambiguous = targets.filter((t) => ambiguousLei(t) !== null);
    expect(ambiguous).toHaveLength(51);
    for (const t of ambiguous) {
      const report = validateGrids(withCell(seed.grids, t.sheet, t.cell, { kind: 'number', value: t.value + 1 }));
      const errors = report.findings.filter((f) => f.severity === 'error');
      expect(errors.map(describeFinding), t.cell).toHaveLength(1);
      expect(errors[0]).toMatchObject({ rule: 'T6-01', cell: ambiguousLei(t) });
      expect(errors[0]?.message).toContain('无法仅凭勾稽关系确定');
    }
  });

  it('a T6 款 whose siblings are all blank is found (310 资本性支出 group, 303 30399)', () => {
    const lone = targets.filter((t) => t.table === 'T6' && t.kind === 'econ-kuan' && ambiguousLei(t) === null);
    expect(lone.map((t) => t.cell).sort()).toEqual(['C32', 'I10', 'I11', 'I12', 'I13', 'I7', 'I8', 'I9']);
  });

  it.each([
    ['T1', 'C34', '使用非财政拨款结余'],
    ['T4', 'C36', '年初 一般公共预算财政拨款'],
    ['T7', 'E7', '合计 年初结转和结余'],
    ['T9', 'A7', '预算数合计'],
    ['T9', 'H7', '决算数 因公出国（境）费'],
    ['T2', 'E14', '2080505 本年收入合计'],
  ] as const)('end to end through the .xlsx: %s %s (%s) + 1.00', async (table, cell, _what) => {
    const bytes = await editWorkbook(seed.bytes, (wb) => {
      const c = sheetOf(wb, table).getCell(cell);
      c.value = (typeof c.value === 'number' ? c.value : 0) + 1;
    });
    const report = await validateBytes(bytes);
    expect(report.status).toBe('rejected');
    const at = report.findings.filter(
      (f) => f.severity === 'error' && f.sheet === SEED_SHEETS[table] && f.cell === cell,
    );
    expect(at.length, report.findings.map(describeFinding).join('\n')).toBeGreaterThan(0);
    expect(at[0]?.message).toMatch(/本单元格为|填列了金额/);
  });

  it('holds in another layout too: split codes, 24 类 rows, numbers as text, sheets renamed', async () => {
    const bytes = await writeDisclosureWorkbook(seed.disclosure, {
      year: 2023,
      unitName: SEED_UNIT,
      codeLayout: 'split',
      leiRows: 24,
      numbersAsText: true,
      order: ['T9', 'T5', 'T1', 'T2', 'T3', 'T4', 'T6', 'T7', 'T8'],
    });
    const renamed = await editWorkbook(bytes, (wb) => {
      wb.worksheets.forEach((ws, i) => {
        ws.name = `Sheet${i + 1}`;
      });
    });
    const grids = (await loadWorkbook(renamed)).worksheets.map(gridFromWorksheet);
    const read = readGrids(grids);
    if (read.status !== 'read') throw new Error('variant unreadable');
    // The writer lists the whole economic classification in T6, so its 款 positions differ from the seed's.
    const variantTargets = targetsOf(read.disclosure).filter((t) => t.kind !== 'econ-kuan');
    expect(variantTargets.length).toBeGreaterThan(400);
    expect(sweep(grids, variantTargets, (t) => t.cell)).toEqual([]);
  });
});
