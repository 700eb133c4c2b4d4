/**
 * What "nothing unescaped in any page" means, as checks over the files a publication writes:
 * - HTML: no inline script that runs a payload, no element with an event-handler attribute (`onerror=` …) — text
 *   from a workbook must arrive as `&lt;script&gt;…`;
 * - CSV: no cell a spreadsheet would run as a formula (first character = + - @, or tab / carriage return), except
 *   plain numbers such as `-1.00`, which spreadsheets read as numbers.
 */

/** Markup in `html` that would execute: raw `<script>alert`, or any tag carrying an `on…=` attribute. */
export function unsafeMarkup(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*>[^<]*alert/gi)) found.push(m[0]);
  for (const m of html.matchAll(/<[a-z][a-z0-9-]*\b[^<>]*\son[a-z]+\s*=[^<>]*>/gi)) found.push(m[0]);
  return found;
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), after an optional BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** CSV cells a spreadsheet would evaluate as a formula. */
export function formulaCells(csv: string): string[] {
  return parseCsv(csv)
    .flat()
    .filter((cell) => {
      // Also after leading whitespace and in full-width forms, as csvField neutralizes them (issue 11).
      const probe = cell
        .replace(/^[\s\u3000\ufeff]+/, '')
        .replace(/^[＝＋－＠]/, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
      return (/^[=+\-@\t\r]/.test(cell) || /^[=+\-@\t\r]/.test(probe)) && !PLAIN_NUMBER.test(probe);
    });
}

/**
 * The markup part of a payload (from its first `<`) as a correct renderer shows it, whichever way it escapes quotes:
 * `<img src=x onerror=alert(1)>` → `&lt;img src=x onerror=alert(1)&gt;`.
 */
export function escapedMarkup(payload: string): string {
  return payload
    .slice(Math.max(0, payload.indexOf('<')))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
