import { Dec, toHalfWidth } from '../money/amount.ts';
import { isAsciiDigit, isSpace } from '../text/linear.ts';

/**
 * Finding the figures a piece of Chinese text quotes: amounts in 万元 and percentages, each with the words before
 * it in its clause, so a checker can tell a share (占…%) from a change (下降…%) or a completion rate (完成年初预算的…%).
 */

/** Sentences (split at 。！？ and line breaks), with full-width digits and spaces normalized. */
export function sentences(text: string): string[] {
  return toHalfWidth(text)
    .replace(/[ \u3000\t]+/g, '')
    .split(/[。！？!?\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export interface Quoted {
  value: Dec;
  /** The number as written (`6.7`), for messages and for its number of decimals. */
  text: string;
  /** Text of the sentence before the number. */
  before: string;
  /** Text of the clause (since the last ，；：, at most CLAUSE_MAX characters) before the number. */
  clause: string;
  index: number;
  /** Just after the suffix (万元, %). */
  end: number;
}

/** A clause is the words since the last ，；：; only its last words name what a figure is (`…支出决算为`). */
export const CLAUSE_MAX = 60;
const CLAUSE_BREAKS = '，,；;：:';

/**
 * Every `<number>\s*<suffix>` of the sentence, as the global regular expression `(\d+(?:\.\d+)?)\s*(?:suffix)` would
 * find them, in one pass: from each suffix back over whitespace and the number (the regular expression backtracks
 * through every digit of a long digit run at every start position, which is quadratic). A number glued to a
 * preceding digit or dot is part of something else (a date, a code) and is skipped; the clause before a number is
 * at most CLAUSE_MAX characters, so the work per figure is bounded however long the sentence.
 */
function scan(sentence: string, suffixAt: (i: number) => number): Quoted[] {
  const out: Quoted[] = [];
  let clauseStart = 0;
  let scanned = 0;
  for (let k = 0; k < sentence.length; k++) {
    const suffix = suffixAt(k);
    if (suffix === 0) continue;
    let q = k;
    while (q > 0 && isSpace(sentence.charAt(q - 1))) q--;
    let p = q;
    while (p > 0 && isAsciiDigit(sentence.charAt(p - 1))) p--;
    if (p === q) continue;
    if (p > 1 && sentence.charAt(p - 1) === '.' && isAsciiDigit(sentence.charAt(p - 2))) {
      p -= 1;
      while (p > 0 && isAsciiDigit(sentence.charAt(p - 1))) p--;
    }
    k += suffix - 1;
    const glued = p > 0 && (isAsciiDigit(sentence.charAt(p - 1)) || sentence.charAt(p - 1) === '.');
    if (glued) continue;
    for (; scanned < p; scanned++) if (CLAUSE_BREAKS.includes(sentence.charAt(scanned))) clauseStart = scanned + 1;
    const text = sentence.slice(p, q);
    out.push({
      value: new Dec(text),
      text,
      before: sentence.slice(0, p),
      clause: sentence.slice(Math.max(clauseStart, p - CLAUSE_MAX), p),
      index: p,
      end: k + 1,
    });
  }
  return out;
}

export function quotedAmounts(sentence: string): Quoted[] {
  return scan(sentence, (i) => (sentence.startsWith('万元', i) ? 2 : 0));
}

export function quotedPercents(sentence: string): Quoted[] {
  return scan(sentence, (i) => (sentence.charAt(i) === '%' || sentence.charAt(i) === '％' ? 1 : 0));
}

/** Decimals the number was written with (`6.7` → 1, `100` → 0). */
export function decimalsOf(text: string): number {
  return text.includes('.') ? (text.split('.')[1]?.length ?? 0) : 0;
}

/** The exact percent rounded half-up as the text would have written it. */
export function asWritten(exactPercent: Dec, text: string): Dec {
  return exactPercent.toDecimalPlaces(decimalsOf(text), Dec.ROUND_HALF_UP);
}
