import { Dec, ZERO } from '../money/amount.ts';
import type { SelfEvaluation } from '../supplement/model.ts';
import { decOrNull, sumDec } from './format.ts';

/**
 * The arithmetic of a 项目支出绩效自评表: 执行率 = 执行数 ÷ 预算数; 执行率得分 = 20 × 执行率 (at most 20);
 * 总分 = 执行率得分 + Σ indicator scores; the 20 points of budget execution and the indicator weights add up to 100;
 * no indicator scores more than its weight. Printed figures are accepted within their own rounding (0.01).
 */

export const EXECUTION_WEIGHT = new Dec(20);
const FULL_MARKS = new Dec(100);
const SCORE_TOLERANCE = new Dec('0.01');

export interface ScoreCheck {
  /** 执行数 ÷ 预算数 (fraction), null without both figures. */
  rate: Dec | null;
  /** 20 × min(执行率, 1), to 2 decimals. */
  rateScore: Dec | null;
  /** Σ indicator weights (should be 80). */
  indicatorWeights: Dec;
  indicatorScores: Dec;
  /** 执行率得分 + Σ indicator scores, null without a 执行率得分. */
  total: Dec | null;
  /** What does not add up, in Chinese; empty when the table is consistent. */
  problems: string[];
}

function close(a: Dec, b: Dec): boolean {
  return a.minus(b).abs().lessThanOrEqualTo(SCORE_TOLERANCE);
}

/** A printed percent agrees with the exact one when it equals it rounded to the printed decimals. */
function percentAgrees(printed: string, exactPercent: Dec): boolean {
  const places = printed.includes('.') ? (printed.split('.')[1]?.length ?? 0) : 0;
  return exactPercent.toDecimalPlaces(places, Dec.ROUND_HALF_UP).equals(new Dec(printed));
}

export function checkSelfEvaluation(e: SelfEvaluation): ScoreCheck {
  const problems: string[] = [];
  const budget = decOrNull(e.budget);
  const actual = decOrNull(e.actual);
  const rate = budget !== null && actual !== null && !budget.isZero() ? actual.dividedBy(budget) : null;
  const rateScore = rate === null ? null : EXECUTION_WEIGHT.times(Dec.min(rate, 1)).toDecimalPlaces(2);
  if (rate === null) problems.push('缺少预算数或执行数（或预算数为0），无法复核执行率及其得分');
  if (rate !== null && e.rate !== null && !percentAgrees(e.rate, rate.times(100))) {
    problems.push(`执行率填写为${e.rate}%，按执行数÷预算数应为${rate.times(100).toDecimalPlaces(2).toFixed(2)}%`);
  }
  const printedRateScore = decOrNull(e.rateScore);
  if (rateScore !== null && printedRateScore !== null && !close(printedRateScore, rateScore)) {
    problems.push(`执行率得分填写为${e.rateScore}分，按20分×执行率应为${rateScore.toFixed(2)}分`);
  }
  const weights = e.indicators.map((i) => decOrNull(i.weight));
  const scores = e.indicators.map((i) => decOrNull(i.score) ?? ZERO);
  const indicatorWeights = sumDec(weights.map((w) => w ?? ZERO));
  if (weights.some((w) => w === null)) problems.push('部分绩效指标没有填写分值');
  else if (!EXECUTION_WEIGHT.plus(indicatorWeights).equals(FULL_MARKS)) {
    problems.push(
      `执行率20分与各指标分值合计${indicatorWeights.toFixed()}分之和为${EXECUTION_WEIGHT.plus(indicatorWeights).toFixed()}分，应为100分`,
    );
  }
  e.indicators.forEach((ind, i) => {
    const w = weights[i];
    const s = scores[i];
    if (w && s?.greaterThan(w)) problems.push(`指标“${ind.name}”得分${s.toFixed()}分超过其分值${w.toFixed()}分`);
  });
  const indicatorScores = sumDec(scores);
  const base = rateScore ?? printedRateScore;
  const total = base === null ? null : base.plus(indicatorScores);
  const printedTotal = decOrNull(e.totalScore);
  if (total !== null && printedTotal !== null && !close(printedTotal, total)) {
    problems.push(`总分填写为${e.totalScore}分，按执行率得分加各指标得分应为${total.toFixed(2)}分`);
  }
  return { rate, rateScore, indicatorWeights, indicatorScores, total, problems };
}
