import type { TableId } from './model.ts';
import { RULE_SEVERITIES, type RuleId } from './rule-ids.generated.ts';

export type { RuleId };

/**
 * - `error` blocks publishing;
 * - `warning` is publishable but shown to the unit;
 * - `notice` is a rounding difference within tolerance (尾数误差).
 */
export type Severity = 'error' | 'warning' | 'notice';

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', notice: '提示' };

/** The severities rule `R` may report: its own and the others the catalog declares for it, each under a condition. */
export type DeclaredSeverity<R extends RuleId> =
  | (typeof RULE_SEVERITIES)[R]['own']
  | (typeof RULE_SEVERITIES)[R]['also'][number];

/** The severity a finding of `rule` has unless its condition calls for another it declares. */
export function ownSeverity(rule: RuleId): Severity {
  return RULE_SEVERITIES[rule].own;
}

/** One problem found in a workbook, pointing at a sheet and cell. Amount fields are decimal strings in 万元. */
export interface Finding {
  /**
   * The rule, a {@link RuleId} of the catalog when built by {@link finding}. Typed as a string because findings are
   * also read back from stored reports, written under the catalog of their day.
   */
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

/**
 * A finding of a catalog rule. Its severity is the rule's own unless given, and then only one the rule declares (a
 * compile error otherwise), so a report never says what docs/rules.md does not. S-02, for one, is a warning and
 * declares an error for a missing 合计 line.
 *
 * @example
 * finding({ rule, table, message }); // the rule's own severity
 * finding({ rule, severity: 'error', table, message }); // one it declares, where its condition holds
 */
export function finding<R extends RuleId>(partial: FindingOf<R>): Finding {
  // Field order is the published JSON contract's order.
  return {
    rule: partial.rule,
    severity: partial.severity ?? ownSeverity(partial.rule),
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

/** What {@link finding} takes: the rule, a severity it declares if not its own, the message, the optional fields. */
type FindingOf<R extends RuleId> = { rule: R; severity?: NoInfer<DeclaredSeverity<R>>; message: string } & Partial<
  Omit<Finding, 'rule' | 'severity' | 'message'>
>;

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
