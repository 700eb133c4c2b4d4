import type { TableId } from './model.ts';

/**
 * - `error` blocks publishing;
 * - `warning` is publishable but shown to the unit;
 * - `notice` is a rounding difference within tolerance (尾数误差).
 */
export type Severity = 'error' | 'warning' | 'notice';

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', notice: '提示' };

/** One problem found in a workbook, pointing at a sheet and cell. Amount fields are decimal strings in 万元. */
export interface Finding {
  rule: string;
  severity: Severity;
  table: TableId | null;
  sheet: string | null;
  /** A1 address, or null where no single cell applies. */
  cell: string | null;
  message: string;
  actual: string | null;
  expected: string | null;
  difference: string | null;
  tolerance: string | null;
}

export function finding(
  partial: Pick<Finding, 'rule' | 'severity' | 'message'> & Partial<Omit<Finding, 'rule' | 'severity' | 'message'>>,
): Finding {
  // Field order is the published JSON contract's order.
  return {
    rule: partial.rule,
    severity: partial.severity,
    table: partial.table ?? null,
    sheet: partial.sheet ?? null,
    cell: partial.cell ?? null,
    message: partial.message,
    actual: partial.actual ?? null,
    expected: partial.expected ?? null,
    difference: partial.difference ?? null,
    tolerance: partial.tolerance ?? null,
  };
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** One collator for all comparisons: `localeCompare` with options builds one per call (a profile hot spot). */
const numeric = new Intl.Collator('en', { numeric: true }).compare;

/** Errors first, then by table and rule, so a unit reads the blocking problems first. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      ORDER[a.severity] - ORDER[b.severity] ||
      numeric(a.table ?? 'T0', b.table ?? 'T0') ||
      numeric(a.rule, b.rule) ||
      numeric(a.cell ?? '', b.cell ?? ''),
  );
}
