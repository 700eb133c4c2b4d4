import { kindOf, kindWords } from '../disclosure/kind.ts';
import type { Dec } from '../money/amount.ts';
import type { SelfEvaluation } from '../supplement/model.ts';
import { type Block, type ExplainContext, type ExplainedSection, missing, p, sub } from './explanation-model.ts';
import { totalValue } from './figures.ts';
import { amountText, decOrNull, percentText, ratio, sumDec } from './format.ts';
import { checkSelfEvaluation } from './self-evaluation-score.ts';

/**
 * 情况说明 十三 预算绩效: counts and money of the self-evaluations are computed from the 绩效自评 tables (and their
 * share of 项目支出 from 公开05表); the unit supplies the narrative.
 */

/** Unit text split into paragraphs (one per line the unit wrote). */
export function paragraphs(text: string | null | undefined): Block[] {
  if (!text) return [];
  return text
    .split(/\n+/)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => p(t));
}

/** The text quotes this amount (`133.96万元`, or `133.9600万元`). */
function statesAmount(text: string, amount: Dec): boolean {
  return [...text.matchAll(/(\d+(?:\.\d+)?)\s*万元/g)].some((m) => m[1] !== undefined && amount.equals(m[1]));
}

function workDone(ctx: ExplainContext, evaluations: readonly SelfEvaluation[]): Block[] {
  const blocks: Block[] = [];
  if (evaluations.length > 0) {
    const money = sumDec(
      evaluations.map((e) => decOrNull(e.actual) ?? decOrNull(e.budget)).filter((v): v is Dec => v !== null),
    );
    const project = totalValue(ctx.disclosure, 'T5', 3);
    const share = ratio(money, project);
    // The unit's own text (the seed's (一)) may already state the same count and money: not said twice.
    const overview = ctx.supplement?.performance.overview ?? '';
    const stated = overview.includes(`${evaluations.length}个`) && statesAmount(overview, money);
    if (!stated)
      blocks.push(
        p(
          `本单位组织对${ctx.year}年度一般公共预算项目支出开展绩效自评，共涉及项目${evaluations.length}个，资金${amountText(money)}万元${share ? `，占一般公共预算项目支出总额的${percentText(share)}%` : ''}。`,
        ),
      );
  }
  blocks.push(...paragraphs(ctx.supplement?.performance.overview));
  return blocks.length > 0 ? blocks : [missing('本单位未提供预算绩效管理工作开展情况。')];
}

function overall(ctx: ExplainContext): Block[] {
  const perf = ctx.supplement?.performance;
  const blocks: Block[] = [];
  const text = perf?.overallText ?? '';
  // The unit's own (二) (the seed's) may already state the score and grade: not said twice.
  const stated =
    (!perf?.overallScore || text.includes(`${perf.overallScore}分`)) &&
    (!perf?.overallGrade || text.includes(`“${perf.overallGrade}”`));
  if ((perf?.overallScore || perf?.overallGrade) && !stated) {
    const score = perf.overallScore ? `单位整体支出绩效自评得分${perf.overallScore}分` : '';
    const grade = perf.overallGrade ? `评价等级为“${perf.overallGrade}”` : '';
    blocks.push(p(`${[score, grade].filter((x) => x !== '').join('，')}。`));
  }
  blocks.push(...paragraphs(perf?.overallText));
  return blocks.length > 0 ? blocks : [missing('本单位未提供单位整体支出自评结果。')];
}

function evaluationSentence(e: SelfEvaluation): string {
  const check = checkSelfEvaluation(e);
  const budget = decOrNull(e.budget);
  const actual = decOrNull(e.actual);
  const money =
    budget !== null && actual !== null
      ? `项目全年预算数为${amountText(budget)}万元，执行数为${amountText(actual)}万元${check.rate ? `，完成预算的${percentText(check.rate)}%` : ''}。`
      : '';
  const printed = decOrNull(e.totalScore);
  let score = '';
  if (printed !== null) {
    const differs = check.total !== null && !check.total.minus(printed).abs().lessThanOrEqualTo('0.01');
    score = `自评得分${e.totalScore}分${differs ? `（按表中各项得分复核为${check.total?.toFixed(2)}分）` : ''}。`;
  }
  const summary = e.summary ? e.summary.trim().replace(/([^。])$/, '$1。') : '';
  return `${e.projectName}项目绩效自评综述：${money}${score}${summary}`;
}

function projects(ctx: ExplainContext, evaluations: readonly SelfEvaluation[]): Block[] {
  if (evaluations.length === 0) {
    const project = totalValue(ctx.disclosure, 'T5', 3);
    return [
      project.isZero()
        ? p(`本单位${ctx.year}年度无一般公共预算项目支出。`)
        : missing('本单位未提供项目支出绩效自评表。'),
    ];
  }
  // 部门决算 has no fixed 第六部分: its 附件 follow 名词解释 when supplied.
  const w = kindWords(kindOf(ctx.disclosure));
  const blocks: Block[] = [
    p(
      `${w.self}在${ctx.year}年度${w.label}中反映项目绩效自评结果，共涉及${evaluations.length}个项目，自评表见${w.kind === 'unit' ? '第六部分' : ''}附件。`,
    ),
    { kind: 'list', items: evaluations.map(evaluationSentence) },
  ];
  const next = ctx.supplement?.performance.improvements;
  if (next) blocks.push(p(`下一步改进措施：${next.trim().replace(/^下一步改进措施[:：]?/, '')}`));
  return blocks;
}

export function explainPerformance(ctx: ExplainContext): ExplainedSection {
  const evaluations = ctx.supplement?.performance.evaluations ?? [];
  const application = paragraphs(ctx.supplement?.performance.application);
  return {
    id: 's13',
    number: '十三',
    title: '预算绩效情况说明',
    blocks: [
      sub('（一）预算绩效管理工作开展情况', workDone(ctx, evaluations)),
      sub('（二）单位整体支出自评结果', overall(ctx)),
      sub('（三）项目支出自评结果', projects(ctx, evaluations)),
      sub(
        '（四）绩效自评结果应用情况',
        application.length > 0 ? application : [missing('本单位未提供绩效自评结果应用情况。')],
      ),
    ],
  };
}
