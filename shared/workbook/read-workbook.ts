import ExcelJS from 'exceljs';
import { type Finding, finding } from '../disclosure/finding.ts';
import { type Disclosure, type DisclosureTable, TABLE_IDS, TABLE_NAMES, type TableId } from '../disclosure/model.ts';
import { DEFAULT_PACKAGE_LIMITS, inspectPackage, type PackageLimits } from './inspect-package.ts';
import {
  type DocumentHeading,
  findDocumentHeading,
  findTableHeader,
  readTable,
  type TableReading,
} from './read-tables.ts';
import { gridFromWorksheet, type SheetGrid } from './sheet-grid.ts';

export type ReadResult =
  | {
      status: 'read';
      disclosure: Disclosure;
      findings: Finding[];
      otherSheets: SheetGrid[];
      /** How each table was read (sheet, title cell, header lines, layout, column mapping), in table order. */
      readings: TableReading[];
      /** The heading naming the unit, year and kind of the whole document, when the workbook has one. */
      heading: DocumentHeading | null;
    }
  /** The file is not a workbook we can open at all: the findings say why (rule F-01). */
  | { status: 'unreadable'; findings: Finding[] };

function unreadable(message: string): ReadResult {
  return { status: 'unreadable', findings: [finding({ rule: 'F-01', message })] };
}

/**
 * Reads a unit's workbook (the bytes of an .xlsx) into the normalized disclosure. Never throws for bad input:
 * every problem is a finding. Tables are found by their titles, in any order and on any sheet name.
 */
export async function readWorkbook(
  bytes: Uint8Array,
  limits: PackageLimits = DEFAULT_PACKAGE_LIMITS,
): Promise<ReadResult> {
  const verdict = await inspectPackage(bytes, limits);
  if (!verdict.ok) return unreadable(verdict.message);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return unreadable(
      '文件无法作为 Excel 工作簿打开（内容损坏或格式不受支持）。请用 Excel 或 WPS 重新保存为 .xlsx 后上传。',
    );
  }
  if (workbook.worksheets.length === 0) {
    return unreadable('工作簿中没有任何工作表。请上传包含九张决算公开表的 .xlsx 文件。');
  }
  return readGrids(workbook.worksheets.map(gridFromWorksheet));
}

/** The table-finding half of {@link readWorkbook}, over grids (also used by tests with hand-built grids). */
export function readGrids(grids: readonly SheetGrid[]): ReadResult {
  const findings: Finding[] = [];
  const tables: Partial<Record<TableId, DisclosureTable>> = {};
  const readings: TableReading[] = [];
  const otherSheets: SheetGrid[] = [];
  let heading: DocumentHeading | null = null;
  for (const grid of grids) {
    const header = findTableHeader(grid);
    // The unit, year and kind may be printed once for the whole document: above the first table, or on a cover.
    heading ??= findDocumentHeading(grid, header === null ? 6 : header.titleRow);
    if (header === null) {
      otherSheets.push(grid);
      continue;
    }
    const existing = tables[header.id];
    if (existing) {
      findings.push(
        finding({
          rule: 'S-05',
          table: header.id,
          sheet: grid.name,
          cell: `A${header.titleRow}`,
          message: `工作表“${grid.name}”与“${existing.sheet}”都是${TABLE_NAMES[header.id]}；每张表只能出现一次，请删除多余的一张。`,
        }),
      );
      continue;
    }
    const { table, reading } = readTable(grid, header, findings);
    readings.push(reading);
    if (table) tables[header.id] = table;
  }
  readings.sort((a, b) => TABLE_IDS.indexOf(a.table) - TABLE_IDS.indexOf(b.table));
  for (const id of TABLE_IDS) {
    if (!tables[id]) {
      findings.push(
        finding({
          rule: 'S-01',
          table: id,
          message: `缺少${TABLE_NAMES[id]}：没有找到标题为“××年度${TABLE_NAMES[id]}”的工作表。`,
        }),
      );
    }
  }
  const present = TABLE_IDS.map((id) => tables[id]).filter((t): t is DisclosureTable => t !== undefined);
  return {
    status: 'read',
    disclosure: {
      unitName: mostCommon(present.map((t) => t.unitName)) ?? heading?.unitName ?? null,
      year: mostCommon(present.map((t) => t.year)) ?? heading?.year ?? null,
      kind: heading?.kind ?? kindFromTitles(present),
      tables,
    },
    findings,
    otherSheets,
    readings,
    heading,
  };
}

/** 部门决算 / 单位决算 as the tables' own titles may say it (“2024年度部门收入决算表” is rare but exists). */
function kindFromTitles(tables: readonly DisclosureTable[]): Disclosure['kind'] {
  if (tables.some((t) => t.title.includes('部门决算') || /部门(收入|支出)/.test(t.title))) return 'department';
  if (tables.some((t) => t.title.includes('单位决算'))) return 'unit';
  return null;
}

function mostCommon<T>(values: readonly (T | null)[]): T | null {
  const counts = new Map<T, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | null = null;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}
