import { functionalName } from '../codes/classification.ts';
import type { Dec } from '../money/amount.ts';
import { ZERO } from '../money/amount.ts';
import type { Disclosure, TableId, TableRow } from './model.ts';

/**
 * Reading figures out of the normalized disclosure for explanations and charts. A table or row the workbook left
 * out reads as zero, as the validator treats it.
 */

export function rowsOf(d: Disclosure, id: TableId): readonly TableRow[] {
  return d.tables[id]?.rows ?? [];
}

export function cell(row: TableRow | undefined | null, col: number): Dec {
  return row?.cells[col]?.value ?? ZERO;
}

/** T1/T4 fixed line by canonical 行次. */
export function lineValue(d: Disclosure, id: 'T1' | 'T4', line: number, col: number): Dec {
  return cell(
    rowsOf(d, id).find((r) => r.line === line),
    col,
  );
}

/** 合计 row of a classified table (T2, T3, T5, T7, T8). */
export function totalValue(d: Disclosure, id: TableId, col: number): Dec {
  return cell(
    rowsOf(d, id).find((r) => r.kind === 'total'),
    col,
  );
}

export function rowsOfKind(d: Disclosure, id: TableId, kind: TableRow['kind']): TableRow[] {
  return rowsOf(d, id).filter((r) => r.kind === kind);
}

/** T6 row by key (`301`, `30101`, `personnel-total`, `public-total`). */
export function t6Value(d: Disclosure, key: string): Dec {
  return cell(
    rowsOf(d, 'T6').find((r) => r.key === key),
    1,
  );
}

/** T9's one row, 栏 1–12. */
export function t9Value(d: Disclosure, col: number): Dec {
  return cell(rowsOf(d, 'T9')[0], col);
}

/** True when no figure of the table is non-zero (the “本单位当年无…” case). */
export function tableIsEmpty(d: Disclosure, id: TableId): boolean {
  return rowsOf(d, id).every((r) => Object.values(r.cells).every((f) => f.value.isZero()));
}

/**
 * Name of a 功能分类 code as the unit's tables print it (any classified table), else the code list's name. Used for
 * the 类/款 names of a 项 line.
 */
export function functionalNameIn(d: Disclosure, code: string): string {
  for (const id of ['T5', 'T3', 'T2', 'T7', 'T8'] as const) {
    const row = rowsOf(d, id).find((r) => r.code === code);
    if (row) return row.name;
  }
  return functionalName(code) ?? code;
}

/** `一般公共服务支出（类）财政事务（款）其他财政事务支出（项）`. */
export function xiangPath(d: Disclosure, code: string, xiangName?: string | null): string {
  const lei = functionalNameIn(d, code.slice(0, 3));
  const kuan = functionalNameIn(d, code.slice(0, 5));
  return `${lei}（类）${kuan}（款）${xiangName ?? functionalNameIn(d, code)}（项）`;
}
