import type { Dec } from '../money/amount.ts';
import { yearComparison } from './explain-totals.ts';
import { type Block, type ExplainContext, type ExplainedSection, missing, p, sub } from './explanation-model.ts';
import { t9Value } from './figures.ts';
import { amountText, percentText, ratio, reasonClause } from './format.ts';

/**
 * 情况说明 九: 财政拨款“三公”经费 from 公开09表 (预算数 栏1–6, 决算数 栏7–12), with the counts only the unit knows
 * (团组/人次, 购置数/保有量, 批次/人次) from 补充信息.
 */

function count(n: number | null | undefined, unit: string, none: string): string | null {
  if (n === null || n === undefined) return null;
  return n === 0 ? none : `${n}${unit}`;
}

function versusLastYear(ctx: ExplainContext, subject: string, now: Dec, before: Dec | null | undefined): string {
  if (before === null || before === undefined || ctx.previous === null) return '';
  if (now.isZero() && before.isZero()) return `与${ctx.previous.year}年度比较无增减变化情况。`;
  return yearComparison(ctx, subject, now, before, null) ?? '';
}

function overall(ctx: ExplainContext): Block[] {
  const budget = t9Value(ctx.disclosure, 1);
  const actual = t9Value(ctx.disclosure, 7);
  const reasons = ctx.supplement?.reasons;
  const cmp = versusLastYear(ctx, '“三公”经费财政拨款支出', actual, ctx.previous?.threePublic);
  if (budget.isZero() && actual.isZero()) {
    return [p(`本单位无${ctx.year}年度财政拨款“三公”预算和支出。${cmp}`)];
  }
  const r = ratio(actual, budget);
  const rate = r === null ? '' : `，完成预算的${percentText(r)}%`;
  const diffWhy = actual.equals(budget) ? null : reasonClause(reasons?.threePublicBudget);
  const yoyWhy = reasonClause(reasons?.threePublic);
  const parts = [
    `因公出国（境）费支出决算${amountText(t9Value(ctx.disclosure, 8))}万元`,
    `公务用车购置及运行维护费支出决算${amountText(t9Value(ctx.disclosure, 9))}万元`,
    `公务接待费支出决算${amountText(t9Value(ctx.disclosure, 12))}万元`,
  ];
  return [
    p(
      `${ctx.year}年度财政拨款“三公”经费支出预算为${amountText(budget)}万元，支出决算为${amountText(actual)}万元${rate}${diffWhy ? `，决算数与预算数不同的${diffWhy}` : ''}。其中：${parts.join('；')}。${cmp}${cmp && yoyWhy ? `增减变化的${yoyWhy}。` : ''}`,
    ),
  ];
}

function outbound(ctx: ExplainContext): string {
  const d = ctx.disclosure;
  const [budget, actual] = [t9Value(d, 2), t9Value(d, 8)];
  const c = ctx.supplement?.threePublic;
  const cmp = versusLastYear(ctx, '因公出国（境）费', actual, ctx.previous?.outbound);
  const groups = count(c?.outboundGroups, '个', '无');
  const people = count(c?.outboundPeople, '人次', '无');
  if (budget.isZero() && actual.isZero() && (c?.outboundGroups ?? 0) === 0) {
    return `${ctx.year}年度本单位无因公出国（境）预算和支出，无因公出国（境）团组及人次。${cmp}`;
  }
  const who =
    groups === null || people === null
      ? '（单位未提供团组数及人次）'
      : `全年安排因公出国（境）团组${groups}、累计${people}`;
  return `因公出国（境）费支出${amountText(actual)}万元。${who}。${cmp}`;
}

function vehicles(ctx: ExplainContext): string {
  const d = ctx.disclosure;
  const [budget, actual, buy, run] = [t9Value(d, 3), t9Value(d, 9), t9Value(d, 10), t9Value(d, 11)];
  const c = ctx.supplement?.threePublic;
  const cmp = versusLastYear(ctx, '公务用车购置及运行维护费', actual, ctx.previous?.vehicles);
  // With no 运行维护费 paid from 财政拨款 there is no vehicle 开支财政拨款, whatever the unit left blank.
  const heldCount = c?.vehiclesHeld ?? (run.isZero() && actual.isZero() ? 0 : null);
  const held =
    heldCount === null
      ? '（单位未提供公务用车保有量）'
      : heldCount === 0
        ? `截至${ctx.year}年12月31日，无开支财政拨款的公务用车`
        : `截至${ctx.year}年12月31日，开支财政拨款的公务用车保有量为${heldCount}辆`;
  if (budget.isZero() && actual.isZero() && (c?.vehiclesPurchased ?? 0) === 0) {
    return `${ctx.year}年度本单位无公务用车购置及运行维护费预算和支出，无购置（更新）公务用车，${held}。${cmp}`;
  }
  const bought =
    c?.vehiclesPurchased === null || c?.vehiclesPurchased === undefined
      ? '（单位未提供购置数量）'
      : `，购置（更新）公务用车${c.vehiclesPurchased}辆`;
  return `公务用车购置及运行维护费支出${amountText(actual)}万元。其中：公务用车购置费${amountText(buy)}万元${bought}；公务用车运行维护费${amountText(run)}万元。${held}。${cmp}`;
}

function reception(ctx: ExplainContext): string {
  const d = ctx.disclosure;
  const [budget, actual] = [t9Value(d, 6), t9Value(d, 12)];
  const c = ctx.supplement?.threePublic;
  const cmp = versusLastYear(ctx, '公务接待费', actual, ctx.previous?.reception);
  if (budget.isZero() && actual.isZero() && (c?.receptionBatches ?? 0) === 0) {
    return `${ctx.year}年度本单位无公务接待费预算和支出，无国内公务接待批次及人次。${cmp}`;
  }
  const batches = count(c?.receptionBatches, '批次', '无');
  const people = count(c?.receptionPeople, '人次', '无');
  const who =
    batches === null || people === null ? '（单位未提供接待批次及人次）' : `国内公务接待${batches}、${people}`;
  return `公务接待费支出${amountText(actual)}万元，${who}。${cmp}`;
}

export function explainThreePublic(ctx: ExplainContext): ExplainedSection {
  const blocks: Block[] = [
    sub('（一）“三公”经费财政拨款支出决算总体情况说明', overall(ctx)),
    sub('（二）“三公”经费财政拨款支出决算具体情况说明', [
      { kind: 'list', items: [outbound(ctx), vehicles(ctx), reception(ctx)] },
    ]),
  ];
  if (ctx.supplement === null) blocks.push(missing('本单位未提供“三公”经费相关的团组、车辆及接待数量。'));
  return { id: 's9', number: '九', title: '财政拨款“三公”经费支出决算情况说明', blocks };
}
