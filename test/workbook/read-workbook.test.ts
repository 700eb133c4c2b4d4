import { beforeAll, describe, expect, it } from 'vitest';
import { readGrids } from '../../shared/workbook/read-workbook.ts';
import { gridFromRows } from '../../shared/workbook/sheet-grid.ts';
import {
  describeFinding,
  editWorkbook,
  figureAt,
  figuresOf,
  loadSeed,
  readBytes,
  SEED_SHEETS,
  type SeedFixture,
  sheetOf,
  validateBytes,
  validateGrids,
  withCell,
} from '../helpers/seed.ts';

/** Reading cells that are not plain numbers: formulas, other units, separators, odd codes. */

let seed: SeedFixture;
beforeAll(async () => {
  seed = await loadSeed();
});

describe('formula cells', () => {
  it('a formula without a cached result is a C-01 error at its cell, not a crash', async () => {
    const bytes = await editWorkbook(seed.bytes, (wb) => {
      sheetOf(wb, 'T2').getCell('E7').value = { formula: 'E8+E11+E15+E18' } as never;
    });
    const report = await validateBytes(bytes);
    expect(report.status).toBe('rejected');
    const c01 = report.findings.filter((f) => f.rule === 'C-01');
    expect(c01).toHaveLength(1);
    expect(c01[0]).toMatchObject({ severity: 'error', table: 'T2', sheet: SEED_SHEETS.T2, cell: 'E7' });
    expect(c01[0]?.message).toContain('=E8+E11+E15+E18');
    expect(c01[0]?.message).toContain('没有保存计算结果');
  });

  it('a formula whose cached result is an error value is an H-05 error', async () => {
    const bytes = await editWorkbook(seed.bytes, (wb) => {
      sheetOf(wb, 'T5').getCell('F7').value = { formula: 'F8/0', result: { error: '#DIV/0!' } } as never;
    });
    const h05 = (await validateBytes(bytes)).findings.find((f) => f.rule === 'H-05');
    expect(h05).toMatchObject({ severity: 'error', cell: 'F7', actual: '#DIV/0!' });
  });
});

describe('金额单位', () => {
  it('元 instead of 万元 is an S-01 error and the figures are not converted (never misread)', async () => {
    const bytes = await editWorkbook(seed.bytes, (wb) => {
      sheetOf(wb, 'T2').getCell('K3').value = '金额单位：元';
    });
    const read = await readBytes(bytes);
    expect(read.disclosure.tables.T2?.amountUnit).toBe('元');
    expect(figuresOf(read.disclosure)).toEqual(figuresOf(seed.disclosure));
    const report = await validateBytes(bytes);
    expect(report.status).toBe('rejected');
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map(describeFinding)).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'S-01', table: 'T2', actual: '元', expected: '万元' });
    expect(errors[0]?.message).toContain('系统不会自行换算');
  });

  it('“单位：万元” written on its own line is the amount unit, not the unit name', () => {
    const grids = withCell(withCell(seed.grids, SEED_SHEETS.T5, 'G3', { kind: 'empty' }), SEED_SHEETS.T5, 'G2', {
      kind: 'text',
      value: '单位：万元',
    });
    const read = readGrids(grids);
    if (read.status !== 'read') throw new Error('unreadable');
    expect(read.disclosure.tables.T5).toMatchObject({ amountUnit: '万元', unitName: '武汉市财政局信息中心' });
  });
});

describe('amount cells', () => {
  it('thousands separators: “1,234.50” is read as 1234.50 and judged as a figure, not as text', () => {
    const report = validateGrids(withCell(seed.grids, SEED_SHEETS.T2, 'F14', { kind: 'text', value: '1,234.50' }));
    expect(report.findings.filter((f) => f.rule === 'H-05')).toEqual([]);
    const t201 = report.findings.find((f) => f.rule === 'T2-01' && f.cell === 'F14');
    expect(t201).toMatchObject({ severity: 'error', actual: '1234.50', expected: '48.40' });
  });

  it('thousands separators with full-width digits and comma: “１，２３４．５０”', () => {
    const read = readGrids(withCell(seed.grids, SEED_SHEETS.T2, 'F14', { kind: 'text', value: '１，２３４．５０' }));
    if (read.status !== 'read') throw new Error('unreadable');
    expect(figureAt(read.disclosure, 'T2', '2080505', 2).value.toFixed(2)).toBe('1234.50');
  });

  it('“335” and “335.00” are the same figure', () => {
    const a = validateGrids(withCell(seed.grids, SEED_SHEETS.T3, 'F8', { kind: 'text', value: '335' }));
    const b = validateGrids(withCell(seed.grids, SEED_SHEETS.T3, 'F8', { kind: 'text', value: '335.00' }));
    expect(a.findings).toEqual(seed.report.findings);
    expect(b.findings).toEqual(seed.report.findings);
  });

  it('accounting negatives “(1.00)” are read as −1.00 with an H-05 warning', () => {
    const report = validateGrids(withCell(seed.grids, SEED_SHEETS.T2, 'G14', { kind: 'text', value: '(1.00)' }));
    expect(report.findings.find((f) => f.rule === 'H-05')).toMatchObject({
      severity: 'warning',
      cell: 'G14',
      actual: '-1.00',
    });
  });
});

describe('classification tables from plain grids', () => {
  const header = [
    ['2023年度一般公共预算财政拨款支出决算表'],
    [null, null, null, null, null, null, '公开05表'],
    ['单位：某单位', null, null, null, null, null, '金额单位：万元'],
    ['项目', null, null, null, '小计', '基本支出', '项目支出'],
    ['功能分类科目编码', null, null, '科目名称'],
    ['类', '款', '项', '栏次', 1, 2, 3],
  ];

  it('a 款 row with only “06” under 款 and a 项 row with only “99” under 项 get their parents’ codes', () => {
    const grid = gridFromRows('Sheet3', [
      ...header,
      [null, null, null, '合计', 10, 10, null],
      ['201', null, null, '一般公共服务支出', 10, 10, null],
      [null, '06', null, '财政事务', 10, 10, null],
      [null, null, '99', '其他财政事务支出', 10, 10, null],
    ]);
    const read = readGrids([grid]);
    if (read.status !== 'read') throw new Error('unreadable');
    expect(read.disclosure.tables.T5?.rows.map((r) => `${r.key}:${r.kind}`)).toEqual([
      'total:total',
      '201:lei',
      '20106:kuan',
      '2010699:xiang',
    ]);
    expect(read.findings.filter((f) => f.rule !== 'S-01')).toEqual([]);
  });

  it('a two-digit code outside the 款/项 columns is an H-03 error, not guessed', () => {
    const grid = gridFromRows('Sheet1', [
      ...header,
      [null, null, null, '合计', 10, 10, null],
      ['06', null, null, '财政事务', 10, 10, null],
    ]);
    const read = readGrids([grid]);
    expect(read.findings.find((f) => f.rule === 'H-03')).toMatchObject({ severity: 'error', cell: 'A8', actual: '06' });
  });

  it('a row with a name and amounts but no code is an H-03 error at the row', () => {
    const grid = gridFromRows('Sheet1', [
      ...header,
      [null, null, null, '合计', 10, 10, null],
      [null, null, null, '财政事务', 10, 10, null],
    ]);
    const h03 = readGrids([grid]).findings.find((f) => f.rule === 'H-03');
    expect(h03?.message).toContain('没有功能分类科目编码');
  });
});
