import { crc32, deflateRawSync } from 'node:zlib';
import { DEFAULT_PACKAGE_LIMITS, type PackageLimits } from '../../shared/workbook/inspect-package.ts';
import { seedBytes } from '../helpers/seed.ts';
import { rezip, unzip, type ZipEntry } from './zip.ts';

/**
 * The worst input the package limits let through to exceljs: the seed whose three empty tables (T7–T9) are replaced
 * by worksheets as large as one part may be, together as large as the package may be, at an ordinary compression
 * ratio, filled with the cheapest XML per cell exceljs still turns into a cell object (`<c r="A1" s="1"/>`, ~17
 * bytes). Built from the limits, so it follows them when they change.
 */

function columnName(c: number): string {
  let n = c;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const TAIL = '</sheetData></worksheet>';

function denseSheet(bytes: number, columns = 20): Buffer {
  const names = Array.from({ length: columns }, (_, i) => columnName(i + 1));
  const rows: string[] = [HEAD];
  let length = HEAD.length + TAIL.length;
  for (let r = 1; ; r++) {
    let row = `<row r="${r}">`;
    for (const name of names) row += `<c r="${name}${r}" s="1"/>`;
    row += '</row>';
    if (length + row.length > bytes) break;
    rows.push(row);
    length += row.length;
  }
  rows.push(TAIL);
  return Buffer.from(rows.join(''), 'utf8');
}

export interface DenseWorkbook {
  bytes: Buffer;
  /** Uncompressed bytes of the dense parts and how many cells they hold. */
  denseBytes: number;
  cells: number;
}

export async function denseWorkbook(limits: PackageLimits = DEFAULT_PACKAGE_LIMITS): Promise<DenseWorkbook> {
  const parts = await unzip(await seedBytes());
  const targets = ['xl/worksheets/sheet7.xml', 'xl/worksheets/sheet8.xml', 'xl/worksheets/sheet9.xml'];
  const others = [...parts].filter(([n]) => !targets.includes(n)).reduce((a, [, b]) => a + b.length, 0);
  const perPart = Math.min(limits.maxEntryUncompressed, Math.floor((limits.maxTotalUncompressed - others) / 3)) - 4096;
  const extra: ZipEntry[] = [];
  let cells = 0;
  for (const name of targets) {
    const data = denseSheet(perPart);
    cells += (data.toString('latin1').match(/<c /g) ?? []).length;
    extra.push({ name, stored: deflateRawSync(data, { level: 1 }), method: 8, crc: crc32(data), size: data.length });
  }
  return { bytes: rezip(parts, extra), denseBytes: perPart * 3, cells };
}
