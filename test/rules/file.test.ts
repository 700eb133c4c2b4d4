import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PACKAGE_LIMITS } from '../../shared/workbook/inspect-package.ts';
import { readWorkbook } from '../../shared/workbook/read-workbook.ts';
import { describeFinding, loadSeed, type SeedFixture, validateBytes } from '../helpers/seed.ts';
import { storedZip } from '../helpers/zip.ts';
import { casesOf, ruleIdsOf, runCase } from './cases.ts';

/**
 * F-01: files that are not a readable workbook. Each is a report with one Chinese finding, never an exception.
 * (K-01…K-03, the upload contract, are enforced and tested with the ingest use case.)
 */

let seed: SeedFixture;
beforeAll(async () => {
  seed = await loadSeed();
});

async function workbookWith(sheets: Record<string, string[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('file rules', () => {
  it.each(ruleIdsOf('file').filter((id) => id.startsWith('F-')))('%s holds on the seed', (rule) => {
    expect(seed.report.findings.filter((f) => f.rule === rule)).toEqual([]);
  });

  it.each(casesOf('file'))('$rule fails ($severity) when $change', async (c) => {
    const { hit, all } = await runCase(seed, c);
    expect(hit, all.map(describeFinding).join('\n')).not.toBeNull();
  });

  const unreadable: [string, () => Uint8Array | Promise<Uint8Array>, RegExp][] = [
    ['an empty file', () => new Uint8Array(), /空文件/],
    ['a text file', () => Buffer.from('hello\n'), /不是 Excel 工作簿/],
    ['a PDF', () => Buffer.from('%PDF-1.7\n%âãÏÓ\n'), /不是 Excel 工作簿/],
    [
      'an old .xls / encrypted workbook (OLE2)',
      () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      /\.xls|加密/,
    ],
    ['a truncated .xlsx', () => seed.bytes.subarray(0, Math.floor(seed.bytes.length / 2)), /损坏或不完整/],
    ['the .xlsx cut after its first bytes', () => seed.bytes.subarray(0, 64), /损坏或不完整/],
    [
      'a zip that is not a workbook',
      () => storedZip({ 'readme.txt': '决算', 'data/a.csv': '1,2' }),
      /不是 Excel 工作簿/,
    ],
    [
      'a zip with a broken xl/workbook.xml',
      () => storedZip({ '[Content_Types].xml': '<x', 'xl/workbook.xml': 'garbage' }),
      // The package inspection parses workbook.xml (issue 11) and says which part is broken.
      /xl\/workbook\.xml”不是格式正确的 XML/,
    ],
    ['a macro workbook', () => storedZip({ 'xl/workbook.xml': '<workbook/>', 'xl/vbaProject.bin': 'VBA' }), /宏/],
  ];

  it.each(unreadable)('%s → F-01 error in Chinese, unreadable', async (_name, bytes, message) => {
    const read = await readWorkbook(await bytes());
    expect(read.status).toBe('unreadable');
    const report = await validateBytes(await bytes());
    expect(report.status).toBe('rejected');
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ rule: 'F-01', severity: 'error', table: null, cell: null });
    expect(report.findings[0]?.message).toMatch(message);
    expect(report.findings[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a package larger than the limits once inflated is refused before parsing', async () => {
    const read = await readWorkbook(seed.bytes, { ...DEFAULT_PACKAGE_LIMITS, maxTotalUncompressed: 10_000 });
    expect(read.status).toBe('unreadable');
    expect(read.findings[0]?.message).toContain('解压后体积异常');
  });

  it('a workbook with none of the nine tables is read: nine S-01 errors, no F-01', async () => {
    const report = await validateBytes(await workbookWith({ Sheet1: [['会议纪要'], ['2023年度工作总结']] }));
    expect(report.status).toBe('rejected');
    expect(report.findings.map((f) => f.rule)).toEqual(Array(9).fill('S-01'));
    expect(new Set(report.findings.map((f) => f.table)).size).toBe(9);
  });

  it('a workbook with no cells at all is read the same way', async () => {
    const report = await validateBytes(await workbookWith({ 空白: [] }));
    expect(report.findings.map((f) => f.rule)).toEqual(Array(9).fill('S-01'));
  });
});
