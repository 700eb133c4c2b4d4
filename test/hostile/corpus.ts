import { randomBytes } from 'node:crypto';
import type ExcelJS from 'exceljs';
import { DEFAULT_PACKAGE_LIMITS } from '../../shared/workbook/inspect-package.ts';
import { writeDisclosureWorkbook } from '../../shared/workbook/write-workbook.ts';
import { editWorkbook, SEED_SHEETS, SEED_UNIT, SEED_YEAR, seedBytes } from '../helpers/seed.ts';
import { deflated, repeatedDeflate, rezip, stored, unzip, writeZip, type ZipEntry } from './zip.ts';

/**
 * The hostile-input corpus, built in memory from the seed workbook (a real 2023 单位决算公开) and a hand-made zip
 * writer. Every case states what must happen to it: refused with a rule ID (an error finding of that rule), or
 * accepted (optionally with a warning of a given rule). Tests run each case through the validator, the ingest use
 * case and the S3 event handler; some also through the CLI and the page renderer.
 */

export type Expected =
  /** Refused: an error finding of `rule` (at `cell` of `table` when given); nothing is published. */
  | { outcome: 'rejected'; rule: string; table?: keyof typeof SEED_SHEETS; cell?: string }
  /** Published; `warning`: a warning of that rule beyond the seed's own findings. */
  | { outcome: 'accepted'; warning?: string };

export interface HostileCase {
  id: string;
  /** What the case is, for the outcome table. */
  title: string;
  expected: Expected;
  build: () => Promise<Uint8Array>;
  /** Markup or spreadsheet-formula payloads that reach published pages when the case is accepted. */
  payloads?: readonly string[];
  /** Refused by the package inspection before any XML is parsed: must take milliseconds. */
  packageLevel?: boolean;
}

export const XSS_SCRIPT = '<script>alert(1)</script>';
export const XSS_IMG = '"><img src=x onerror=alert(1)>';
export const CSV_PAYLOADS = ['=HYPERLINK("http://evil.example/","点此")', "+cmd|' /C calc'!A0", '-1+1', '@SUM(1+1)'];

const T = SEED_SHEETS;
const ALL_TABLES = Object.keys(SEED_SHEETS) as (keyof typeof SEED_SHEETS)[];

async function seed(): Promise<Buffer> {
  return seedBytes();
}

/** The seed with `edit` applied through exceljs (the helpers' loader; the cached seed buffer is never changed). */
function edited(edit: (wb: ExcelJS.Workbook) => void | Promise<void>): () => Promise<Uint8Array> {
  return async () => editWorkbook(await seed(), edit);
}

function sheet(wb: ExcelJS.Workbook, table: keyof typeof SEED_SHEETS): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(T[table]);
  if (!ws) throw new Error(`seed sheet ${T[table]} missing`);
  return ws;
}

/** Sets cells of one table (`{ C7: value }`). */
function cells(table: keyof typeof SEED_SHEETS, values: Record<string, ExcelJS.CellValue>) {
  return edited((wb) => {
    const ws = sheet(wb, table);
    for (const [a1, v] of Object.entries(values)) ws.getCell(a1).value = v;
  });
}

/** The unit line (A3) of every table. */
function unitName(name: string) {
  return edited((wb) => {
    for (const id of ALL_TABLES) sheet(wb, id).getCell('A3').value = `单位：${name}`;
  });
}

/** A 单位概况 supplementary sheet with free text (its reader publishes 主要职责 and 机构设置). */
function withProfileText(duties: string, organization: string) {
  return edited((wb) => {
    const ws = wb.addWorksheet('单位概况');
    ws.addRow(['【单位概况】']);
    ws.addRow(['主要职责', duties]);
    ws.addRow(['机构设置', organization]);
  });
}

const WORKSHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const WORKSHEET_TAIL = '</sheetData></worksheet>';

/** The seed package with parts replaced or added (entries written by the hand-made zip writer). */
async function seedPackage(extra: ZipEntry[], mutate?: (entry: ZipEntry) => ZipEntry): Promise<Buffer> {
  const parts = await unzip(await seed());
  if (!mutate) return rezip(parts, extra);
  const replaced = new Set(extra.map((e) => e.name));
  const entries = [...parts].filter(([n]) => !replaced.has(n)).map(([n, b]) => deflated(n, b));
  return writeZip([...entries, ...extra].map(mutate));
}

const MiB = 1024 * 1024;

/**
 * A worksheet that declares a size within every package limit (half a part, ratio ~2:1) and inflates to 1 GiB: only
 * the streaming check of the real size can catch it.
 */
export async function lyingPlausibleBomb(): Promise<Buffer> {
  const bomb = repeatedDeflate('xl/worksheets/sheet2.xml', {
    head: WORKSHEET_HEAD,
    chunk: ' '.repeat(MiB),
    times: 1024,
    tail: WORKSHEET_TAIL,
  });
  return seedPackage([{ ...bomb, declaredSize: DEFAULT_PACKAGE_LIMITS.maxEntryUncompressed / 2 }]);
}

/** `n` random CJK ideographs (3 bytes each in UTF-8): text that compresses about as badly as real prose. */
function randomCjk(n: number): string {
  const bytes = randomBytes(n * 2);
  let out = '';
  for (let i = 0; i < n; i++) out += String.fromCharCode(0x4e00 + (bytes.readUInt16LE(i * 2) % 0x5000));
  return out;
}

export const CORPUS: readonly HostileCase[] = [
  // ── Not a workbook at all ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'not-zip',
    title: 'plain text, not a zip',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: async () => Buffer.from('这不是工作簿 — just some text\n'),
    packageLevel: true,
  },
  {
    id: 'empty',
    title: 'empty file (0 bytes)',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: async () => new Uint8Array(0),
    packageLevel: true,
  },
  {
    id: 'truncated-half',
    title: 'seed cut in half (upload interrupted)',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: async () => (await seed()).subarray(0, Math.floor((await seed()).length / 2)),
    packageLevel: true,
  },
  {
    id: 'truncated-tail',
    title: 'seed without its last 100 bytes (no end of central directory)',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: async () => (await seed()).subarray(0, (await seed()).length - 100),
    packageLevel: true,
  },
  {
    id: 'random-after-zip-magic',
    title: 'zip magic PK\\3\\4 followed by 8 KB of random bytes',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: async () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(8192)]),
    packageLevel: true,
  },
  {
    id: 'zip-not-workbook',
    title: 'a valid zip holding a text file, not a workbook',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: async () => writeZip([deflated('readme.txt', '决算说明'), deflated('data/figures.csv', '1,2,3')]),
    packageLevel: true,
  },
  {
    id: 'workbook-xml-garbage',
    title: 'zip with xl/workbook.xml that is not XML',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: async () =>
      writeZip([
        deflated('[Content_Types].xml', '<Types/>'),
        deflated('xl/workbook.xml', '<<<not xml at all'),
        deflated('xl/worksheets/sheet1.xml', '<worksheet'),
      ]),
  },
  {
    id: 'ole2-encrypted',
    title: 'password-protected workbook (OLE2 compound file D0 CF 11 E0 A1 B1 1A E1 + junk)',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: async () =>
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(4096)]),
    packageLevel: true,
  },
  {
    id: 'csv-renamed',
    title: 'CSV text renamed to .xlsx',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: async () => Buffer.from('项目,金额\n一般公共预算财政拨款收入,635.55\n本年收入合计,635.55\n', 'utf8'),
    packageLevel: true,
  },
  {
    id: 'macro-vba',
    title: 'macro workbook content (.xlsm with xl/vbaProject.bin) uploaded as .xlsx',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: () => seedPackage([stored('xl/vbaProject.bin', randomBytes(2048))]),
    packageLevel: true,
  },
  {
    id: 'encrypted-entries',
    title: 'zip whose entries carry the encryption flag',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: () => seedPackage([], (e) => ({ ...e, flags: 0x1 })),
    packageLevel: true,
  },
  {
    id: 'too-many-entries',
    title: 'seed plus 2,100 tiny parts',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: () => seedPackage(Array.from({ length: 2100 }, (_, i) => stored(`customXml/item${i}.xml`, '<a/>'))),
    packageLevel: true,
  },
  // ── Zip bombs ───────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'bomb-declared-4gb',
    title: 'central directory declares a 4 GB worksheet (data is tiny)',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: async () => {
      const sheet1 = (await unzip(await seed())).get('xl/worksheets/sheet1.xml') ?? Buffer.alloc(0);
      return seedPackage([{ ...deflated('xl/worksheets/sheet1.xml', sheet1), declaredSize: 0xfffffffe }]);
    },
    packageLevel: true,
  },
  {
    id: 'bomb-zip64-1tb',
    title: 'zip64 entry declaring 1 TiB of shared strings',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: async () => {
      const strings = (await unzip(await seed())).get('xl/sharedStrings.xml') ?? Buffer.alloc(0);
      return seedPackage([{ ...deflated('xl/sharedStrings.xml', strings), declaredSize: 2 ** 40, zip64: true }]);
    },
    packageLevel: true,
  },
  {
    id: 'bomb-honest-ratio',
    title: '12 MiB worksheet of identical rows compressed > 200:1 (declared honestly)',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: () =>
      seedPackage([
        repeatedDeflate('xl/worksheets/sheet7.xml', {
          head: WORKSHEET_HEAD,
          chunk: '<row><c t="inlineStr"><is><t>0</t></is></c></row>'.repeat(20_000),
          times: 12,
          tail: WORKSHEET_TAIL,
        }),
      ]),
    packageLevel: true,
  },
  {
    id: 'bomb-lying-1gib',
    title: 'entry declares 1 KB but inflates to 1 GiB',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: () =>
      seedPackage([
        {
          ...repeatedDeflate('xl/worksheets/sheet2.xml', {
            head: WORKSHEET_HEAD,
            chunk: ' '.repeat(MiB),
            times: 1024,
            tail: WORKSHEET_TAIL,
          }),
          declaredSize: 1024,
        },
      ]),
    packageLevel: true,
  },
  {
    id: 'bomb-lying-plausible',
    title: 'entry declares half the per-part limit at a plausible ratio but inflates to 1 GiB',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: () => lyingPlausibleBomb(),
    packageLevel: true,
  },
  {
    id: 'millions-of-rows',
    title: 'worksheet with 3 million rows (~130 MB of XML, a few hundred KB compressed)',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: () =>
      seedPackage([
        repeatedDeflate('xl/worksheets/sheet2.xml', {
          head: WORKSHEET_HEAD,
          chunk: '<row><c t="n"><v>635.55</v></c></row>'.repeat(10_000),
          times: 300,
          tail: WORKSHEET_TAIL,
        }),
      ]),
    packageLevel: true,
  },
  {
    id: 'huge-shared-strings',
    title: 'sharedStrings.xml with 2 million strings (~100 MB)',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: () =>
      seedPackage([
        repeatedDeflate('xl/sharedStrings.xml', {
          head: '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
          chunk: '<si><t>武汉市财政局信息中心决算</t></si>'.repeat(10_000),
          times: 200,
          tail: '</sst>',
        }),
      ]),
    packageLevel: true,
  },
  // ── Workbooks with the wrong content ────────────────────────────────────────────────────────────────────
  {
    id: 'missing-table',
    title: 'the 三公 table (T9) deleted',
    expected: { outcome: 'rejected', rule: 'S-01', table: 'T9' },
    build: edited((wb) => wb.removeWorksheet(sheet(wb, 'T9').id)),
  },
  {
    id: 'duplicated-table',
    title: 'a second copy of 收入决算表 (T2) on another sheet',
    expected: { outcome: 'rejected', rule: 'S-05', table: 'T2' },
    build: edited((wb) => {
      const src = sheet(wb, 'T2');
      const copy = wb.addWorksheet('收入决算表(2)');
      src.eachRow((row, r) => {
        row.eachCell((cell, c) => {
          copy.getCell(r, c).value = cell.value;
        });
      });
    }),
  },
  {
    id: 'extra-sheets',
    title: 'extra sheets (说明, Sheet1) beside the nine tables',
    expected: { outcome: 'accepted' },
    build: edited((wb) => {
      wb.addWorksheet('说明').addRow(['本表由财务科填报。']);
      wb.addWorksheet('Sheet1').addRow([1, 2, 3]);
    }),
  },
  {
    id: 'blank-template',
    title: 'the blank template (no figures)',
    expected: { outcome: 'rejected', rule: 'S-07' },
    build: () => writeDisclosureWorkbook(null, { year: SEED_YEAR, unitName: SEED_UNIT }),
  },
  {
    id: 'wrong-year',
    title: 'tables titled 2022年度 uploaded under 2023/',
    expected: { outcome: 'rejected', rule: 'S-04' },
    build: edited((wb) => {
      for (const id of ALL_TABLES) {
        const a1 = sheet(wb, id).getCell('A1');
        a1.value = String(a1.value).replace('2023', '2022');
      }
    }),
  },
  {
    id: 'wrong-unit',
    title: 'another unit’s name (武汉市园林局) in every table',
    expected: { outcome: 'rejected', rule: 'S-04' },
    build: unitName('武汉市园林局'),
  },
  {
    id: 'one-table-other-unit',
    title: 'T5 headed with another unit',
    expected: { outcome: 'rejected', rule: 'S-04', table: 'T5' },
    build: cells('T5', { A3: '单位：武汉市园林局' }),
  },
  {
    id: 'amount-unit-yuan',
    title: '金额单位：元 instead of 万元',
    expected: { outcome: 'rejected', rule: 'S-01' },
    build: edited((wb) => {
      for (const id of ALL_TABLES) {
        const ws = sheet(wb, id);
        ws.getRow(3).eachCell((cell) => {
          if (String(cell.value).startsWith('金额单位')) cell.value = '金额单位：元';
        });
      }
    }),
  },
  {
    id: 'table-5000-rows',
    title: '收入决算表 with 5,000 extra rows (over the 3,000-row table limit)',
    expected: { outcome: 'rejected', rule: 'S-06', table: 'T2' },
    build: edited((wb) => {
      const ws = sheet(wb, 'T2');
      for (let r = 0; r < 5000; r++) ws.getCell(30 + r, 5).value = `行${r}`;
    }),
  },
  {
    id: 'sparse-far-cell',
    title: 'an extra sheet with one cell at XFD1048576 (maximal dimensions)',
    expected: { outcome: 'accepted' },
    build: edited((wb) => {
      wb.addWorksheet('附注').getCell('XFD1048576').value = '末尾';
    }),
  },
  // ── Numbers written oddly ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'numbers-as-text',
    title: 'every T1 figure stored as text ("635.55")',
    expected: { outcome: 'accepted' },
    build: edited((wb) => {
      sheet(wb, 'T1').eachRow((row) => {
        row.eachCell((cell) => {
          if (typeof cell.value === 'number' && !Number.isInteger(cell.value)) cell.value = cell.value.toFixed(2);
        });
      });
    }),
  },
  {
    id: 'thousands-separators',
    title: 'text amounts with thousands separators ("1,635.55"), consistent',
    expected: { outcome: 'accepted' },
    build: cells('T1', { C34: '1,000.00', C37: '1,635.55', F35: '1,000.00', F37: '1,635.55' }),
  },
  {
    id: 'full-width-digits',
    title: 'full-width digits (６３５．５５)',
    expected: { outcome: 'accepted' },
    build: cells('T1', { C7: '６３５．５５', F7: '４６８．９６' }),
  },
  {
    id: 'parenthesised-negative',
    title: 'accounting negative "(1.00)" in 结余分配, balanced by 年末结转和结余 1.00',
    expected: { outcome: 'accepted', warning: 'H-05' },
    build: cells('T1', { F34: '(1.00)', F35: 1 }),
  },
  {
    id: 'negative-breaks-identity',
    title: 'a negative basic expenditure (−335.00) in 支出决算表',
    expected: { outcome: 'rejected', rule: 'H-02', table: 'T3', cell: 'F10' },
    build: cells('T3', { F10: -335 }),
  },
  {
    id: 'exponent-text',
    title: 'text "1e308" as an amount',
    expected: { outcome: 'rejected', rule: 'H-05', table: 'T1', cell: 'C7' },
    build: cells('T1', { C7: '1e308' }),
  },
  {
    id: 'number-1e308',
    title: 'the number 1e308 as an amount',
    expected: { outcome: 'rejected', rule: 'H-05', table: 'T1', cell: 'C7' },
    build: cells('T1', { C7: 1e308 }),
  },
  {
    id: 'nan-text',
    title: 'text "NaN" as an amount',
    expected: { outcome: 'rejected', rule: 'H-05', table: 'T1', cell: 'C7' },
    build: cells('T1', { C7: 'NaN' }),
  },
  {
    id: 'error-ref',
    title: 'error cell #REF!',
    expected: { outcome: 'rejected', rule: 'H-05', table: 'T1', cell: 'C7' },
    build: cells('T1', { C7: { error: '#REF!' } }),
  },
  {
    id: 'error-div0',
    title: 'error cell #DIV/0! in 收入决算表',
    expected: { outcome: 'rejected', rule: 'H-05', table: 'T2', cell: 'E8' },
    build: cells('T2', { E8: { error: '#DIV/0!' } }),
  },
  {
    id: 'formula-without-result',
    title: 'formula =SUM(C7:C14) without a cached value',
    expected: { outcome: 'rejected', rule: 'C-01', table: 'T1', cell: 'C33' },
    build: cells('T1', { C33: { formula: 'SUM(C7:C14)', date1904: false } as ExcelJS.CellFormulaValue }),
  },
  {
    id: 'formula-with-result',
    title: 'formula =SUM(C7:C14) with its cached value 635.55',
    expected: { outcome: 'accepted' },
    build: cells('T1', { C33: { formula: 'SUM(C7:C14)', result: 635.55, date1904: false } }),
  },
  {
    id: 'three-decimals',
    title: 'an amount with three decimals (635.555)',
    expected: { outcome: 'rejected', rule: 'H-05', table: 'T1', cell: 'C7' },
    build: cells('T1', { C7: 635.555 }),
  },
  {
    id: 'date-as-amount',
    title: 'a date in an amount cell (stored as its serial number 45291)',
    expected: { outcome: 'rejected', rule: 'T1-01', table: 'T1', cell: 'C7' },
    build: cells('T1', { C7: new Date('2023-12-31T00:00:00Z') }),
  },
  // ── Codes written oddly ───────────────────────────────────────────────────────────────────────────────
  {
    id: 'codes-with-spaces',
    title: 'classification codes with spaces (" 201 ", "201 06")',
    expected: { outcome: 'accepted' },
    build: cells('T2', { A8: ' 201 ', A9: '201 06' }),
  },
  {
    id: 'codes-full-width',
    title: 'classification codes in full-width digits (２０１, ２０１０６９９)',
    expected: { outcome: 'accepted' },
    build: cells('T3', { A8: '２０１', A10: '２０１０６９９' }),
  },
  {
    id: 'code-letter-o',
    title: 'a code with the letter O for zero ("2O1")',
    expected: { outcome: 'rejected', rule: 'H-03', table: 'T2', cell: 'A8' },
    build: cells('T2', { A8: '2O1' }),
  },
  // ── Text: size, invisible characters, markup and formulas ─────────────────────────────────────────────
  {
    id: 'long-unit-name-1mb',
    title: '1 MB unit name (random CJK, so it is not refused for its compression ratio)',
    expected: { outcome: 'rejected', rule: 'S-04' },
    build: unitName(randomCjk(350_000)),
  },
  {
    id: 'long-free-text-1mb',
    title: '1 MB of free text in 单位概况 主要职责',
    expected: { outcome: 'accepted' },
    build: withProfileText(`负责${randomCjk(350_000)}`, '内设机构 3 个。'),
  },
  {
    id: 'zero-width-unit',
    title: 'zero-width space inside the unit name (looks identical)',
    expected: { outcome: 'rejected', rule: 'S-04' },
    build: unitName('武汉市财政局\u200B信息中心'),
  },
  {
    id: 'rtl-override-unit',
    title: 'right-to-left override making a reversed name display as the unit',
    expected: { outcome: 'rejected', rule: 'S-04' },
    build: unitName('\u202E心中息信局政财市汉武'),
  },
  {
    id: 'xss-unit-only',
    title: `unit name ${XSS_SCRIPT}`,
    expected: { outcome: 'rejected', rule: 'S-04' },
    build: unitName(XSS_SCRIPT),
  },
  {
    id: 'xss-unit-prefixed',
    // Only a few Chinese characters before the registered name pass as a region prefix: markup makes it another unit.
    title: `unit name ${XSS_SCRIPT}武汉市财政局信息中心 (ends with the registered name)`,
    expected: { outcome: 'rejected', rule: 'S-04' },
    build: unitName(`${XSS_SCRIPT}${SEED_UNIT}`),
    payloads: [XSS_SCRIPT],
  },
  {
    id: 'xss-row-name',
    title: `科目名称 with ${XSS_IMG}`,
    expected: { outcome: 'accepted', warning: 'H-04' },
    build: edited((wb) => {
      for (const id of ['T2', 'T3', 'T5'] as const) sheet(wb, id).getCell('D8').value = `一般公共服务支出${XSS_IMG}`;
    }),
    payloads: [XSS_IMG],
  },
  {
    id: 'xss-free-text',
    title: `free text (单位概况) with ${XSS_SCRIPT} and ${XSS_IMG}`,
    expected: { outcome: 'accepted' },
    build: withProfileText(`负责财政信息化建设。${XSS_SCRIPT}`, `内设机构${XSS_IMG}`),
    payloads: [XSS_SCRIPT, XSS_IMG],
  },
  {
    id: 'xss-table-note',
    title: `a table note with ${XSS_SCRIPT}`,
    expected: { outcome: 'accepted' },
    build: cells('T2', { A26: `注：${XSS_SCRIPT}${XSS_IMG}` }),
    payloads: [XSS_SCRIPT, XSS_IMG],
  },
  {
    id: 'csv-injection-names',
    title: 'CSV-injection payloads as 科目名称 (=HYPERLINK, +cmd, -1+1, @SUM)',
    expected: { outcome: 'accepted', warning: 'H-04' },
    build: edited((wb) => {
      for (const id of ['T2', 'T3', 'T5'] as const) {
        const ws = sheet(wb, id);
        ['D10', 'D13', 'D14', 'D17'].forEach((a1, i) => {
          ws.getCell(a1).value = CSV_PAYLOADS[i] ?? '';
        });
      }
    }),
    payloads: CSV_PAYLOADS,
  },
];

/** The seed with one worksheet's XML edited (a few bytes added: the package stays tiny). */
async function seedWithSheetXml(part: string, edit: (xml: string) => string): Promise<Buffer> {
  const parts = await unzip(await seed());
  const xml = parts.get(part)?.toString('utf8');
  if (xml === undefined) throw new Error(`no part ${part}`);
  return rezip(parts, [deflated(part, edit(xml))]);
}

/**
 * Small workbooks whose XML names a huge cell range that exceljs expands cell by cell while loading (merged cells,
 * data validations): 22 KB files that need gigabytes. They can end the process with an out-of-memory abort, so the
 * tests run them only in a child process (memory.test.ts). Expected: refused (F-01) before exceljs sees them.
 */
export const RANGE_BOMBS: readonly HostileCase[] = [
  {
    id: 'merge-bomb',
    title: 'a 22 KB workbook merging A20:XFD1048576 (17 billion cells)',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: () =>
      seedWithSheetXml('xl/worksheets/sheet9.xml', (xml) =>
        xml.replace('<mergeCells count="3">', '<mergeCells count="4"><mergeCell ref="A20:XFD1048576"/>'),
      ),
  },
  {
    id: 'data-validation-bomb',
    title: 'a 22 KB workbook with a data validation over A1:XFD1048576',
    expected: { outcome: 'rejected', rule: 'F-01' },
    build: () =>
      seedWithSheetXml('xl/worksheets/sheet9.xml', (xml) =>
        xml.replace(
          '<pageMargins',
          '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations><pageMargins',
        ),
      ),
  },
];

/** The seed with parts replaced or added by editing the seed's own XML. */
async function seedWithParts(edit: (parts: Map<string, Buffer>) => ZipEntry[], drop: readonly string[] = []) {
  const parts = await unzip(await seed());
  const extra = edit(parts);
  for (const name of drop) parts.delete(name);
  return rezip(parts, extra);
}

const text = (parts: Map<string, Buffer>, name: string) => parts.get(name)?.toString('utf8') ?? '';
const WHOLE_SHEET_MERGE = (ref: string) => (xml: string) =>
  xml.replace('<mergeCells count="3">', `<mergeCells count="4"><mergeCell ${ref}/>`);

/**
 * Issue 11: ~30 KB workbooks the old inspection did not recognise and that ended the process (heap out of memory)
 * or ran past the function's timeout. Each must now be answered within 10 s and 512 MB with a clean report, by the
 * inspection (F-01) or by the sandbox's limits (F-01 “工作簿过于复杂”). `rules`: the error rules an answer may
 * carry (the title regex is refused by the sandbox until the table reader's own text handling is linear; after
 * that it is an ordinary rejection).
 */
export interface LimitCase {
  id: string;
  title: string;
  rules: readonly string[];
  build: () => Promise<Uint8Array>;
}

export const LIMIT_CASES: readonly LimitCase[] = [
  {
    id: 'range-single-quotes',
    title: "mergeCell ref='A20:XFD1048576' (single quotes)",
    rules: ['F-01'],
    build: () => seedWithSheetXml('xl/worksheets/sheet9.xml', WHOLE_SHEET_MERGE("ref='A20:XFD1048576'")),
  },
  {
    id: 'range-spaces',
    title: 'mergeCell ref = "A20:XFD1048576" (spaces around =)',
    rules: ['F-01'],
    build: () => seedWithSheetXml('xl/worksheets/sheet9.xml', WHOLE_SHEET_MERGE('ref = "A20:XFD1048576"')),
  },
  {
    id: 'range-char-ref',
    title: 'mergeCell ref="A20&#58;XFD1048576" (character reference)',
    rules: ['F-01'],
    build: () => seedWithSheetXml('xl/worksheets/sheet9.xml', WHOLE_SHEET_MERGE('ref="A20&#58;XFD1048576"')),
  },
  {
    id: 'sqref-list-900',
    title: 'a data-validation sqref of 900 small ranges, then a whole-sheet one',
    rules: ['F-01'],
    build: () =>
      seedWithSheetXml('xl/worksheets/sheet9.xml', (xml) =>
        xml.replace(
          '<pageMargins',
          `<dataValidations count="1"><dataValidation type="whole" sqref="${Array.from({ length: 900 }, (_, i) => `M${i + 1}:N${i + 1}`).join(' ')} A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations><pageMargins`,
        ),
      ),
  },
  {
    id: 'sheet-bak-retargeted',
    title: 'the 三公 sheet stored as xl/worksheets/sheet10.xml.bak (relationship retargeted) with a whole-sheet merge',
    rules: ['F-01'],
    build: () =>
      seedWithParts(
        (parts) => [
          deflated(
            'xl/worksheets/sheet10.xml.bak',
            WHOLE_SHEET_MERGE('ref="A20:XFD1048576"')(text(parts, 'xl/worksheets/sheet9.xml')),
          ),
          deflated(
            'xl/_rels/workbook.xml.rels',
            text(parts, 'xl/_rels/workbook.xml.rels').replace(
              'Target="worksheets/sheet9.xml"',
              'Target="worksheets/sheet10.xml.bak"',
            ),
          ),
        ],
        ['xl/worksheets/sheet9.xml'],
      ),
  },
  {
    id: 'extra-zz-sheet',
    title:
      'an extra part zz/xl/worksheets/sheet99.xml (loaded by exceljs, linked by nothing) with a whole-sheet validation',
    rules: ['F-01'],
    build: () =>
      seedWithParts((parts) => [
        deflated(
          'zz/xl/worksheets/sheet99.xml',
          text(parts, 'xl/worksheets/sheet9.xml').replace(
            '<pageMargins',
            '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations><pageMargins',
          ),
        ),
      ]),
  },
  {
    id: 'defined-name-bomb',
    title: 'a defined name covering a whole sheet in workbook.xml',
    rules: ['F-01'],
    build: () =>
      seedWithParts((parts) => [
        deflated(
          'xl/workbook.xml',
          text(parts, 'xl/workbook.xml').replace(
            '<calcPr',
            '<definedNames><definedName name="全表">财政拨款三公经费支出决算表!$A$1:$XFD$1048576</definedName></definedNames><calcPr',
          ),
        ),
      ]),
  },
  {
    id: 'col-span-bomb',
    title: '<col min="1" max="200000000"/>',
    rules: ['F-01'],
    build: () =>
      seedWithSheetXml('xl/worksheets/sheet9.xml', (xml) =>
        xml.replace('<sheetData>', '<cols><col min="1" max="200000000" width="9"/></cols><sheetData>'),
      ),
  },
  {
    id: 'merges-quadratic',
    title: '40,000 small mergeCells (exceljs compares each with all earlier ones: minutes)',
    rules: ['F-01'],
    build: () =>
      seedWithSheetXml('xl/worksheets/sheet9.xml', (xml) =>
        xml.replace(
          '<mergeCells count="3">',
          `<mergeCells count="40003">${Array.from({ length: 40_000 }, (_, i) => `<mergeCell ref="A${20 + 2 * i}:B${20 + 2 * i}"/>`).join('')}`,
        ),
      ),
  },
  {
    id: 'title-backtracking',
    title: '单位：x + 400,000 spaces + y in the unit line (86 s in the unit-name regular expression)',
    rules: ['F-01', 'S-04', 'S-01'],
    build: edited((wb) => {
      sheet(wb, 'T1').getCell('A3').value = `单位：x${' '.repeat(400_000)}y`;
    }),
  },
  {
    id: 'utf16-worksheet',
    title: 'a worksheet part in UTF-16',
    rules: ['F-01'],
    build: () =>
      seedWithParts((parts) => [
        deflated(
          'xl/worksheets/sheet9.xml',
          Buffer.concat([
            Buffer.from([0xff, 0xfe]),
            Buffer.from(text(parts, 'xl/worksheets/sheet9.xml').replace('UTF-8', 'UTF-16'), 'utf16le'),
          ]),
        ),
      ]),
  },
  {
    id: 'row-beyond-sheet',
    title: 'a row numbered 99,999,999 (beyond the sheet; exceljs then counts 10⁸ rows)',
    rules: ['F-01'],
    build: () =>
      seedWithSheetXml('xl/worksheets/sheet9.xml', (xml) =>
        xml.replace('</sheetData>', '<row r="99999999"><c r="A99999999"><v>1</v></c></row></sheetData>'),
      ),
  },
];

/** Upload keys as units (or attackers) write them; the workbook is the seed. `rule` null: published. */
export const KEY_CASES: readonly { id: string; key: string; rule: string | null }[] = [
  { id: 'key-space-plus-chinese', key: 'uploads/101017/2023/决算 公开+v2（最终）.xlsx', rule: null },
  { id: 'key-percent', key: 'uploads/101017/2023/100%完成 %41.xlsx', rule: null },
  { id: 'key-dotdot', key: 'uploads/101017/2023/../../x.xlsx', rule: 'K-01' },
  { id: 'key-dotdot-unit', key: 'uploads/../2023/a.xlsx', rule: 'K-01' },
  { id: 'key-chinese-unit', key: 'uploads/信息中心/2023/a.xlsx', rule: 'K-01' },
  { id: 'key-space-in-unit', key: 'uploads/101017 /2023/a.xlsx', rule: 'K-01' },
  { id: 'key-full-width-year', key: 'uploads/101017/２０２３/a.xlsx', rule: 'K-01' },
  { id: 'key-not-xlsx', key: 'uploads/101017/2023/a.xlsx.exe', rule: 'K-01' },
  { id: 'key-unregistered', key: 'uploads/ZZ999/2023/a.xlsx', rule: 'K-02' },
];
