import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PACKAGE_LIMITS, inspectPackage } from '../../shared/workbook/inspect-package.ts';
import { decodeAddress, partKind, rangeCells } from '../../shared/workbook/scan-parts.ts';
import { seedBytes } from '../helpers/seed.ts';
import { deflated, rezip, unzip } from './zip.ts';

/**
 * Parse, don't grep: a whole-sheet range written in any way XML allows — quotes, whitespace around `=`, character
 * references, namespace prefixes, in a part exceljs loads under any name it accepts — is found and refused by the
 * package inspection, in milliseconds. (The sandbox is the next layer; sandbox.test.ts covers what gets past this.)
 */

let parts: Map<string, Buffer>;
beforeAll(async () => {
  parts = await unzip(await seedBytes());
});

const WHOLE = ['A1:XFD1048576', 'A20:XFD1048576', '$A$1:$XFD$1048576', 'A1:Z200000'] as const;

/** Each character of `text` written as itself, a decimal or a hexadecimal character reference. */
const encoded = (text: string) =>
  fc
    .array(fc.constantFrom<'raw' | 'dec' | 'hex'>('raw', 'dec', 'hex'), {
      minLength: text.length,
      maxLength: text.length,
    })
    .map((modes) =>
      [...text]
        .map((ch, i) =>
          modes[i] === 'dec'
            ? `&#${ch.charCodeAt(0)};`
            : modes[i] === 'hex'
              ? `&#x${ch.charCodeAt(0).toString(16)};`
              : ch,
        )
        .join(''),
    );

const space = fc.constantFrom('', ' ', '  ', '\t', '\n', '\r\n ');
const quote = fc.constantFrom('"', "'");
const prefix = fc.constantFrom('', 'x:', 'main:');

/** An attribute `name = "value"` with arbitrary legal spacing and quoting. */
const attribute = (name: string, value: fc.Arbitrary<string>) =>
  fc
    .tuple(space, space, quote, value)
    .map(
      ([before, after, q, v]) =>
        ` ${name}${before}=${after}${q}${v.replaceAll(q, q === '"' ? '&quot;' : '&apos;')}${q}`,
    );

type Construct = { part: 'sheet' | 'workbook'; xml: string };

const construct: fc.Arbitrary<Construct> = fc.oneof(
  fc.tuple(prefix, attribute('ref', fc.constantFrom(...WHOLE).chain(encoded)), space).map(([p, ref, s]) => ({
    part: 'sheet' as const,
    xml: `<${p}mergeCells count="1"><${p}mergeCell${ref}${s}/></${p}mergeCells>`,
  })),
  fc.tuple(prefix, fc.integer({ min: 0, max: 900 }), fc.constantFrom(...WHOLE), space).chain(([p, small, whole, s]) =>
    attribute(
      'sqref',
      encoded([...Array.from({ length: small }, (_, i) => `B${i + 2}:C${i + 2}`), whole].join(' ')).map((v) => v),
    ).map((sqref) => ({
      part: 'sheet' as const,
      xml: `<${p}dataValidations count="1"><${p}dataValidation type="whole"${sqref}${s}><${p}formula1>0</${p}formula1></${p}dataValidation></${p}dataValidations>`,
    })),
  ),
  fc
    .tuple(attribute('max', fc.constantFrom('200000000', ' 20000', '16385').chain(encoded)), space)
    .map(([max, s]) => ({ part: 'sheet' as const, xml: `<cols><col min="1"${max}${s} width="9"/></cols>` })),
  fc
    .tuple(
      fc.constantFrom('财政拨款三公经费支出决算表!', "'财政拨款三公经费支出决算表'!", ''),
      fc.constantFrom(...WHOLE).chain(encoded),
      attribute('name', fc.constantFrom('x', '_xlnm._FilterDatabase', '_xlnm.print_area')),
    )
    .map(([sheet, range, name]) => ({
      part: 'workbook' as const,
      xml: `<definedNames><definedName${name}>${sheet}${range}</definedName></definedNames>`,
    })),
);

/** Where the edited worksheet is stored: any name exceljs loads as a worksheet. */
const sheetPart = fc.constantFrom(
  'xl/worksheets/sheet9.xml',
  '/xl/worksheets/sheet9.xml',
  'xl/worksheets/sheet10.xml.bak',
  'zz/xl/worksheets/sheet99.xml',
  'xl/worksheets/sheet9.xml_old',
);

function withConstruct(c: Construct, part: string): Buffer {
  if (c.part === 'workbook') {
    const wb = parts.get('xl/workbook.xml')?.toString('utf8') ?? '';
    return rezip(parts, [deflated('xl/workbook.xml', wb.replace('<calcPr', `${c.xml}<calcPr`))]);
  }
  const sheet = parts.get('xl/worksheets/sheet9.xml')?.toString('utf8') ?? '';
  // Where the schema puts each construct; the parser does not care, exceljs mostly does not either.
  const edited = c.xml.includes('cols>')
    ? sheet.replace('<sheetData>', `${c.xml}<sheetData>`)
    : sheet
        .replace('<mergeCells count="3">', '<mergeCells count="3"><mergeCell ref="M1:N1"/>')
        .replace('<pageMargins', `${c.xml}<pageMargins`);
  return rezip(parts, [deflated(part, edited)]);
}

describe('package inspection against whole-sheet ranges written in any legal way', () => {
  it('refuses every variant in milliseconds', async () => {
    await fc.assert(
      fc.asyncProperty(construct, sheetPart, async (c, part) => {
        const bytes = withConstruct(c, part);
        const started = performance.now();
        const verdict = await inspectPackage(bytes);
        const ms = performance.now() - started;
        expect(verdict.ok, `${part}: ${c.xml.slice(0, 200)}`).toBe(false);
        if (!verdict.ok) {
          // A leading `/` makes the zip directory unreadable to yauzl (absolute path): refused as corrupt, also fine.
          expect(['too-large', 'malformed', 'corrupt']).toContain(verdict.reason);
          expect(verdict.message).toMatch(/[\u4e00-\u9fff]/);
        }
        expect(ms).toBeLessThan(1000);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('still accepts the real constructs Excel writes: whole-sheet selections, XFD column spans, print areas', async () => {
    const sheet = parts.get('xl/worksheets/sheet9.xml')?.toString('utf8') ?? '';
    const wb = parts.get('xl/workbook.xml')?.toString('utf8') ?? '';
    const bytes = rezip(parts, [
      deflated(
        'xl/worksheets/sheet9.xml',
        sheet
          .replace('<dimension ref="A1:L11"/>', '<dimension ref="A1:XFD1048576"/>')
          .replace(
            '<sheetFormatPr',
            '<sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1:XFD1048576"/></sheetView></sheetViews><sheetFormatPr',
          )
          .replace('<sheetData>', '<cols><col min="13" max="16384" width="9" hidden="1"/></cols><sheetData>')
          .replace(
            '<pageMargins',
            '<conditionalFormatting sqref="A:L"><cfRule type="cellIs" priority="1" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting><dataValidations count="1"><dataValidation type="decimal" sqref="C7:L11 A:A"><formula1>0</formula1></dataValidation></dataValidations><pageMargins',
          ),
      ),
      deflated(
        'xl/workbook.xml',
        wb.replace(
          '<calcPr',
          '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="8">财政拨款三公经费支出决算表!$A$1:$XFD$1048576</definedName><definedName name="_xlnm.Print_Titles" localSheetId="8">财政拨款三公经费支出决算表!$1:$6</definedName><definedName name="合计区">财政拨款三公经费支出决算表!$A$7:$L$11</definedName></definedNames><calcPr',
        ),
      ),
    ]);
    expect(await inspectPackage(bytes)).toEqual({ ok: true });
  });

  it('bounds the number of merges (exceljs compares each with every earlier one)', async () => {
    const sheet = parts.get('xl/worksheets/sheet9.xml')?.toString('utf8') ?? '';
    const many = Array.from(
      { length: DEFAULT_PACKAGE_LIMITS.maxMerges },
      (_, i) => `<mergeCell ref="A${20 + 2 * i}:B${20 + 2 * i}"/>`,
    );
    const bytes = rezip(parts, [
      deflated(
        'xl/worksheets/sheet9.xml',
        sheet.replace('<mergeCells count="3">', `<mergeCells count="0">${many.join('')}`),
      ),
    ]);
    const verdict = await inspectPackage(bytes);
    expect(verdict).toMatchObject({ ok: false, reason: 'too-large' });
    expect(verdict.ok ? '' : verdict.message).toContain('合并单元格超过');
  });

  it('refuses a worksheet in UTF-16, with or without a byte-order mark, and a declared GBK', async () => {
    const sheet = parts.get('xl/worksheets/sheet9.xml')?.toString('utf8') ?? '';
    for (const data of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sheet.replace('UTF-8', 'UTF-16'), 'utf16le')]),
      Buffer.from(sheet.replace('UTF-8', 'UTF-16'), 'utf16le'),
      Buffer.from(sheet.replace('UTF-8', 'GBK'), 'utf8'),
    ]) {
      const verdict = await inspectPackage(rezip(parts, [deflated('xl/worksheets/sheet9.xml', data)]));
      expect(verdict).toMatchObject({ ok: false, reason: 'encoding' });
      expect(verdict.ok ? '' : verdict.message).toContain('UTF-8');
    }
  });

  it('refuses rows and cells beyond the sheet, and XML that is not well-formed', async () => {
    const sheet = parts.get('xl/worksheets/sheet9.xml')?.toString('utf8') ?? '';
    for (const [edited, reason] of [
      [sheet.replace('</sheetData>', '<row r="99999999"><c r="A99999999"><v>1</v></c></row></sheetData>'), 'malformed'],
      [sheet.replace('</sheetData>', '<row r="12"><c r="XFE12"><v>1</v></c></row></sheetData>'), 'malformed'],
      [sheet.replace('</sheetData>', '<row r="12"><c r="A12"><v>1</v></row></sheetData>'), 'malformed'],
    ] as const) {
      const verdict = await inspectPackage(rezip(parts, [deflated('xl/worksheets/sheet9.xml', edited)]));
      expect(verdict, edited.slice(-120)).toMatchObject({ ok: false, reason });
    }
  });
});

describe('exceljs 4.4.0 part names and range decoding, reproduced', () => {
  it('classifies parts with exceljs’s unanchored patterns', () => {
    expect(partKind('xl/worksheets/sheet1.xml')).toBe('worksheet');
    expect(partKind('xl/worksheets/sheet10.xml.bak')).toBe('worksheet');
    expect(partKind('zz/xl/worksheets/sheet99.xml')).toBe('worksheet');
    expect(partKind('/xl/workbook.xml')).toBe('workbook');
    expect(partKind('xl/workbook.xml.bak')).toBe('other');
    expect(partKind('xl/sharedStrings.xml')).toBe('xml');
    expect(partKind('xl/theme/theme1.xml')).toBe('other');
  });

  it('decodes addresses and counts range cells as exceljs expands them', () => {
    expect(decodeAddress('$XFD$1048576')).toEqual({ col: 16384, row: 1048576 });
    expect(decodeAddress('A-2-0')).toEqual({ col: 1, row: 2 });
    expect(rangeCells('A1:B3')).toBe(6);
    expect(rangeCells('A20:XFD1048576')).toBe(16384 * (1048576 - 19));
    expect(rangeCells('Sheet1!$A$1:$C$3')).toBe(9);
    expect(rangeCells("'a,b'!$A$1:$C$3")).toBe(9);
    expect(rangeCells('A:A')).toBe(1);
    expect(rangeCells('1:3')).toBe(3);
    expect(rangeCells('A1:A99999999')).toBe(99999999);
    expect(rangeCells('A1:XFE2')).toBe(Number.POSITIVE_INFINITY);
  });
});
