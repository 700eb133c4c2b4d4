import type { Block, ExplainContext, ExplainedSection } from './explanation-model.ts';
import { p } from './explanation-model.ts';
import { cell, rowsOfKind, tableIsEmpty, totalValue, xiangPath } from './figures.ts';
import { amountText } from './format.ts';

/**
 * 情况说明 七 (政府性基金, 公开07表) and 八 (国有资本经营, 公开08表). An empty table gets the “本单位无…” sentence;
 * otherwise the totals and every 项 with spending.
 */

function itemList(ctx: ExplainContext, id: 'T7' | 'T8', spendCol: number): Block[] {
  const items = rowsOfKind(ctx.disclosure, id, 'xiang')
    .filter((r) => r.code !== null && !cell(r, spendCol).isZero())
    .map((r) => `${xiangPath(ctx.disclosure, r.code ?? '', r.name)}支出${amountText(cell(r, spendCol))}万元。`);
  return items.length > 0 ? [{ kind: 'list', items }] : [];
}

export function explainGovernmentFund(ctx: ExplainContext): ExplainedSection {
  const d = ctx.disclosure;
  const title = '政府性基金预算财政拨款收入支出决算情况说明';
  if (tableIsEmpty(d, 'T7')) {
    return { id: 's7', number: '七', title, blocks: [p(`本单位无${ctx.year}年度政府性基金预算财政拨款收入支出。`)] };
  }
  const v = (col: number) => amountText(totalValue(d, 'T7', col));
  const text = `${ctx.year}年度政府性基金预算财政拨款年初结转和结余${v(1)}万元，本年收入${v(2)}万元，本年支出${v(3)}万元（其中：基本支出${v(4)}万元，项目支出${v(5)}万元），年末结转和结余${v(6)}万元。`;
  return { id: 's7', number: '七', title, blocks: [p(text), ...itemList(ctx, 'T7', 3)] };
}

export function explainStateCapital(ctx: ExplainContext): ExplainedSection {
  const d = ctx.disclosure;
  const title = '国有资本经营预算财政拨款支出决算情况说明';
  if (tableIsEmpty(d, 'T8')) {
    return { id: 's8', number: '八', title, blocks: [p(`本单位无${ctx.year}年度国有资本经营预算财政拨款支出。`)] };
  }
  // Some provinces print T8 with T7's six columns (…收入支出决算表): spending is then 栏3.
  const wide = (d.tables.T8?.columns.length ?? 3) >= 6;
  const [spend, basic, project] = wide ? [3, 4, 5] : [1, 2, 3];
  const v = (col: number) => amountText(totalValue(d, 'T8', col));
  const text = `${ctx.year}年度国有资本经营预算财政拨款支出${v(spend)}万元，其中：基本支出${v(basic)}万元，项目支出${v(project)}万元。`;
  return { id: 's8', number: '八', title, blocks: [p(text), ...itemList(ctx, 'T8', spend)] };
}
