import type { DisclosureTable, TableColumn, TableRow } from '../disclosure/model.ts';
import { type Html, html } from './escape-html.ts';
import { amountCell, caption } from './table-cells.ts';

/**
 * The 功能分类 tables (收入决算表, 支出决算表, 一般公共预算财政拨款支出表, 政府性基金表, 国有资本经营表): 合计 and
 * 类/款/项 rows with their codes, one column per 栏次. Columns the official layout groups (本年支出: 小计/基本/项目)
 * get a group header.
 */

interface Group {
  label: string;
  from: number;
  to: number;
}

function groupsFor(t: DisclosureTable): Group[] {
  const n = t.columns.length;
  if (t.id === 'T5' || (t.id === 'T8' && n === 3)) return [{ label: '本年支出', from: 1, to: 3 }];
  if (t.id === 'T7' || (t.id === 'T8' && n === 6)) return [{ label: '本年支出', from: 3, to: 5 }];
  return [];
}

/** T5's 栏1 is printed 小计 under 本年支出; elsewhere the reader's label is the printed one. */
function label(c: TableColumn): string {
  return c.label.replace(/^本年支出(?=小计)/, '');
}

function head(t: DisclosureTable): Html {
  const groups = groupsFor(t);
  const inGroup = (n: number) => groups.find((g) => n >= g.from && n <= g.to);
  const top = t.columns.map((c) => {
    const g = inGroup(c.number);
    if (!g) return html`<th rowspan="2" scope="col">${label(c)}</th>`;
    return c.number === g.from ? html`<th colspan="${g.to - g.from + 1}" scope="colgroup">${g.label}</th>` : '';
  });
  const second = t.columns.filter((c) => inGroup(c.number)).map((c) => html`<th scope="col">${label(c)}</th>`);
  return html`<thead>
<tr><th colspan="2" scope="colgroup">项目</th>${top}</tr>
<tr><th scope="col">功能分类科目编码</th><th scope="col">科目名称</th>${second}</tr>
<tr class="col-numbers"><td></td><th scope="row">栏次</th>${t.columns.map((c) => html`<td class="num">${c.number}</td>`)}</tr>
</thead>`;
}

function body(t: DisclosureTable, r: TableRow): Html {
  return html`<tr class="lvl-${r.kind}"><td class="code">${r.code ?? ''}</td><th scope="row">${r.name}</th>${t.columns.map((c) => amountCell(r.cells[c.number]))}</tr>\n`;
}

export function renderClassifiedTable(t: DisclosureTable): Html {
  return html`<table class="fin classified ${t.id.toLowerCase()}">${caption(t)}${head(t)}<tbody>
${t.rows.map((r) => body(t, r))}</tbody></table>`;
}
