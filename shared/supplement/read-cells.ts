import { Dec, parseAmount, toHalfWidth } from '../money/amount.ts';
import { cellText, type RawCell } from '../workbook/sheet-grid.ts';

/**
 * Reading one supplementary cell by the kind of value it should hold. Like the table reader, a value that cannot be
 * read is reported, never guessed: the result is either a value, empty, or a Chinese reason.
 */
export type CellRead<T> = { kind: 'value'; value: T } | { kind: 'empty' } | { kind: 'invalid'; reason: string };

const EMPTY = { kind: 'empty' } as const;
/** Words an accountant writes for “nothing” in a count or amount cell. */
const NONE_WORDS = new Set(['无', '没有', '不涉及']);

export function readText(c: RawCell): CellRead<string> {
  const t = cellText(c).replace(/\r\n?/g, '\n').trim();
  return t === '' ? EMPTY : { kind: 'value', value: t };
}

/** An amount in 万元 as an exact decimal string; `17.92万元` and `无` are accepted. */
export function readAmount(c: RawCell): CellRead<string> {
  if (c.kind === 'empty') return EMPTY;
  if (c.kind === 'error' || c.kind === 'formula-without-result') return { kind: 'invalid', reason: '公式没有计算结果' };
  let raw: string | number = c.kind === 'number' ? c.value : cellText(c).trim();
  if (typeof raw === 'string') {
    if (NONE_WORDS.has(raw)) return { kind: 'value', value: '0' };
    raw = raw.replace(/万元$/, '').trim();
  }
  const parsed = parseAmount(raw);
  if (parsed.kind === 'blank') return EMPTY;
  if (parsed.kind === 'invalid') return { kind: 'invalid', reason: `“${cellText(c)}”不是金额（万元，最多两位小数）` };
  return { kind: 'value', value: parsed.value.toFixed() };
}

/** A non-negative whole number (团组数, 辆, 人次); `无` is 0. */
export function readCount(c: RawCell): CellRead<number> {
  if (c.kind === 'empty') return EMPTY;
  const t = toHalfWidth(cellText(c).trim()).replace(/[个辆次人台套批]$/u, '');
  if (NONE_WORDS.has(t)) return { kind: 'value', value: 0 };
  if (!/^\d{1,7}$/.test(t)) return { kind: 'invalid', reason: `“${cellText(c)}”不是整数` };
  return { kind: 'value', value: Number(t) };
}

/** A score or other plain decimal (`100`, `98.5`), as a decimal string. */
export function readScore(c: RawCell): CellRead<string> {
  if (c.kind === 'empty') return EMPTY;
  const t = toHalfWidth(cellText(c).trim()).replace(/分$/, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return { kind: 'invalid', reason: `“${cellText(c)}”不是分数` };
  return { kind: 'value', value: new Dec(t).toFixed() };
}

/**
 * A rate as a percent decimal string: `100.00%` → `100.00`. A number cell formatted as a percentage holds the
 * fraction (1 for 100%), so a bare number up to 1 is read as a fraction and a larger one as percent.
 */
export function readPercent(c: RawCell): CellRead<string> {
  if (c.kind === 'empty') return EMPTY;
  if (c.kind === 'number') {
    const v = new Dec(String(c.value));
    return { kind: 'value', value: (v.lessThanOrEqualTo(1) ? v.times(100) : v).toFixed() };
  }
  const t = toHalfWidth(cellText(c).trim());
  const m = /^(\d+(?:\.\d+)?)\s*[%％]?$/.exec(t);
  if (!m?.[1]) return { kind: 'invalid', reason: `“${cellText(c)}”不是百分比` };
  return { kind: 'value', value: m[1] };
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A date as ISO `YYYY-MM-DD`: a date cell, an Excel serial number, or text such as `2024年9月25日`, `2024/9/25`. */
export function readDate(c: RawCell): CellRead<string> {
  if (c.kind === 'empty') return EMPTY;
  if (c.kind === 'number') {
    if (!Number.isInteger(c.value) || c.value < 30000 || c.value > 80000)
      return { kind: 'invalid', reason: `“${c.value}”不是日期` };
    return { kind: 'value', value: new Date(EXCEL_EPOCH_MS + c.value * 86_400_000).toISOString().slice(0, 10) };
  }
  const t = toHalfWidth(cellText(c).trim());
  // Anchored, and after the day only `日` and a time part (after T or a space) that is not looked at: the former
  // `\s*日?(?:[T\s].*)?$` backtracked quadratically over a long run of spaces (issue 11).
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?(?:$|[T\s])/.exec(t);
  if (!m) return { kind: 'invalid', reason: `“${cellText(c)}”不是日期（应写成 2024-09-25）` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return { kind: 'invalid', reason: `“${cellText(c)}”不是有效日期` };
  return { kind: 'value', value: date.toISOString().slice(0, 10) };
}
