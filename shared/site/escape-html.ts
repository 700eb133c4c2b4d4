/**
 * HTML built only through the `html` template tag: every interpolated value is escaped unless it is already
 * `Html` (built the same way). Unit names, reasons and any other uploaded text can therefore never become markup,
 * whatever it contains; there is no “raw string” path except {@link trustedHtml} for constant markup.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/** @example html`<p>${unitName}</p>` // unitName `<script>` → `&lt;script&gt;` */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Constant markup written in this code base (never data). */
export function trustedHtml(markup: string): Html {
  return new Html(markup);
}

/** Text with line breaks as separate paragraphs. */
export function paragraphsHtml(text: string | null | undefined, className?: string): Html {
  if (!text) return new Html('');
  const cls = className ? html` class="${className}"` : '';
  return html`${text
    .split(/\n+/)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => html`<p${cls}>${t}</p>`)}`;
}
