import type { Disclosure, DisclosureTable, Figure, TableId, TableRow } from '../disclosure/model.ts';
import { centsOf, Dec, formatAmount, ZERO } from '../money/amount.ts';
import { type DeclaredSeverity, type Finding, finding, ownSeverity, type RuleId, type Severity } from './finding.ts';

/**
 * The machinery every rule family uses: looking figures up, checking an identity with the rounding tolerance of
 * RULES.md §2, and — once all rules have run — deciding which cell to point at when an identity fails.
 */

/** What the upload is expected to be (registered unit, year in the key). */
export interface Expectation {
  unitName?: string | null;
  unitAliases?: readonly string[];
  year?: number | null;
}

export interface Term {
  figure: Figure;
  table: TableId;
  sign: 1 | -1;
}

/**
 * The rules checked as identities with the rounding tolerance: those that declare its notice (尾数误差) and its
 * warning (a difference hidden only by written zeros), as every identity of the catalog does (catalog.ts).
 */
export type IdentityRuleId = {
  [R in RuleId]: 'notice' | 'warning' extends DeclaredSeverity<R> ? R : never;
}[RuleId];

/** `lhs = Σ sign·rhs`. */
export interface Identity {
  rule: IdentityRuleId;
  table: TableId;
  /** Chinese description of the identity, e.g. `本年收入合计（27行）应等于第1至8行之和`. */
  label: string;
  lhs: Term;
  rhs: Term[];
  /**
   * Severity beyond tolerance: the rule's own. `warning` identities (T4-08) are reported as they are, never
   * localized.
   */
  severity: Severity;
}

interface Evaluated {
  identity: Identity;
  difference: Dec;
  /** The band of every written addend (RULES.md §2): beyond it, an error. */
  tolerance: Dec;
  /** The band of the non-zero addends only: within it, a rounding notice; between the two, a warning. */
  noticeBand: Dec;
}

const HALF_CENT = new Dec('0.005');

/**
 * Interval tolerance (RULES.md §2, the XBRL Calculations 1.1 idea): each rounded figure stands for ±0.005, so a
 * total of n rounded addends may differ by (n + 1) × 0.005; the same figure shown in two places (n = 1) by 0.01.
 * Every written addend counts — `0.00` may be 40 元 rounded away — but an empty cell is nothing at all: the
 * official tables leave rows without money blank, and counting all 26 blank 类 rows of T1 would hide real slips.
 */
export function toleranceFor(rhs: readonly Term[]): Dec {
  const rounded = Math.max(1, rhs.filter((t) => !t.figure.blank || !t.figure.value.isZero()).length);
  return HALF_CENT.times(rounded + 1);
}

/**
 * The notice band (RULES.md §2, “written zeros must not hide keying errors”): only the non-zero addends count. A T6
 * section of 25 rows written mostly `0.00` would otherwise let a 0.12 万元 keying error pass as rounding; a
 * difference that fits only when the written zeros count too is a warning, not a notice.
 */
export function noticeBandFor(rhs: readonly Term[]): Dec {
  const nonZero = Math.max(1, rhs.filter((t) => !t.figure.value.isZero()).length);
  return HALF_CENT.times(nonZero + 1);
}

export class RuleContext {
  readonly findings: Finding[] = [];
  private readonly identities: Evaluated[] = [];
  private readonly passed: Identity[] = [];

  constructor(
    readonly disclosure: Disclosure,
    readonly expect: Expectation,
  ) {}

  table(id: TableId): DisclosureTable | null {
    return this.disclosure.tables[id] ?? null;
  }

  row(id: TableId, key: string): TableRow | null {
    return this.table(id)?.rows.find((r) => r.key === key) ?? null;
  }

  /** The figure in row `key`, column `col`; zero with no cell when the table or row was left out. */
  fig(id: TableId, key: string, col: number): Figure {
    return this.row(id, key)?.cells[col] ?? { value: ZERO, at: null, blank: true };
  }

  term(id: TableId, key: string, col: number, sign: 1 | -1 = 1): Term {
    return { figure: this.fig(id, key, col), table: id, sign };
  }

  termOf(id: TableId, row: TableRow | null, col: number, sign: 1 | -1 = 1): Term {
    return { figure: row?.cells[col] ?? { value: ZERO, at: null, blank: true }, table: id, sign };
  }

  /** Records an identity; it is judged (and its cell chosen) in {@link finish}. */
  identity(identity: Omit<Identity, 'severity'>): void {
    const full: Identity = { ...identity, severity: ownSeverity(identity.rule) };
    // Most identities hold exactly. Checking that in integer 分 (every figure has at most two decimals, H-05, and is
    // far below 2^53 分) avoids building a decimal per term; exact decimals are used as soon as one does not hold.
    let cents = signedCents(full.lhs);
    for (const t of full.rhs) cents -= signedCents(t);
    if (cents === 0) {
      this.passed.push(full);
      return;
    }
    const rhs = full.rhs.reduce<Dec>(
      (acc, t) => (t.sign === 1 ? acc.plus(t.figure.value) : acc.minus(t.figure.value)),
      ZERO,
    );
    const lhs = full.lhs.sign === 1 ? full.lhs.figure.value : full.lhs.figure.value.negated();
    const difference = lhs.minus(rhs);
    if (difference.isZero()) {
      this.passed.push(full);
      return;
    }
    this.identities.push({
      identity: full,
      difference,
      tolerance: toleranceFor(full.rhs),
      noticeBand: noticeBandFor(full.rhs),
    });
  }

  /**
   * Reports a finding that is not an identity (presence, codes, inequalities), with the rule's own severity unless
   * `values.severity` names another the rule declares.
   */
  report<R extends RuleId>(
    rule: R,
    table: TableId | null,
    at: Figure['at'] | string | null,
    message: string,
    values: {
      actual?: Dec | string | null;
      expected?: Dec | string | null;
      severity?: NoInfer<DeclaredSeverity<R>>;
    } = {},
  ): void {
    const ref = typeof at === 'string' ? { sheet: table ? (this.table(table)?.sheet ?? null) : null, cell: at } : at;
    this.findings.push(
      finding({
        rule,
        severity: values.severity,
        table,
        sheet: ref?.sheet ?? (table ? (this.table(table)?.sheet ?? null) : null),
        cell: ref?.cell ?? null,
        message,
        actual: values.actual === undefined || values.actual === null ? null : str(values.actual),
        expected: values.expected === undefined || values.expected === null ? null : str(values.expected),
      }),
    );
  }

  /**
   * Turns the failed identities into findings. Within tolerance: a notice at the identity's own cell. Beyond it:
   * an error at the cell most likely to be wrong — the one that takes part in the most failed identities, then the
   * one fewest passing identities vouch for, then a filled cell before a blank one, then the identity's total.
   * Changing one figure therefore points at that figure, as an auditor would triangulate it. When several addends
   * still tie (siblings only one identity checks), the finding stays at the total and says it cannot tell which.
   */
  finish(): Finding[] {
    const failCount = new Map<string, number>();
    const passCount = new Map<string, number>();
    const key = (t: Term) => (t.figure.at ? `${t.figure.at.sheet}!${t.figure.at.cell}` : null);
    const errors = this.identities.filter(
      (e) => e.identity.severity === 'error' && e.difference.abs().greaterThan(e.tolerance),
    );
    for (const e of errors) for (const t of [e.identity.lhs, ...e.identity.rhs]) bump(failCount, key(t));
    // Passing identities only matter to choose the cell of an error.
    if (errors.length > 0) for (const p of this.passed) for (const t of [p.lhs, ...p.rhs]) bump(passCount, key(t));

    for (const e of this.identities) {
      const { identity, difference, tolerance, noticeBand } = e;
      const beyond = difference.abs().greaterThan(tolerance);
      // Within the band only because written zeros count: possibly a keying error, so the unit must look at it.
      const suspicious = !beyond && difference.abs().greaterThan(noticeBand);
      let blamed = identity.lhs;
      let ambiguous = false;
      if (beyond && identity.severity === 'error') {
        const candidates = [identity.lhs, ...identity.rhs].filter((t) => t.figure.at !== null);
        const score = (t: Term) => [
          failCount.get(key(t) ?? '') ?? 0,
          -(passCount.get(key(t) ?? '') ?? 0),
          t.figure.blank ? 0 : 1,
        ];
        const best = candidates.reduce<number[] | null>(
          (top, t) => (top === null || compareScores(score(t), top) > 0 ? score(t) : top),
          null,
        );
        const tied = candidates.filter((t) => best !== null && compareScores(score(t), best) === 0);
        // Several addends equally suspect (one identity over siblings that nothing else checks, such as the 款
        // rows of a T6 类): naming the first would be a guess, so the identity's own cell is reported instead.
        if (tied.length === 1 && tied[0]) blamed = tied[0];
        else if (tied.length > 1 && !tied.includes(identity.lhs)) ambiguous = true;
      }
      // The value the blamed cell would need for the identity to hold.
      const actual = blamed.figure.value;
      const expected =
        blamed === identity.lhs
          ? actual.minus(difference.times(blamed.sign))
          : actual.plus(difference.times(blamed.sign));
      const severity: Severity = beyond ? identity.severity : suspicious ? 'warning' : 'notice';
      const where = ambiguous
        ? '（无法仅凭勾稽关系确定是哪一个组成单元格有误，请逐项核对）'
        : blamed === identity.lhs
          ? ''
          : '（按勾稽关系推断此单元格有误）';
      const verdict = beyond
        ? `超出尾数误差容差 ${tolerance.toFixed()}`
        : suspicious
          ? `差额超出非零项尾数误差 ${noticeBand.toFixed()}，仅在把写为 0.00 的各项也计入时才在容差 ${tolerance.toFixed()} 以内，可能为录入错误，请核对合计及其各组成项`
          : `在尾数误差容差 ${tolerance.toFixed()} 以内（尾数误差）`;
      this.findings.push(
        finding({
          rule: identity.rule,
          severity,
          table: blamed.table,
          sheet: blamed.figure.at?.sheet ?? this.table(blamed.table)?.sheet ?? null,
          cell: blamed.figure.at?.cell ?? null,
          message: `${identity.label}${where}：本单元格为 ${formatAmount(actual)}，按勾稽关系应为 ${formatAmount(expected)}，相差 ${formatAmount(actual.minus(expected))}，${verdict}。`,
          actual: formatAmount(actual),
          expected: formatAmount(expected),
          difference: formatAmount(actual.minus(expected)),
          tolerance: tolerance.toFixed(),
        }),
      );
    }
    return this.findings;
  }
}

function signedCents(t: Term): number {
  return t.sign * centsOf(t.figure.value);
}

function bump(map: Map<string, number>, key: string | null): void {
  if (key !== null) map.set(key, (map.get(key) ?? 0) + 1);
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function str(v: Dec | string): string {
  return typeof v === 'string' ? v : formatAmount(v);
}

/** A rule of the catalog: data (ID, tables, severity, Chinese description) and the code that checks it. */
export interface RuleDefinition {
  id: string;
  family: 'file' | 'table' | 'hierarchy' | 'cross' | 'structure' | 'narrative';
  tables: readonly TableId[];
  /** Severity when violated (beyond tolerance for identities); rounding differences are always notices. */
  severity: Severity;
  /**
   * Other severities the rule reports, each with its condition (e.g. S-02: an error when a 合计 line is missing).
   * The catalog is authoritative: a test fails on any (rule, severity) pair emitted but not declared here.
   */
  also?: readonly { severity: Severity; when: string }[];
  /** Chinese statement of the rule, used in messages and the generated docs. */
  title: string;
  /** Rules enforced while reading the workbook have no check here. */
  check?: (ctx: RuleContext) => void;
}
