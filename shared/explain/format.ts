import { Dec, ZERO } from '../money/amount.ts';
import { trimEndChars } from '../text/linear.ts';

/**
 * How figures are written in generated text. Every computation is exact (decimal.js, half-up as Chinese accounting
 * rounds): a share or rate is rounded once, from the exact quotient, to the one decimal published documents show.
 */

/** An amount as in the tables: `635.55`, `63.00`. */
export function amountText(v: Dec): string {
  return v.toFixed(2);
}

/** part ÷ whole, or null when the whole is zero (no share or rate can be claimed). */
export function ratio(part: Dec, whole: Dec): Dec | null {
  return whole.isZero() ? null : part.dividedBy(whole);
}

/** A ratio as a percent number rounded half-up to `places` decimals. */
export function roundedPercent(r: Dec, places = 1): Dec {
  return r.times(100).toDecimalPlaces(places, Dec.ROUND_HALF_UP);
}

/**
 * A ratio as published: one decimal (`78.9`), or a whole number when the ratio is exactly whole (`100`, `50`) —
 * the seed writes “占本年收入100%”, and an exact 100 is not a rounded one.
 *
 * @example percentText(new Dec('45.24').dividedBy('680.79')) // '6.6'
 */
export function percentText(r: Dec): string {
  const exact = r.times(100);
  return exact.isInteger() ? exact.toFixed(0) : roundedPercent(r).toFixed(1);
}

export type ChangeKind = 'increase' | 'decrease' | 'flat';

export interface Change {
  kind: ChangeKind;
  /** |current − previous|. */
  amount: Dec;
  /** |change| ÷ previous, null when the previous figure is zero. */
  rate: Dec | null;
}

/** Year-on-year change: % = change ÷ prior year (RULES.md “Narrative text”). */
export function change(current: Dec, previous: Dec): Change {
  const diff = current.minus(previous);
  const kind: ChangeKind = diff.isZero() ? 'flat' : diff.isPositive() ? 'increase' : 'decrease';
  return { kind, amount: diff.abs(), rate: previous.isZero() ? null : diff.abs().dividedBy(previous) };
}

/**
 * `减少45.24万元，下降6.6%` / `增加…，增长…%` / `持平`. `each` writes “各减少” for a pair of equal totals (收、支总计).
 */
export function changeText(c: Change, each = false): string {
  if (c.kind === 'flat') return '持平';
  const verb = c.kind === 'increase' ? '增加' : '减少';
  const rateVerb = c.kind === 'increase' ? '增长' : '下降';
  const rate = c.rate === null ? '' : `，${rateVerb}${percentText(c.rate)}%`;
  return `${each ? '各' : ''}${verb}${amountText(c.amount)}万元${rate}`;
}

/** A unit's reason as a clause: “主要原因是进一步压减支出”, whatever prefix or full stop the unit wrote. */
export function reasonClause(reason: string | null | undefined): string | null {
  if (!reason) return null;
  const core = reason
    .trim()
    .replace(/^(主要原因(是|为|：|:)?|原因(是|为|：|:)?)/, '')
    .trim();
  // A loop, not /[。．.；;，,]+$/: that backtracks quadratically on a long run of stops (issue 11).
  const trimmed = trimEndChars(core, '。．.；;，,').trim();
  return trimmed === '' ? null : `主要原因是${trimmed}`;
}

/** ISO date (or timestamp) as `2024年10月12日`, in China time for timestamps. */
export function chineseDate(iso: string): string {
  const d = isoDateInChina(iso);
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

/** `YYYY-MM-DD` of an ISO date or timestamp, in China time (UTC+8, no daylight saving). */
export function isoDateInChina(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso.slice(0, 10);
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A date plus n calendar days (`2024-09-25` + 20 → `2024-10-15`). */
export function addDays(isoDate: string, days: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 13 → 十三, 26 → 二十六 (section and list numbering). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  return String(n);
}

export { decOrNull } from '../money/amount.ts';

export function sumDec(values: readonly Dec[]): Dec {
  return values.reduce<Dec>((a, v) => a.plus(v), ZERO);
}
