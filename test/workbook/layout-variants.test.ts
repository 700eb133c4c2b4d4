import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TableId } from '../../shared/disclosure/model.ts';
import type { ValidationReport } from '../../shared/rules/validate.ts';
import { type WriteOptions, writeDisclosureWorkbook } from '../../shared/workbook/write-workbook.ts';
import {
  describeFinding,
  editWorkbook,
  figuresOf,
  loadSeed,
  loadWorkbook,
  readBytes,
  SEED_SHEETS,
  SEED_UNIT,
  SEED_YEAR,
  type SeedFixture,
  sheetOf,
  signatures,
  validateBytes,
} from '../helpers/seed.ts';

/**
 * RULES.md §1: the layouts real workbooks use must all be read to the same figures and give the same findings as the
 * seed. Each variant is built here, and a `proof` checks the built file really has the variant (so a writer or edit
 * that silently fell back to the seed's layout could not make the test pass).
 */

interface Variant {
  name: string;
  build: (seed: SeedFixture) => Promise<Buffer>;
  proof: (wb: ExcelJS.Workbook) => void;
  /** Zeros written out (0, 0.00): each is a rounded figure, so sums they take part in get a wider tolerance. */
  writtenZeros?: true;
}

const write = (seed: SeedFixture, opts: Partial<WriteOptions> = {}) =>
  writeDisclosureWorkbook(seed.disclosure, { year: SEED_YEAR, unitName: SEED_UNIT, ...opts });

/** Finds the worksheet whose A1 title contains `title` (variants rename and reorder sheets). */
function byTitle(wb: ExcelJS.Workbook, title: string): ExcelJS.Worksheet {
  const ws = wb.worksheets.find((w) => String(w.getCell('A1').value ?? '').includes(title));
  if (!ws) throw new Error(`no sheet titled …${title}`);
  return ws;
}

function sheetNamed(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** All cell values of a sheet, row by row (merged followers skipped). */
function values(ws: ExcelJS.Worksheet): ExcelJS.CellValue[] {
  const out: ExcelJS.CellValue[] = [];
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (!c.isMerged || c.master === c) out.push(c.value);
    }),
  );
  return out;
}

/** Row of `ws` whose column D (科目名称) reads `name`. */
function rowNamed(ws: ExcelJS.Worksheet, name: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 4).value === name) return ws.getRow(r);
  throw new Error(`no row ${name}`);
}

const VARIANTS: Variant[] = [
  {
    name: 'rewritten in the official layout (codes joined)',
    build: (s) => write(s),
    proof: (wb) => expect(rowNamed(byTitle(wb, '收入决算表'), '其他财政事务支出').getCell(1).value).toBe('2010699'),
  },
  {
    name: 'codes split into 类 | 款 | 项 columns (201 | 06 | 99)',
    build: (s) => write(s, { codeLayout: 'split' }),
    proof: (wb) => {
      const row = rowNamed(byTitle(wb, '支出决算表'), '其他财政事务支出');
      expect([1, 2, 3].map((c) => row.getCell(c).value)).toEqual(['201', '06', '99']);
    },
  },
  {
    name: 'split codes written only at their level (款 row “06”, 项 row “99”)',
    build: async (s) =>
      editWorkbook(await write(s, { codeLayout: 'split' }), (wb) => {
        for (const title of ['收入决算表', '年度支出决算表', '一般公共预算财政拨款支出决算表']) {
          byTitle(wb, title).eachRow((row) => {
            if (!/^\d{3}$/.test(String(row.getCell(1).value)) || row.getCell(2).value === null) return;
            row.getCell(1).value = null;
            if (row.getCell(3).value !== null) row.getCell(2).value = null;
          });
        }
      }),
    proof: (wb) => {
      for (const title of ['收入决算表', '年度支出决算表', '一般公共预算财政拨款支出决算表']) {
        const ws = byTitle(wb, title);
        expect([1, 2, 3].map((c) => rowNamed(ws, '财政事务').getCell(c).value)).toEqual([null, '06', null]);
        expect([1, 2, 3].map((c) => rowNamed(ws, '其他财政事务支出').getCell(c).value)).toEqual([null, null, '99']);
        expect([1, 2, 3].map((c) => rowNamed(ws, '购房补贴').getCell(c).value)).toEqual([null, null, '03']);
      }
    },
  },
  {
    name: 'blank cells written as 0 (numbers)',
    writtenZeros: true,
    build: (s) => write(s, { zeroAs: '0.00' }),
    proof: (wb) => expect(values(byTitle(wb, '三公')).filter((v) => v === 0)).toHaveLength(12),
  },
  {
    name: 'blank cells written as “0.00” (text)',
    writtenZeros: true,
    build: (s) => write(s, { zeroAs: '0.00', numbersAsText: true }),
    proof: (wb) => expect(values(byTitle(wb, '三公')).filter((v) => v === '0.00')).toHaveLength(12),
  },
  {
    name: 'blank cells written as “0” (text) in the seed',
    writtenZeros: true,
    build: (s) =>
      editWorkbook(s.bytes, (wb) => {
        for (const t of Object.values(s.disclosure.tables))
          for (const r of t?.rows ?? [])
            for (const f of Object.values(r.cells))
              if (f.blank && f.at) sheetNamed(wb, f.at.sheet).getCell(f.at.cell).value = '0';
      }),
    proof: (wb) => expect(sheetOf(wb, 'T1').getCell('C34').value).toBe('0'),
  },
  {
    name: 'blank cells written as “-”',
    build: (s) => write(s, { zeroAs: '-' }),
    proof: (wb) => expect(values(byTitle(wb, '三公')).filter((v) => v === '-')).toHaveLength(12),
  },
  {
    name: 'unlabelled template rows filled with 0, 0.00 or - (T1 rows 9–26, a T7 line, the T6 footer gap)',
    build: (s) =>
      editWorkbook(s.bytes, (wb) => {
        const t1 = sheetOf(wb, 'T1');
        for (let r = 15; r <= 32; r++) t1.getCell(r, 3).value = 0;
        t1.getCell('C36').value = '0.00';
        t1.getCell('F36').value = '-';
        const t7 = sheetOf(wb, 'T7');
        for (let c = 5; c <= 10; c++) t7.getCell(8, c).value = c % 2 === 0 ? 0 : '0.00';
        const t6 = sheetOf(wb, 'T6');
        t6.getCell('C33').value = 0;
        t6.getCell('I33').value = '0.00';
      }),
    proof: (wb) => {
      expect(sheetOf(wb, 'T1').getCell('C20').value).toBe(0);
      expect([sheetOf(wb, 'T7').getCell('E8').value, sheetOf(wb, 'T7').getCell('F8').value]).toEqual(['0.00', 0]);
      expect(sheetOf(wb, 'T6').getCell('I33').value).toBe('0.00');
    },
  },
  {
    name: 'numbers stored as text',
    build: (s) => write(s, { numbersAsText: true }),
    proof: (wb) => {
      const all = values(byTitle(wb, '年度收入支出决算总表'));
      expect(all).toContain('635.55');
      expect(all).not.toContain(635.55);
    },
  },
  {
    name: 'T1/T4 with 24 类 rows (no 债务还本/付息支出)',
    build: (s) => write(s, { leiRows: 24 }),
    proof: (wb) => {
      for (const title of ['年度收入支出决算总表', '财政拨款收入支出决算总表']) {
        const labels = values(byTitle(wb, title)).map(String);
        expect(labels.some((l) => l.includes('债务还本支出'))).toBe(false);
        expect(labels.some((l) => l.includes('二十四、抗疫特别国债安排的支出'))).toBe(true);
      }
    },
  },
  {
    name: 'tables in another order (三公 first)',
    build: (s) => write(s, { order: ['T9', 'T6', 'T1', 'T2', 'T3', 'T4', 'T5', 'T7', 'T8'] }),
    proof: (wb) => expect(String(wb.worksheets[0]?.getCell('A1').value)).toContain('三公'),
  },
  {
    name: 'tables on sheets named Sheet1…Sheet9, in another order',
    build: async (s) =>
      editWorkbook(await write(s, { order: ['T5', 'T4', 'T3', 'T2', 'T1', 'T9', 'T8', 'T7', 'T6'] }), (wb) => {
        wb.worksheets.forEach((ws, i) => {
          ws.name = `Sheet${i + 1}`;
        });
      }),
    proof: (wb) => expect(wb.worksheets.map((w) => w.name)).toContain('Sheet3'),
  },
  {
    name: 'title variants: …基本支出决算表, a space in “2023 年度”, （含专用结余）, 公务用车购置及运行费',
    build: (s) =>
      editWorkbook(s.bytes, (wb) => {
        sheetOf(wb, 'T6').getCell('A1').value = '2023年度一般公共预算财政拨款基本支出决算表';
        sheetOf(wb, 'T2').getCell('A1').value = '2023 年度收入决算表';
        sheetOf(wb, 'T5').getCell('A1').value = '2023年度 一般公共预算财政拨款支出决算表';
        sheetOf(wb, 'T1').getCell('A34').value = '使用非财政拨款结余（含专用结余）';
        sheetOf(wb, 'T9').getCell('C5').value = '公务用车购置及运行费';
        sheetOf(wb, 'T9').getCell('I5').value = '公务用车购置及运行费';
        sheetOf(wb, 'T9').getCell('A1').value = '2023年度财政拨款"三公"经费支出决算表';
      }),
    proof: (wb) => expect(sheetOf(wb, 'T2').getCell('A1').value).toBe('2023 年度收入决算表'),
  },
  {
    name: 'full-width digits in amounts and codes (６３５.５５, ２０１)',
    build: (s) =>
      editWorkbook(s.bytes, (wb) => {
        sheetOf(wb, 'T1').getCell('C7').value = '６３５.５５';
        sheetOf(wb, 'T1').getCell('C33').value = '６３５．５５';
        sheetOf(wb, 'T2').getCell('A8').value = '２０１';
        sheetOf(wb, 'T3').getCell('A10').value = '２０１０６９９';
        sheetOf(wb, 'T6').getCell('A6').value = '３０１';
      }),
    proof: (wb) => expect(sheetOf(wb, 'T1').getCell('C7').value).toBe('６３５.５５'),
  },
  {
    name: 'a template row left out (T6 without 30306 救济费)',
    build: (s) =>
      editWorkbook(s.bytes, (wb) => {
        const ws = sheetOf(wb, 'T6');
        // Rows 27–32 of the 人员经费 group move up one; the 公用经费 groups keep their rows.
        for (let r = 26; r <= 32; r++)
          for (const c of [1, 2, 3]) ws.getCell(r, c).value = r < 32 ? ws.getCell(r + 1, c).value : null;
      }),
    proof: (wb) => {
      const codes = values(sheetOf(wb, 'T6'));
      expect(codes).not.toContain('30306');
      expect(sheetOf(wb, 'T6').getCell('C31').value).toBe(0.85);
    },
  },
  {
    name: 'totals as formulas with cached results',
    build: (s) =>
      editWorkbook(s.bytes, (wb) => {
        sheetOf(wb, 'T1').getCell('C33').value = { formula: 'SUM(C7:C14)', result: 635.55 };
        sheetOf(wb, 'T1').getCell('F33').value = { formula: 'SUM(F7:F32)', result: 635.5500000000001 };
        sheetOf(wb, 'T2').getCell('E7').value = { formula: 'E8+E11+E15+E18', result: 635.55 };
        sheetOf(wb, 'T6').getCell('C34').value = { formula: 'C6+C20', result: 467.17 };
      }),
    proof: (wb) => expect(sheetOf(wb, 'T1').getCell('C33').formula).toBe('SUM(C7:C14)'),
  },
  {
    name: 'T8 in the 6-column layout (…收入支出决算表)',
    build: (s) =>
      editWorkbook(s.bytes, (wb) => {
        const t7 = sheetOf(wb, 'T7');
        const ws = wb.addWorksheet('国有资本经营收入支出');
        t7.eachRow((row, r) =>
          row.eachCell((c, col) => {
            if (!c.isMerged || c.master === c) ws.getCell(r, col).value = c.value;
          }),
        );
        ws.getCell('A1').value = '2023年度国有资本经营预算财政拨款收入支出决算表';
        ws.getCell('J2').value = '公开08表';
        ws.getCell('A9').value = '注：本表反映单位本年度国有资本经营预算财政拨款收入、支出及结转和结余情况。';
        ws.getCell('A11').value = '本单位当年无国有资本经营预算财政拨款收入支出。';
        wb.removeWorksheet(sheetOf(wb, 'T8').id);
      }),
    proof: (wb) => {
      const ws = byTitle(wb, '国有资本经营预算财政拨款收入支出决算表');
      expect(ws.getCell('J6').value).toBe(6);
    },
  },
];

let seed: SeedFixture;
let baseFigures: string[];
let baseFindings: string[];
beforeAll(async () => {
  seed = await loadSeed();
  baseFigures = figuresOf(seed.disclosure);
  baseFindings = signatures(seed.report);
});

describe('layout variants read like the seed', () => {
  it('the seed’s normalized figures are what the tables print', () => {
    expect(baseFigures).toHaveLength(151);
    expect(baseFigures).toContain('T1/L58/2=635.55');
    expect(baseFigures).toContain('T3/2010699/2=335.00');
    expect(baseFigures).toContain('T6/public-total/1=34.42');
    expect(seed.report.summary).toEqual({ errors: 0, warnings: 0, notices: 7 });
  });

  it.each(VARIANTS)('$name', async (v) => {
    const bytes = await v.build(seed);
    v.proof(await loadWorkbook(bytes));
    const read = await readBytes(bytes);
    expect(figuresOf(read.disclosure)).toEqual(baseFigures);
    const report: ValidationReport = await validateBytes(bytes);
    expect(report.status).toBe('accepted');
    // A written 0.00 is a rounded figure (±0.005, RULES.md §2), a blank is nothing: zeros written out widen the
    // tolerance of the sums they take part in, so those variants agree on everything but the tolerance used.
    const strip = (xs: string[]) => (v.writtenZeros ? xs.map((x) => x.replace(/ \S+$/, '')) : xs);
    expect(strip(signatures(report)), report.findings.map(describeFinding).join('\n')).toEqual(strip(baseFindings));
    expect([report.unit, report.year]).toEqual([SEED_UNIT, SEED_YEAR]);
  });

  it('24-row T1/T4 keep canonical line numbers (本年支出合计 is line 58/59 whatever is printed)', async () => {
    const read = await readBytes(await write(seed, { leiRows: 24 }));
    const t1 = read.disclosure.tables.T1;
    expect(t1?.rows.filter((r) => r.code !== null)).toHaveLength(24);
    expect(t1?.rows.find((r) => r.line === 58)).toMatchObject({ name: '本年支出合计', printedLine: 56 });
    expect(read.disclosure.tables.T4?.rows.find((r) => r.line === 59)?.printedLine).toBe(57);
  });

  it('the 6-column T8 is read with T7’s columns', async () => {
    const read = await readBytes(
      await (VARIANTS.find((v) => v.name.startsWith('T8'))?.build(seed) ?? Promise.reject()),
    );
    expect(read.disclosure.tables.T8?.columns.map((c) => c.label)).toEqual(
      read.disclosure.tables.T7?.columns.map((c) => c.label),
    );
    expect(read.disclosure.tables.T8?.emptyStatement).toBe('本单位当年无国有资本经营预算财政拨款收入支出。');
  });

  it('empty T7/T8/T9 are read with their statements, and their zero 合计', () => {
    for (const id of ['T7', 'T8', 'T9'] as const satisfies readonly TableId[]) {
      const t = seed.disclosure.tables[id];
      expect(t?.emptyStatement, id).toMatch(/^本单位当年无/);
      expect(t?.rows.every((r) => Object.values(r.cells).every((f) => f.value.isZero() && f.blank))).toBe(true);
    }
    expect(seed.disclosure.tables.T7?.rows.map((r) => r.key)).toEqual(['total']);
  });

  it('a title with a space still yields the year', async () => {
    const bytes = await editWorkbook(seed.bytes, (wb) => {
      sheetOf(wb, 'T3').getCell('A1').value = '2023 年度 支出决算表';
    });
    const read = await readBytes(bytes);
    expect(read.disclosure.tables.T3).toMatchObject({ year: 2023, sheet: SEED_SHEETS.T3, title: '2023年度支出决算表' });
  });
});
