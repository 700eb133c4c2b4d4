import { Decimal } from 'decimal.js';

/**
 * Amounts are exact decimals from the cell to the page. `Decimal` is configured once here (precision far above any
 * budget figure, half-up rounding as Chinese accounting rounds) and every module imports it from this file.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

export const ZERO = new Dec(0);

/**
 * Integer 分 of amounts, for checking sums exactly without building decimals (the brief allows exact integer 分).
 * Filled when a cell is parsed (from its digits, never by float arithmetic) and computed on demand otherwise.
 */
const CENTS = new WeakMap<Dec, number>();
const TWO_DECIMALS = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

function centsFromPlain(text: string): number {
  const m = TWO_DECIMALS.exec(text);
  if (!m?.[2]) return Number.NaN;
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0')));
}

/** The amount in integer 分, exactly; NaN when it has more than two decimals or 13 integer digits. */
export function centsOf(value: Dec): number {
  const known = CENTS.get(value);
  if (known !== undefined) return known;
  const cents = centsFromPlain(value.toFixed());
  CENTS.set(value, cents);
  return cents;
}

function withCents(value: Dec, text: string): Dec {
  CENTS.set(value, centsFromPlain(text));
  return value;
}

/** Largest magnitude accepted for one figure in 万元 (10^12 万元 is far beyond any public budget). */
const MAX_ABS = new Dec('1e12');

export type ParsedAmount =
  | { kind: 'blank' }
  | { kind: 'amount'; value: Dec }
  | { kind: 'invalid'; reason: 'not-a-number' | 'too-many-decimals' | 'out-of-range'; text: string };

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D\uFF08\uFF09\uFF0B]/g;
const HAS_FULL_WIDTH = /[\uFF08-\uFF19]/;

/** Full-width digits and punctuation (０-９．，－（）＋) as their ASCII forms. */
export function toHalfWidth(text: string): string {
  // Nearly every cell is plain ASCII or CJK text: a test is much cheaper than a replace with a callback.
  if (!HAS_FULL_WIDTH.test(text)) return text;
  return text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

const ZERO_MARKS = new Set(['', '-', '--', '—', '——', '－', '–', '/', '0', '0.0', '0.00']);
const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * Reads one amount as written in a cell: blanks, `-` and `0.00` are zero; numbers stored as text, thousands
 * separators, full-width digits and accounting negatives `(1.00)` are accepted; anything else is reported, never
 * guessed. At most two decimals: a figure in 万元 is rounded from 元 to the 分 of 万元.
 *
 * @example parseAmount('1,234.50') // { kind: 'amount', value: 1234.5 }
 */
export function parseAmount(raw: string | number | null | undefined): ParsedAmount {
  if (raw === null || raw === undefined) return { kind: 'blank' };
  if (typeof raw === 'number') return fromNumber(raw);
  const text = toHalfWidth(raw)
    .replace(/[\s\u200B-\u200F\u202A-\u202E\u2060\uFEFF]/g, '')
    .replace(/[，]/g, ',');
  if (ZERO_MARKS.has(text))
    return text === '' || !/\d/.test(text) ? { kind: 'blank' } : { kind: 'amount', value: ZERO };
  let body = text;
  let negative = false;
  const parenthesised = /^\((.*)\)$/.exec(body);
  if (parenthesised?.[1] !== undefined) {
    negative = true;
    body = parenthesised[1];
  }
  if (GROUPED.test(body)) body = body.replace(/,/g, '');
  if (!NUMERIC.test(body)) return { kind: 'invalid', reason: 'not-a-number', text: raw };
  let value = new Dec(body);
  if (negative) value = value.negated();
  return checked(value, raw);
}

function fromNumber(n: number): ParsedAmount {
  if (!Number.isFinite(n)) return { kind: 'invalid', reason: 'not-a-number', text: String(n) };
  if (n === 0) return { kind: 'amount', value: ZERO };
  const text = String(n);
  // Fast path, the usual case: at most two decimals in plain notation and in range — one exact decimal, no checks
  // that would build intermediate ones (reading a table creates thousands of these).
  const dot = text.indexOf('.');
  if (Math.abs(n) < 1e12 && !text.includes('e') && (dot < 0 || text.length - dot <= 3)) {
    return { kind: 'amount', value: withCents(new Dec(text), text) };
  }
  // A spreadsheet stores binary doubles: 48.4 is held as 48.39999…; the shortest decimal that round-trips (what
  // String() gives) is the figure the accountant typed. Formula results can carry float noise (635.5500000000001):
  // if rounding to 分 changes the value by less than 1e-9 it is noise, not a third decimal.
  const value = new Dec(String(n));
  if (value.decimalPlaces() > 2) {
    const rounded = value.toDecimalPlaces(2);
    if (rounded.minus(value).abs().lessThan('1e-9')) return checked(rounded, String(n));
  }
  return checked(value, String(n));
}

function checked(value: Dec, text: string): ParsedAmount {
  if (value.abs().greaterThanOrEqualTo(MAX_ABS)) return { kind: 'invalid', reason: 'out-of-range', text };
  if (value.decimalPlaces() > 2) return { kind: 'invalid', reason: 'too-many-decimals', text };
  return { kind: 'amount', value: value.isZero() ? ZERO : value };
}

/** A figure as shown in tables: two decimals, no grouping (`635.55`, `0.00`). */
export function formatAmount(value: Dec): string {
  return value.toFixed(2);
}

/** Sum of exact amounts. */
export function sum(values: readonly Dec[]): Dec {
  return values.reduce<Dec>((acc, v) => acc.plus(v), ZERO);
}

/** A decimal string (supplement amounts) as `Dec`; blank, null or not a number stays null. */
export function decOrNull(text: string | null | undefined): Dec | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  try {
    return new Dec(text);
  } catch {
    return null;
  }
}
