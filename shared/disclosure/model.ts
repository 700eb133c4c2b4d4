import type { Dec } from '../money/amount.ts';

/**
 * The normalized disclosure: what a unit's workbook says, independent of how the workbook was laid out and of
 * exceljs. Validation, storage and rendering all read this model.
 */

/** The nine standard tables (公开01表 … 公开09表 in the seed's order). */
export const TABLE_IDS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'] as const;
export type TableId = (typeof TABLE_IDS)[number];

/** Where a figure came from: sheet name and A1 address. */
export interface CellRef {
  sheet: string;
  cell: string;
}

/** One exact amount in 万元 and the cell it was read from (`at` is null for a row the workbook left out). */
export interface Figure {
  value: Dec;
  at: CellRef | null;
  /** The cell was empty (or `-`): zero by convention. */
  blank: boolean;
}

/**
 * Row kinds:
 * - `total` 合计 row of a classification table; `lei`/`kuan`/`xiang` 功能分类 类/款/项 rows;
 * - `line` a fixed row of T1/T4 (keyed by its canonical 行次 of the 26-row layout);
 * - `econ-lei`/`econ-kuan` 经济分类 类/款 rows of T6, `econ-total` its 人员经费合计/公用经费合计 footer;
 * - `single` T9's one row.
 */
export type RowKind = 'total' | 'lei' | 'kuan' | 'xiang' | 'line' | 'econ-lei' | 'econ-kuan' | 'econ-total' | 'single';

export interface TableRow {
  /** Stable key within the table: a classification code, `total`, `L27` (canonical line), `personnel`/`public`, `row`. */
  key: string;
  kind: RowKind;
  /** Classification code (功能分类 or 经济分类) when the row has one; T1/T4 expenditure lines carry their 类 code. */
  code: string | null;
  /** Row label as printed (科目名称 / 项目). */
  name: string;
  /** Canonical 行次 in the 26-row layout of RULES.md §1 (T1/T4 only). */
  line: number | null;
  /** 行次 as printed in the workbook, when it had one. */
  printedLine: number | null;
  /** T1/T4: `income` or `expense` side. T6: `personnel` (人员经费) or `public` (公用经费). */
  side: 'income' | 'expense' | 'personnel' | 'public' | null;
  /** Figures by 栏次 (column number as printed in the table's 栏次 row). */
  cells: Record<number, Figure>;
  /** A1 address of the code and of the name cell, where the row has them (findings about codes point there). */
  codeCell?: string;
  nameCell?: string;
}

export interface TableColumn {
  /** 栏次. */
  number: number;
  label: string;
}

export interface DisclosureTable {
  id: TableId;
  /** Title as printed, e.g. `2023年度收入决算表`. */
  title: string;
  sheet: string;
  /** `公开02表` mark, when present. */
  mark: string | null;
  unitName: string | null;
  year: number | null;
  amountUnit: string | null;
  columns: TableColumn[];
  rows: TableRow[];
  /** Note lines (注：…, 栏 identities). */
  notes: string[];
  /** The “本单位当年无…” sentence of an empty table. */
  emptyStatement: string | null;
}

/**
 * 部门决算: a 主管部门's consolidated disclosure (its own 机关 and its subordinate units); 单位决算: one unit's own.
 * Read from the document's titles (…部门决算表 / …单位决算) or set at registration; null when neither says.
 */
export type DisclosureKind = 'department' | 'unit';

export const DISCLOSURE_KIND_LABEL: Record<DisclosureKind, string> = { department: '部门决算', unit: '单位决算' };

export interface Disclosure {
  unitName: string | null;
  year: number | null;
  /** What the workbook's own titles say it is; the registry's kind wins where both exist. */
  kind?: DisclosureKind | null;
  tables: Partial<Record<TableId, DisclosureTable>>;
}

/** Official names of the nine tables (as in the seed). */
export const TABLE_NAMES: Record<TableId, string> = {
  T1: '收入支出决算总表',
  T2: '收入决算表',
  T3: '支出决算表',
  T4: '财政拨款收入支出决算总表',
  T5: '一般公共预算财政拨款支出决算表',
  T6: '一般公共预算财政拨款基本支出决算明细表',
  T7: '政府性基金预算财政拨款收入支出决算表',
  T8: '国有资本经营预算财政拨款支出决算表',
  T9: '财政拨款“三公”经费支出决算表',
};
