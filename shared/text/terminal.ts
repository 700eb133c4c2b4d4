/**
 * Untrusted text (unit names, upload keys, sheet names, finding messages quoting cells) printed to a terminal must
 * not drive it: C0 and C1 control characters can move the cursor, rewrite the title or clear the screen (ESC is
 * C0, CSI is C1), and bidirectional overrides make a reversed name read as another unit. They are removed from
 * text lines and escaped in JSON (which stays valid and keeps the data).
 */
// C0 (with TAB, LF, CR: a field must not add lines or columns), DEL, C1, and the bidi marks, embeddings, overrides
// and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without control characters, for one line of terminal output. */
export function inertText(text: string): string {
  return text.replace(CONTROL, '');
}

/** Lines of terminal output, each made inert, joined with newlines. */
export function inertLines(lines: readonly string[]): string {
  return lines.map(inertText).join('\n');
}

/** JSON.stringify with every control character escaped as \uXXXX (JSON itself escapes only C0). */
export function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(CONTROL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
