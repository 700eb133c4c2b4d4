import type { ChartSpec } from '../explain/explanation-model.ts';
import { amountText } from '../explain/format.ts';
import { Dec } from '../money/amount.ts';
import { type Html, html } from './escape-html.ts';

/**
 * Horizontal bar charts drawn at build time as inline SVG: no script, readable when printed. Each chart has a text
 * alternative (<title>/<desc>, referenced by aria-labelledby) and its data as a table inside <details>. Amounts stay
 * exact decimals; only pixel positions are converted to numbers.
 */

const WIDTH = 400;
/** Room right of the longest bar for its value. */
const BAR_AREA = 320;
const LABEL_HEIGHT = 20;
const BAR_HEIGHT = 16;
const BAR_GAP = 3;
const GROUP_GAP = 12;
const TOP = 4;
/** Series colours (first: this year or the only series); both pass 3:1 contrast on white. */
const COLOURS = ['#1d5fa7', '#7d8a99'];

function barLength(value: Dec, max: Dec): number {
  if (max.isZero() || value.isNegative()) return 0;
  return value.dividedBy(max).times(BAR_AREA).toDecimalPlaces(1).toNumber();
}

function colourOf(spec: ChartSpec, series: number): string {
  // With two series the earlier year is grey, this year blue.
  return spec.series.length === 2 ? (COLOURS[1 - series] ?? '#1d5fa7') : (COLOURS[0] ?? '#1d5fa7');
}

/** Labels above their bars: the chart stays legible when a phone scales it down. */
function bars(spec: ChartSpec, max: Dec): { svg: Html; height: number } {
  let y = TOP;
  const parts: Html[] = [];
  for (const cat of spec.categories) {
    parts.push(html`<text x="0" y="${y + 14}" class="chart-label">${cat.label}</text>`);
    y += LABEL_HEIGHT;
    cat.values.forEach((v, s) => {
      const w = barLength(v, max);
      parts.push(
        html`<rect x="0" y="${y}" width="${w}" height="${BAR_HEIGHT}" fill="${colourOf(spec, s)}"></rect><text x="${w + 6}" y="${y + 12.5}" class="chart-value">${amountText(v)}</text>`,
      );
      y += BAR_HEIGHT + BAR_GAP;
    });
    y += GROUP_GAP - BAR_GAP;
  }
  return { svg: html`${parts}`, height: y };
}

function legend(spec: ChartSpec, y: number): { svg: Html; height: number } {
  if (spec.series.length < 2) return { svg: html``, height: 0 };
  const items = spec.series.map(
    (name, s) =>
      html`<rect x="${s * 120}" y="${y}" width="12" height="12" fill="${colourOf(spec, s)}"></rect><text x="${s * 120 + 18}" y="${y + 11}" class="chart-value">${name}</text>`,
  );
  return { svg: html`${items}`, height: 24 };
}

function dataTable(spec: ChartSpec): Html {
  return html`<details class="chart-data"><summary>查看图表数据</summary><div class="table-scroll" role="region" aria-label="${spec.title}数据（可左右滚动）" tabindex="0"><table class="fin chart-table"><caption>${spec.title}</caption><thead><tr><th scope="col">项目</th>${spec.series.map((s) => html`<th scope="col">${s}（万元）</th>`)}</tr></thead><tbody>${spec.categories.map((c) => html`<tr><th scope="row">${c.label}</th>${c.values.map((v) => html`<td class="num">${amountText(v)}</td>`)}</tr>`)}</tbody></table></div></details>`;
}

export function renderChart(spec: ChartSpec): Html {
  const max = spec.categories.flatMap((c) => c.values).reduce<Dec>((a, v) => Dec.max(a, v), new Dec(0));
  const body = bars(spec, max);
  const key = legend(spec, body.height);
  const height = body.height + key.height + 4;
  const t = `${spec.id}-title`;
  const d = `${spec.id}-desc`;
  return html`<figure class="chart" id="${spec.id}">
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${t} ${d}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" class="chart-svg"><title id="${t}">${spec.title}</title><desc id="${d}">${spec.description}</desc>${body.svg}${key.svg}</svg>
<figcaption>${spec.title}</figcaption>
${dataTable(spec)}
</figure>`;
}
