import type { TableId } from '../disclosure/model.ts';
import { COLUMN_LABELS } from '../disclosure/table-layouts.ts';
import type { Dec } from '../money/amount.ts';
import type { Block, ChartSpec, ExplainContext, ExplainedSection } from './explanation-model.ts';
import { p } from './explanation-model.ts';
import { totalValue } from './figures.ts';
import { amountText, percentText, ratio } from './format.ts';

/** 情况说明 二 (收入决算, from 收入决算表) and 三 (支出决算, from 支出决算表): the 合计 row and its parts. */

interface Part {
  label: string;
  value: Dec;
}

function columnLabel(ctx: ExplainContext, id: TableId, col: number): string {
  const printed = ctx.disclosure.tables[id]?.columns.find((c) => c.number === col)?.label;
  return (printed ?? COLUMN_LABELS[id][col - 1] ?? `栏${col}`).replace(/\s/g, '');
}

function parts(ctx: ExplainContext, id: TableId, cols: readonly number[]): Part[] {
  return cols
    .map((col) => ({ label: columnLabel(ctx, id, col), value: totalValue(ctx.disclosure, id, col) }))
    .filter((x) => !x.value.isZero());
}

/** `基本支出501.59万元，占本年支出78.9%；项目支出133.96万元，占本年支出21.1%`. */
function partsSentence(items: readonly Part[], total: Dec, of: string): string {
  return items
    .map((x) => {
      const r = ratio(x.value, total);
      return `${x.label}${amountText(x.value)}万元${r === null ? '' : `，占${of}${percentText(r)}%`}`;
    })
    .join('；');
}

function compositionChart(id: string, title: string, items: readonly Part[], total: Dec): ChartSpec {
  const largest = [...items].sort((a, b) => b.value.comparedTo(a.value))[0];
  const share = largest ? ratio(largest.value, total) : null;
  return {
    id,
    title,
    description: largest
      ? `合计${amountText(total)}万元，其中${largest.label}最多，为${amountText(largest.value)}万元${share ? `，占${percentText(share)}%` : ''}。`
      : '本年无数据。',
    series: ['决算数'],
    categories: items.map((x) => ({ label: x.label, values: [x.value] })),
  };
}

export function explainIncome(ctx: ExplainContext): ExplainedSection {
  const total = totalValue(ctx.disclosure, 'T2', 1);
  const items = parts(ctx, 'T2', [2, 3, 4, 5, 6, 7]);
  const blocks: Block[] = [];
  if (total.isZero()) blocks.push(p(`本单位${ctx.year}年度无收入。`));
  else {
    blocks.push(
      p(`${ctx.year}年度收入合计${amountText(total)}万元。其中：${partsSentence(items, total, '本年收入')}。`),
    );
    blocks.push({
      kind: 'chart',
      chart: compositionChart('chart-income', `${ctx.year}年度收入构成（万元）`, items, total),
    });
  }
  return { id: 's2', number: '二', title: '收入决算情况说明', blocks };
}

export function explainExpenditure(ctx: ExplainContext): ExplainedSection {
  const total = totalValue(ctx.disclosure, 'T3', 1);
  const items = parts(ctx, 'T3', [2, 3, 4, 5, 6]);
  const blocks: Block[] = [];
  if (total.isZero()) blocks.push(p(`本单位${ctx.year}年度无支出。`));
  else {
    blocks.push(
      p(`${ctx.year}年度支出合计${amountText(total)}万元。其中：${partsSentence(items, total, '本年支出')}。`),
    );
    blocks.push({
      kind: 'chart',
      chart: compositionChart('chart-basic-project', `${ctx.year}年度基本支出与项目支出（万元）`, items, total),
    });
  }
  return { id: 's3', number: '三', title: '支出决算情况说明', blocks };
}
