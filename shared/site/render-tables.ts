import { type Disclosure, type DisclosureTable, TABLE_IDS, TABLE_NAMES, type TableId } from '../disclosure/model.ts';
import { chineseNumber } from '../explain/format.ts';
import { type Html, html } from './escape-html.ts';
import { renderBasicTable } from './render-table-basic.ts';
import { renderClassifiedTable } from './render-table-classified.ts';
import { renderThreePublicTable } from './render-table-three-public.ts';
import { renderTwoSidedTable } from './render-table-two-sided.ts';
import { notes, scrollFrame } from './table-cells.ts';

/** 第二部分: the nine tables in the seed's order, each as a real HTML table with its notes. */

export function tableAnchor(id: TableId): string {
  return `table-${id.toLowerCase()}`;
}

function renderTable(t: DisclosureTable): Html {
  switch (t.id) {
    case 'T1':
    case 'T4':
      return renderTwoSidedTable(t as DisclosureTable & { id: 'T1' | 'T4' });
    case 'T6':
      return renderBasicTable(t);
    case 'T9':
      return renderThreePublicTable(t);
    default:
      return renderClassifiedTable(t);
  }
}

export function renderTablesSection(d: Disclosure): Html {
  return html`${TABLE_IDS.map((id, i) => {
    const t = d.tables[id];
    const anchor = tableAnchor(id);
    const heading = html`<h3 id="${anchor}">${chineseNumber(i + 1)}、${TABLE_NAMES[id]}</h3>`;
    if (!t) return html`<section aria-labelledby="${anchor}">${heading}<p class="missing">本表未提供。</p></section>\n`;
    return html`<section class="table-section" aria-labelledby="${anchor}">${heading}${scrollFrame(t.title, renderTable(t))}${notes(t)}</section>\n`;
  })}`;
}
