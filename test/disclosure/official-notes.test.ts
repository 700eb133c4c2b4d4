import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Disclosure, DisclosureTable } from '../../shared/disclosure/model.ts';
import {
  carriesNote,
  notesWithOfficial,
  T9_BUDGET_NOTE,
  t1IdentityNotes,
} from '../../shared/disclosure/official-notes.ts';
import { siteRenderer } from '../../shared/site/index.ts';
import { cellText, gridFromWorksheet } from '../../shared/workbook/sheet-grid.ts';
import { writeDisclosureWorkbook } from '../../shared/workbook/write-workbook.ts';
import { type SeedPublication, seedPublication } from '../site/helpers.ts';

/**
 * The official notes under T1, T4 and T9 (issue 10 part 6), in the seed's own wording: in the template, and on the
 * page — once, whether or not the workbook printed them itself.
 */

const T1_NOTES = [
  '27 行 = (1+2+3+4+5+6+7+8) 行；31 行 = (27+28+29) 行；',
  '58 行 = (32+33+...+57) 行；62 行 = (58+59+60) 行。',
];
const T4_NOTES = [
  '27 行 = (1+2+3) 行；28 行 = (29+30+31) 行；32 行 = (27+28) 行。',
  '59 行 = (33+34+...+58) 行；64 行 = (59+60) 行。',
];
const T9_FIRST =
  '注：本表反映单位本年度财政拨款“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。';

let seed: SeedPublication;
beforeAll(async () => {
  seed = await seedPublication();
});

async function sheetTexts(opts: Parameters<typeof writeDisclosureWorkbook>[1]): Promise<Map<string, string[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeDisclosureWorkbook(null, opts)) as never);
  const out = new Map<string, string[]>();
  for (const ws of wb.worksheets) {
    const g = gridFromWorksheet(ws);
    const texts: string[] = [];
    for (let r = 1; r <= g.rowCount; r++) texts.push(cellText(g.cell(r, 1)));
    out.set(ws.name, texts);
  }
  return out;
}

function pageOf(d: Disclosure): string {
  const f = siteRenderer.disclosureFiles({ ...seed.published, disclosure: d }).find((x) => x.path.endsWith('.html'));
  return typeof f?.body === 'string' ? f.body : '';
}

/** The notes block under one table on the page. */
function notesUnder(page: string, id: string): string {
  const start = page.indexOf(`id="table-${id}"`);
  const section = page.slice(start, page.indexOf('</section>', start));
  return section.slice(section.indexOf('<div class="table-notes">'));
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('the template carries the official notes', () => {
  it('T1 and T4: the seed’s identity lines; T9: what 预算数 and 决算数 mean', async () => {
    const sheets = await sheetTexts({ year: 2024, unitName: '某单位' });
    expect(sheets.get('收入支出决算总表')).toEqual(expect.arrayContaining(T1_NOTES));
    expect(sheets.get('财政拨款收入支出决算总表')).toEqual(expect.arrayContaining(T4_NOTES));
    expect(sheets.get('财政拨款三公经费支出决算表')).toContain(T9_FIRST);
  });

  it('a 24-类 layout numbers the identities as it prints its 行次', async () => {
    const sheets = await sheetTexts({ year: 2024, unitName: '某单位', leiRows: 24 });
    const t1 = sheets.get('收入支出决算总表') ?? [];
    expect(t1).toContain('25 行 = (1+2+3+4+5+6+7+8) 行；29 行 = (25+26+27) 行；');
    expect(t1).toContain('56 行 = (32+33+...+55) 行；60 行 = (56+57+58) 行。');
    const t4 = sheets.get('财政拨款收入支出决算总表') ?? [];
    expect(t4).toContain('57 行 = (33+34+...+56) 行；62 行 = (57+58) 行。');
  });
});

describe('the page prints each official note once', () => {
  it('adds them under T1, T4 and T9 when the workbook does not print them', () => {
    const bare: Disclosure = {
      ...seed.disclosure,
      tables: Object.fromEntries(
        Object.entries(seed.disclosure.tables).map(([id, t]) => [
          id,
          { ...t, notes: (t as DisclosureTable).notes.filter((n) => !/行\s*=|全年预算数/.test(n)) },
        ]),
      ),
    };
    const page = pageOf(bare);
    for (const n of T1_NOTES) expect(count(notesUnder(page, 't1'), n)).toBe(1);
    for (const n of T4_NOTES) expect(count(notesUnder(page, 't4'), n)).toBe(1);
    const t9 = notesUnder(page, 't9');
    expect(count(t9, T9_BUDGET_NOTE)).toBe(1);
    // Right after the 注 line, before the 栏 identities (the seed's order).
    expect(t9.indexOf(T9_BUDGET_NOTE)).toBeLessThan(t9.indexOf('1 栏 = (2+3+6) 栏'));
    expect(notesUnder(page, 't2')).not.toContain('行 =');
  });

  it('never twice when the workbook prints them — in the seed’s words or its own', () => {
    const t1 = seed.disclosure.tables.T1 as DisclosureTable;
    const t9 = seed.disclosure.tables.T9 as DisclosureTable;
    const own = ['27行 = (1+2+…+8)行；31行 = (27+28+29)行；58行 = (32+33+…+57)行；62行 = (58+59+60)行。'];
    expect(notesWithOfficial({ ...t1, notes: [...t1.notes.slice(0, 2), ...own] })).toEqual([
      ...t1.notes.slice(0, 2),
      ...own,
    ]);
    expect(notesWithOfficial({ ...t1, notes: [...t1.notes.slice(0, 2), ...T1_NOTES] })).toHaveLength(4);
    expect(notesWithOfficial({ ...t9, notes: [T9_FIRST, t9.notes.at(-1) ?? ''] })).toEqual([T9_FIRST, t9.notes.at(-1)]);
  });

  it('the seed page: each note exactly once', () => {
    const page = pageOf(seed.disclosure);
    for (const n of [...T1_NOTES, ...T4_NOTES, T9_BUDGET_NOTE]) expect(count(page, n)).toBe(1);
  });

  it('recognises a note despite spacing and ellipsis style, but not another identity', () => {
    const [first] = t1IdentityNotes((x) => x, [32, 57]);
    expect(carriesNote(['27行=(1+2+3+4+5+6+7+8)行；31行=(27+28+29)行；'], first ?? '')).toBe(true);
    expect(carriesNote(['1 栏各行 = (2+3+4+5+6+7) 栏各行。'], first ?? '')).toBe(false);
    expect(carriesNote(['注：本表反映单位本年度的总收支'], first ?? '')).toBe(false);
  });
});
