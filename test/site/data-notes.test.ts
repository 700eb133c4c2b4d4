import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../shared/report/render-report-html.ts';
import { finding } from '../../shared/rules/finding.ts';
import { siteRenderer } from '../../shared/site/index.ts';
import { citeFinding, locateFinding, publicMessage } from '../../shared/site/render-data-notes.ts';
import { validateWorkbook } from '../../shared/validate-workbook.ts';
import { FULL_SEED_PATH, type SeedPublication, seedPublication } from './helpers.ts';

/**
 * 数据说明 cites tables, not cells (issue 10 part 8): the public reads 收入支出决算总表 第58行 栏2, derived from the
 * disclosure model (each figure's source cell, T1/T4 canonical lines, classification codes, column labels); the
 * unit's report keeps sheet!cell.
 */

let seed: SeedPublication & { report: Awaited<ReturnType<typeof validateWorkbook>>['report'] };
let page: string;
beforeAll(async () => {
  seed = { ...(await seedPublication()), report: (await validateWorkbook(await readFile(FULL_SEED_PATH))).report };
  const f = siteRenderer.disclosureFiles(seed.published).find((x) => x.path.endsWith('index.html'));
  page = typeof f?.body === 'string' ? f.body : '';
});

const notesOf = (html: string) => html.slice(html.indexOf('<h2 id="data-notes">'));

describe('数据说明 on the seed page', () => {
  it('cites each of the seed’s seven notices by table, line or code, and 栏', () => {
    const where = [...notesOf(page).matchAll(/<span class="where">([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(where).toEqual([
      '收入支出决算总表 第58行 栏2',
      '收入支出决算总表 第50行 栏2',
      '财政拨款收入支出决算总表 第59行 栏2（支出合计）',
      '财政拨款收入支出决算总表 第59行 栏3（一般公共预算财政拨款）',
      '财政拨款收入支出决算总表 第51行 栏3（一般公共预算财政拨款）',
      '一般公共预算财政拨款基本支出决算明细表 301 工资福利支出',
      '一般公共预算财政拨款基本支出决算明细表 302 商品和服务支出',
    ]);
  });

  it('names no spreadsheet cell', () => {
    const notes = notesOf(page);
    expect(notes).not.toMatch(/单元格/);
    expect(notes).not.toMatch(/(?<![A-Za-z0-9-])[A-Z]{1,2}\d{1,4}(?![A-Za-z0-9-])/);
  });

  it('the unit’s report keeps sheet and cell', () => {
    const { report } = seed;
    const html = renderReportHtml(report, {
      unitCode: '101017',
      year: 2023,
      fileName: 'a.xlsx',
      receivedAt: '2024-10-12T00:00:00Z',
      outcome: '已发布',
      url: null,
    });
    expect(html).toContain('F33');
  });
});

describe('citations from the model', () => {
  it('a classified table: code, name, 栏 and its label', () => {
    const t3 = seed.disclosure.tables.T3;
    const row = t3?.rows.find((r) => r.code === '201');
    const at = row?.cells[2]?.at;
    expect(at).toBeTruthy();
    const f = finding({
      rule: 'H-02',
      severity: 'notice',
      table: 'T3',
      sheet: at?.sheet,
      cell: at?.cell,
      message: 'x',
    });
    expect(citeFinding(seed.disclosure, f)).toBe('支出决算表 201 一般公共服务支出 栏2（基本支出）');
  });

  it('the 合计 row, T9 and an unknown cell', () => {
    const total = seed.disclosure.tables.T5?.rows.find((r) => r.kind === 'total');
    const at = total?.cells[3]?.at;
    const f = finding({
      rule: 'X-13',
      severity: 'warning',
      table: 'T5',
      sheet: at?.sheet,
      cell: at?.cell,
      message: 'x',
    });
    expect(citeFinding(seed.disclosure, f)).toBe('一般公共预算财政拨款支出决算表 合计 栏3（项目支出）');
    const t9at = seed.disclosure.tables.T9?.rows[0]?.cells[8]?.at;
    const t9 = finding({
      rule: 'X-17',
      table: 'T9',
      sheet: t9at?.sheet,
      cell: t9at?.cell,
      message: 'x',
    });
    expect(citeFinding(seed.disclosure, t9)).toMatch(/^财政拨款“三公”经费支出决算表 栏8（.*因公出国（境）费）$/);
    const nowhere = finding({ rule: 'N-01', sheet: '补充信息', cell: 'B12', message: 'x' });
    expect(locateFinding(seed.disclosure, nowhere)).toBeNull();
    expect(citeFinding(seed.disclosure, nowhere)).toBe('补充信息');
  });

  it('cells a message names become citations; “本单元格” becomes “本数”', () => {
    const t1 = seed.disclosure.tables.T1;
    const l27 = t1?.rows.find((r) => r.line === 27)?.cells[1]?.at;
    const f = finding({
      rule: 'T1-01',
      severity: 'warning',
      table: 'T1',
      sheet: l27?.sheet,
      cell: l27?.cell,
      message: `本单元格为 635.55；组成项 ${l27?.cell} 与 T1-01 无关的 ZZ99 不变。`,
    });
    expect(publicMessage(seed.disclosure, f)).toBe(
      '本数为 635.55；组成项 收入支出决算总表 第27行 栏1 与 T1-01 无关的 ZZ99 不变。',
    );
  });
});
