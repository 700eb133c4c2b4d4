import type { DisclosureTable, Figure, TableId } from '../disclosure/model.ts';
import { notesWithOfficial } from '../disclosure/official-notes.ts';
import { formatAmount } from '../money/amount.ts';
import { type Html, html } from './escape-html.ts';

/** Cells and the frame shared by the nine table renderers. */

/** An amount cell: blank when the workbook left it blank (as the official tables print), else two decimals. */
export function amountCell(f: Figure | undefined, headers?: string): Html {
  const text = f === undefined || (f.blank && f.value.isZero()) ? '' : formatAmount(f.value);
  return headers ? html`<td class="num" headers="${headers}">${text}</td>` : html`<td class="num">${text}</td>`;
}

/** Element id of a table part: `t1-r-L27`. */
export function cellId(id: TableId, ...parts: string[]): string {
  return [id.toLowerCase(), ...parts].join('-').replace(/[^A-Za-z0-9-]/g, '_');
}

/** Caption with title, 公开NN表 mark, unit and 金额单位, so a screen reader hears them with the table. */
export function caption(t: DisclosureTable): Html {
  return html`<caption><span class="caption-title">${t.title}</span><span class="caption-meta">${t.mark ? html`<span>${t.mark}</span>` : ''}${t.unitName ? html`<span>单位：${t.unitName}</span>` : ''}<span>金额单位：${t.amountUnit ?? '万元'}</span></span></caption>`;
}

/**
 * The scrolling frame: wide tables scroll horizontally on phones inside a focusable, labelled region (keyboard
 * users can scroll it; screen readers announce what it holds).
 */
export function scrollFrame(label: string, table: Html): Html {
  return html`<div class="table-scroll" role="region" aria-label="${label}（可左右滚动）" tabindex="0">${table}</div>`;
}

/**
 * Every note line, with the official notes of T1, T4 and T9 the workbook did not print itself (never twice), and
 * the empty-table sentence.
 */
export function notes(t: DisclosureTable): Html {
  const lines = notesWithOfficial(t);
  return html`${lines.length > 0 ? html`<div class="table-notes">${lines.map((n) => html`<p>${n}</p>`)}</div>` : ''}${t.emptyStatement ? html`<p class="empty-statement">${t.emptyStatement}</p>` : ''}`;
}
