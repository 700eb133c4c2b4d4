import type { DisclosureKind, TableId } from '../disclosure/model.ts';
import { identifyTitle } from '../disclosure/table-layouts.ts';
import { lastColumn, matchText } from './read-table-common.ts';
import { address, type SheetGrid } from './sheet-grid.ts';

/**
 * The lines above a table: its title (which identifies the table), the 公开NN表 mark, the unit, the year and the
 * amount unit. Layouts differ: the seed prints “2023年度收入决算表” / “单位：…” / “金额单位：万元” on every table;
 * Shanghai prints the title alone with “单位：万元”, and the unit and year once, in a heading above the first table
 * (“上海市普陀区人民政府石泉路街道办事处 2025 年度部门决算表”). Every pattern here runs on text cut to
 * MATCH_TEXT_LIMIT characters and has no two unbounded quantifiers over the same characters, so it is linear.
 */

/** Rows searched for a table title. */
const TITLE_SCAN_ROWS = 8;

const MONEY_UNITS = /^(万元|元|千元|亿元|百万元)$/;

export interface TableHeader {
  id: TableId;
  title: string;
  titleRow: number;
  titleCol: number;
  year: number | null;
  mark: string | null;
  unitName: string | null;
  unitCell: string | null;
  amountUnit: string | null;
  amountUnitCell: string | null;
}

/** A document heading: “<unit> <year> 年度部门决算表”, “<unit>2023年度单位决算公开”. */
export interface DocumentHeading {
  unitName: string | null;
  year: number;
  kind: DisclosureKind | null;
  sheet: string;
  cell: string;
}

/** The value after “单位：” / “编制单位：” / “单位名称：”, or null. */
function afterUnitLabel(t: string): string | null {
  const m = /(?:编制|填报)?单位(?:名称)?\s*[:：]/.exec(t);
  if (!m) return null;
  const rest = t.slice(m.index + m[0].length).trim();
  return rest === '' ? null : rest;
}

/** Finds the table title in the first rows of a sheet and reads the header lines (unit, year, 金额单位, mark). */
export function findTableHeader(grid: SheetGrid): TableHeader | null {
  const rows = Math.min(grid.rowCount, TITLE_SCAN_ROWS);
  const cols = lastColumn(grid);
  let header: TableHeader | null = null;
  for (let r = 1; r <= rows && header === null; r++) {
    for (let c = 1; c <= cols; c++) {
      const t = matchText(grid, r, c);
      const id = t ? identifyTitle(t) : null;
      if (id === null) continue;
      const year = /(\d{4})\s*年/.exec(t);
      header = {
        id,
        title: t.replace(/\s+/g, ''),
        titleRow: r,
        titleCol: c,
        year: year?.[1] ? Number(year[1]) : null,
        mark: null,
        unitName: null,
        unitCell: null,
        amountUnit: null,
        amountUnitCell: null,
      };
      break;
    }
  }
  if (header === null) return null;
  for (let r = 1; r <= Math.min(grid.rowCount, header.titleRow + 4); r++) {
    for (let c = 1; c <= cols; c++) {
      let t = matchText(grid, r, c).replace(/\u3000/g, ' ');
      if (!t) continue;
      const mark = /公开\s*(\d{1,2})\s*表/.exec(t);
      if (mark?.[1]) header.mark = `公开${mark[1].padStart(2, '0')}表`;
      if (r === header.titleRow && c === header.titleCol) continue;
      const amountUnit = /金额单位\s*[:：]\s*([^\s:：]+)/.exec(t);
      if (amountUnit?.[1]) {
        header.amountUnit = amountUnit[1];
        header.amountUnitCell = address(r, c);
        t = t.replace(amountUnit[0], '').trim();
      }
      const unit = afterUnitLabel(t);
      if (unit !== null) {
        if (MONEY_UNITS.test(unit)) {
          header.amountUnit ??= unit;
          header.amountUnitCell ??= address(r, c);
        } else if (header.unitName === null) {
          header.unitName = unit;
          header.unitCell = address(r, c);
        }
      }
      if (header.year === null) {
        const y = /^(\d{4})\s*年度?$/.exec(t);
        if (y?.[1]) header.year = Number(y[1]);
      }
    }
  }
  return header;
}

/**
 * A heading naming the unit, year and kind of the whole document, in the first rows of a sheet (above a table's
 * title, or on a cover sheet). The unit is what precedes the year; the kind is what follows it.
 */
export function findDocumentHeading(grid: SheetGrid, untilRow: number): DocumentHeading | null {
  const cols = lastColumn(grid);
  for (let r = 1; r <= Math.min(grid.rowCount, untilRow); r++) {
    for (let c = 1; c <= cols; c++) {
      const t = matchText(grid, r, c).replace(/\u3000/g, ' ');
      if (!t.includes('决算') || identifyTitle(t) !== null) continue;
      const y = /(\d{4})\s*年度?/.exec(t);
      if (!y?.[1]) continue;
      const year = Number(y[1]);
      if (year < 2000 || year > 2100) continue;
      const before = t
        .slice(0, y.index)
        .replace(/[\s“”"《》]/g, '')
        .trim();
      const after = t.slice(y.index + y[0].length).replace(/\s/g, '');
      const kind: DisclosureKind | null = /^部门/.test(after) ? 'department' : /^单位/.test(after) ? 'unit' : null;
      // The unit is a name of some length made of Chinese characters (and brackets), not a sentence.
      const unitName = /^[\u4e00-\u9fff（）()]{4,60}$/.test(before) ? before : null;
      return { unitName, year, kind, sheet: grid.name, cell: address(r, c) };
    }
  }
  return null;
}
