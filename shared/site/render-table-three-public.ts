import type { DisclosureTable } from '../disclosure/model.ts';
import { type Html, html } from './escape-html.ts';
import { amountCell, caption, cellId } from './table-cells.ts';

/**
 * 财政拨款“三公”经费支出决算表 (T9): one row, 预算数 (栏1–6) and 决算数 (栏7–12) header groups, each split into
 * 合计, 因公出国（境）费, 公务用车购置及运行维护费 (小计, 购置费, 运行维护费) and 公务接待费.
 */

function half(t: DisclosureTable, name: 'budget' | 'actual'): Html {
  const id = (what: string) => cellId(t.id, name, what);
  return html`<th id="${id('total')}" rowspan="2" scope="col">合计</th><th id="${id('outbound')}" rowspan="2" scope="col">因公出国（境）费</th><th id="${id('car')}" colspan="3" scope="colgroup">公务用车购置及运行维护费</th><th id="${id('reception')}" rowspan="2" scope="col">公务接待费</th>`;
}

function carColumns(t: DisclosureTable, name: 'budget' | 'actual'): Html {
  const id = (what: string) => cellId(t.id, name, what);
  return html`<th id="${id('car-sub')}" scope="col">小计</th><th id="${id('car-buy')}" scope="col">公务用车购置费</th><th id="${id('car-run')}" scope="col">公务用车运行维护费</th>`;
}

/** Header ids of 栏 n (1–12). */
function headersOf(t: DisclosureTable, n: number): string {
  const name = n <= 6 ? 'budget' : 'actual';
  const k = ((n - 1) % 6) + 1;
  const parts = [
    [],
    ['total'],
    ['outbound'],
    ['car', 'car-sub'],
    ['car', 'car-buy'],
    ['car', 'car-run'],
    ['reception'],
  ][k] as string[];
  return [cellId(t.id, name), ...parts.map((p) => cellId(t.id, name, p)), cellId(t.id, 'r', 'row')].join(' ');
}

export function renderThreePublicTable(t: DisclosureTable): Html {
  const row = t.rows[0];
  const cols = Array.from({ length: 12 }, (_, i) => i + 1);
  return html`<table class="fin three-public t9">${caption(t)}<thead>
<tr><th rowspan="3" scope="col">项目</th><th id="${cellId(t.id, 'budget')}" colspan="6" scope="colgroup">预算数</th><th id="${cellId(t.id, 'actual')}" colspan="6" scope="colgroup">决算数</th></tr>
<tr>${half(t, 'budget')}${half(t, 'actual')}</tr>
<tr>${carColumns(t, 'budget')}${carColumns(t, 'actual')}</tr>
<tr class="col-numbers"><th scope="row">栏次</th>${cols.map((c) => html`<td class="num">${c}</td>`)}</tr>
</thead><tbody>
<tr><th scope="row" id="${cellId(t.id, 'r', 'row')}">${row?.name ?? '“三公”经费'}</th>${cols.map((c) => amountCell(row?.cells[c], headersOf(t, c)))}</tr>
</tbody></table>`;
}
