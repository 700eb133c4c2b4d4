import type { DisclosureTable, TableRow } from '../disclosure/model.ts';
import { type Html, html } from './escape-html.ts';
import { amountCell, caption, cellId } from './table-cells.ts';

/**
 * 一般公共预算财政拨款基本支出决算明细表 (T6) as officially printed: three side-by-side column groups — 人员经费
 * (301, 303), 公用经费 商品和服务支出 (302), 公用经费 资本性支出 (310 and any other 类) — and a footer with
 * 人员经费合计 / 公用经费合计. Each amount names its group, column and row headers.
 */

function groups(t: DisclosureTable): TableRow[][] {
  const rows = t.rows.filter((r) => r.kind !== 'econ-total');
  const personnel = rows.filter((r) => r.side === 'personnel');
  const goods = rows.filter((r) => r.side !== 'personnel' && r.code?.startsWith('302'));
  const capital = rows.filter((r) => r.side !== 'personnel' && !r.code?.startsWith('302'));
  return [personnel, goods, capital];
}

function head(t: DisclosureTable): Html {
  const col = (g: number, what: string) => cellId(t.id, `g${g}`, what);
  const sub = [1, 2, 3].map(
    (g) =>
      html`<th id="${col(g, 'code')}" scope="col">科目代码</th><th id="${col(g, 'name')}" scope="col">科目名称</th><th id="${col(g, 'amt')}" scope="col">决算数</th>`,
  );
  return html`<thead>
<tr><th id="${cellId(t.id, 'personnel')}" colspan="3" scope="colgroup">人员经费</th><th id="${cellId(t.id, 'public')}" colspan="6" scope="colgroup">公用经费</th></tr>
<tr>${sub}</tr>
</thead>`;
}

function slot(t: DisclosureTable, g: number, row: TableRow | undefined): Html {
  if (!row) return html`<td></td><td></td><td class="num"></td>`;
  const rowId = cellId(t.id, 'r', row.key);
  const group = cellId(t.id, g === 1 ? 'personnel' : 'public');
  const lei = row.kind === 'econ-lei' ? ' lei' : '';
  return html`<td class="code${lei}">${row.code ?? ''}</td><th scope="row" id="${rowId}" class="name${lei}">${row.name}</th>${amountCell(row.cells[1], `${group} ${cellId(t.id, `g${g}`, 'amt')} ${rowId}`)}`;
}

function footer(t: DisclosureTable): Html {
  const total = (key: string) => t.rows.find((r) => r.key === key);
  const p = total('personnel-total');
  const q = total('public-total');
  const pid = cellId(t.id, 'r', 'personnel-total');
  const qid = cellId(t.id, 'r', 'public-total');
  return html`<tr class="total"><th colspan="2" scope="row" id="${pid}">人员经费合计</th>${amountCell(p?.cells[1], `${cellId(t.id, 'personnel')} ${pid}`)}<th colspan="5" scope="row" id="${qid}">公用经费合计</th>${amountCell(q?.cells[1], `${cellId(t.id, 'public')} ${qid}`)}</tr>`;
}

export function renderBasicTable(t: DisclosureTable): Html {
  const [a = [], b = [], c = []] = groups(t);
  const height = Math.max(a.length, b.length, c.length);
  const rows = Array.from(
    { length: height },
    (_, i) => html`<tr>${slot(t, 1, a[i])}${slot(t, 2, b[i])}${slot(t, 3, c[i])}</tr>\n`,
  );
  return html`<table class="fin basic t6">${caption(t)}${head(t)}<tbody>
${rows}${footer(t)}
</tbody></table>`;
}
