/**
 * Text helpers for untrusted workbook text that run in time linear in its length. A regular expression such as
 * `/[。.]+$/` backtracks from every position of a long run of full stops followed by another character (quadratic:
 * minutes for a 1 MB cell), so trailing characters are trimmed by a loop instead.
 */

/** `text` without the trailing characters that are in `chars` (`trimEndChars('说明。。', '。.')` → `说明`). */
export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

export function isAsciiDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

/** `\s` of JavaScript regular expressions, for one character. */
export function isSpace(ch: string): boolean {
  return ch !== '' && /\s/.test(ch);
}
