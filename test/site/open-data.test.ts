import { beforeAll, describe, expect, it } from 'vitest';
import { type Disclosure, TABLE_IDS } from '../../shared/disclosure/model.ts';
import { Dec } from '../../shared/money/amount.ts';
import { siteRenderer } from '../../shared/site/index.ts';
import {
  CSV_COLUMNS,
  csvField,
  DATA_SCHEMA_VERSION,
  DataJsonError,
  dataCsv,
  dataJson,
  disclosureFromDataJson,
} from '../../shared/site/open-data.ts';
import type { PublishedDisclosure } from '../../shared/site/site-model.ts';
import { readWorkbook } from '../../shared/workbook/read-workbook.ts';
import { writeDisclosureWorkbook } from '../../shared/workbook/write-workbook.ts';
import { type SeedPublication, seedPublication } from './helpers.ts';

/** data.json and data.csv: the published figures, readable back into the model and safe to open in a spreadsheet. */

let seed: SeedPublication;
beforeAll(async () => {
  seed = await seedPublication();
});

/** Every figure as `table|row key|column` → exact decimal string. */
function figures(d: Disclosure): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of TABLE_IDS) {
    for (const r of d.tables[id]?.rows ?? []) {
      for (const [col, f] of Object.entries(r.cells)) out.set(`${id}|${r.key}|${col}`, f.value.toFixed(2));
    }
  }
  return out;
}

function fileOf(p: PublishedDisclosure, suffix: string): string {
  const f = siteRenderer.disclosureFiles(p).find((x) => x.path.endsWith(suffix));
  if (!f || typeof f.body !== 'string') throw new Error(`no ${suffix}`);
  return f.body;
}

describe('data.json', () => {
  it('has the schema, version, unit, 金额单位 and amounts as decimal strings', () => {
    const doc = JSON.parse(fileOf(seed.published, 'data.json'));
    expect(doc).toMatchObject({
      schema: 'gongkai.disclosure',
      schemaVersion: DATA_SCHEMA_VERSION,
      unit: { code: '101017', name: '武汉市财政局信息中心' },
      year: 2023,
      amountUnit: '万元',
      links: { page: '/2023/101017/', csv: '/2023/101017/data.csv', json: '/2023/101017/data.json' },
    });
    const t5 = doc.tables.find((t: { id: string }) => t.id === 'T5');
    const row = t5.rows.find((r: { code: string }) => r.code === '2080505');
    expect(row).toMatchObject({ kind: 'xiang', name: '机关事业单位基本养老保险缴费支出' });
    expect(row.cells['1']).toEqual({
      amount: '48.40',
      blank: false,
      source: { sheet: '一般公共预算财政拨款支出决算表', cell: 'E14' },
    });
    expect(doc.supplement.budgets).toHaveLength(7);
    expect(doc.findings.map((f: { rule: string }) => f.rule)).toContain('T6-01');
  });

  it('round-trips the seed: the nine tables rebuilt from data.json have the same figures, rows and notes', () => {
    const back = disclosureFromDataJson(fileOf(seed.published, 'data.json'));
    expect(figures(back)).toEqual(figures(seed.disclosure));
    for (const id of TABLE_IDS) {
      const a = seed.disclosure.tables[id];
      const b = back.tables[id];
      expect(b?.rows.map((r) => [r.key, r.kind, r.code, r.name, r.line, r.printedLine, r.side])).toEqual(
        a?.rows.map((r) => [r.key, r.kind, r.code, r.name, r.line, r.printedLine, r.side]),
      );
      expect(b?.notes).toEqual(a?.notes);
      expect(b?.emptyStatement).toEqual(a?.emptyStatement);
      expect(b?.columns).toEqual(a?.columns);
    }
    const cell = back.tables.T1?.rows.find((r) => r.key === 'L1')?.cells[1];
    expect(cell?.value).toBeInstanceOf(Dec);
    expect(cell?.at).toEqual({ sheet: '收入支出决算总表', cell: 'C7' });
  });

  it('round-trips through a workbook: data.json → writeDisclosureWorkbook → readWorkbook gives the same figures', async () => {
    const back = disclosureFromDataJson(fileOf(seed.published, 'data.json'));
    const bytes = await writeDisclosureWorkbook(back, { year: 2023, unitName: '武汉市财政局信息中心' });
    const read = await readWorkbook(bytes);
    if (read.status !== 'read') throw new Error('rebuilt workbook did not read');
    const rebuilt = figures(read.disclosure);
    for (const [key, value] of figures(seed.disclosure)) expect([key, rebuilt.get(key)]).toEqual([key, value]);
    // The writer lays T6 out on the year's full economic list: rows the seed's template lacked come back as zeros.
    const extra = [...rebuilt].filter(([key]) => !figures(seed.disclosure).has(key));
    expect(extra.every(([, v]) => v === '0.00')).toBe(true);
  });

  it('refuses what it does not understand', () => {
    const good = JSON.parse(fileOf(seed.published, 'data.json'));
    expect(() => disclosureFromDataJson('{')).toThrow(DataJsonError);
    expect(() => disclosureFromDataJson({ ...good, schemaVersion: 99 })).toThrow(/version 1/);
    const bad = structuredClone(good);
    bad.tables[0].rows[0].cells['1'].amount = '635.5500001';
    expect(() => disclosureFromDataJson(bad)).toThrow(/two decimals/);
  });
});

describe('data.csv', () => {
  it('is UTF-8 with BOM, CRLF, one row per figure', () => {
    const csv = fileOf(seed.published, 'data.csv');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv
      .slice(1)
      .split('\r\n')
      .filter((l) => l !== '');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines.length - 1).toBe(figures(seed.disclosure).size);
    expect(lines).toContain(
      '2023,101017,T5,一般公共预算财政拨款支出决算表,2080505,xiang,2080505,机关事业单位基本养老保险缴费支出,,1,小计,48.40',
    );
    expect(csv).toBe(dataCsv(seed.published));
  });

  it('neutralizes cells a spreadsheet would run as formulas', () => {
    for (const evil of ['=cmd|"/c calc"!A1', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvField(evil).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvField('-1.00')).toBe('-1.00');
    // After leading whitespace (ASCII, ideographic, no-break) and in full-width forms (issue 11).
    for (const evil of [
      ' =1+1',
      '\u3000=1+1',
      '\u00a0+cmd',
      '＝HYPERLINK("http://x")',
      '＋cmd',
      '－1+1',
      '＠SUM(1)',
      ' ＝1',
    ]) {
      expect(csvField(evil).replace(/^"/, '').startsWith("'"), JSON.stringify(evil)).toBe(true);
    }
    expect(csvField('－1.00')).toBe('－1.00');
    expect(csvField('一般公共服务支出')).toBe('一般公共服务支出');
    expect(csvField('a,b "c"')).toBe('"a,b ""c"""');

    const evilName = '=HYPERLINK("http://x","点击")';
    const p: PublishedDisclosure = structuredClone({
      ...seed.published,
      disclosure: { ...seed.disclosure, tables: {} },
    });
    const t5 = seed.disclosure.tables.T5;
    if (!t5) throw new Error('no T5');
    p.disclosure.tables.T5 = { ...t5, rows: t5.rows.map((r) => (r.code === '201' ? { ...r, name: evilName } : r)) };
    const line = dataCsv(p)
      .split('\r\n')
      .find((l) => l.includes('HYPERLINK'));
    expect(line).toContain(`"'=HYPERLINK(""http://x"",""点击"")"`);
  });

  it('matches data.json figure for figure', () => {
    const doc = dataJson(seed.published);
    const n = doc.tables.reduce((a, t) => a + t.rows.reduce((b, r) => b + Object.keys(r.cells).length, 0), 0);
    expect(n).toBe(figures(seed.disclosure).size);
  });
});
