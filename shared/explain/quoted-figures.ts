import { Dec, toHalfWidth } from '../money/amount.ts';

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
  /** Text of the clause (since the last ，；：) before the number. */
  clause: string;
  index: number;
}

const NUMBER = '(\\d+(?:\\.\\d+)?)';

function scan(sentence: string, suffix: RegExp): Quoted[] {
  const re = new RegExp(`${NUMBER}\\s*(?:${suffix.source})`, 'g');
  const out: Quoted[] = [];
  for (const m of sentence.matchAll(re)) {
    const text = m[1] ?? '';
    const index = m.index ?? 0;
    // A number glued to a preceding digit or dot is part of something else (a date, a code).
    const before = sentence.slice(0, index);
    if (/[\d.]$/.test(before)) continue;
    const clause = before.split(/[，,；;：:]/).at(-1) ?? before;
    out.push({ value: new Dec(text), text, before, clause, index });
  }
  return out;
}

export function quotedAmounts(sentence: string): Quoted[] {
  return scan(sentence, /万元/);
}

export function quotedPercents(sentence: string): Quoted[] {
  return scan(sentence, /[%％]/);
}

/** Decimals the number was written with (`6.7` → 1, `100` → 0). */
export function decimalsOf(text: string): number {
  return text.includes('.') ? (text.split('.')[1]?.length ?? 0) : 0;
}

/** The exact percent rounded half-up as the text would have written it. */
export function asWritten(exactPercent: Dec, text: string): Dec {
  return exactPercent.toDecimalPlaces(decimalsOf(text), Dec.ROUND_HALF_UP);
}
