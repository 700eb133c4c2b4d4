import type { TableId } from './model.ts';

/** How one table was read: shown to the unit (`validate --json` → `tables`, and the HTML report). */
export interface TableReading {
  table: TableId;
  sheet: string;
  /** A1 address of the title cell. */
  titleCell: string;
  /** First and last header line (between the title and the first row of figures), or null when none was found. */
  headerRows: [number, number] | null;
  /** The layout recognised, in Chinese (e.g. “按表头文字识别各栏；科目编码一列”). */
  layout: string;
  /** 栏次 → the column it was read from, and the label it was recognised by. */
  columns: { number: number; label: string; column: string }[];
  /** Rows of figures read (合计 included). */
  rows: number;
}
