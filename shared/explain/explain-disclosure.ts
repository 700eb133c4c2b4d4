import type { Disclosure } from '../disclosure/model.ts';
import type { Supplement } from '../supplement/model.ts';
import { explainBasicExpenditure } from './explain-basic-expenditure.ts';
import { explainGovernmentFund, explainStateCapital } from './explain-fund-tables.ts';
import { explainGeneralBudget } from './explain-general-budget.ts';
import { explainExpenditure, explainIncome } from './explain-income-expenditure.ts';
import { explainAssets, explainOperatingCost, explainProcurement } from './explain-other-matters.ts';
import { explainPerformance } from './explain-performance.ts';
import { explainTerms } from './explain-terms.ts';
import { explainThreePublic } from './explain-three-public.ts';
import { explainFiscalTotals, explainOverall } from './explain-totals.ts';
import type { Block, ExplainContext, ExplainedSection } from './explanation-model.ts';
import { previousFigures } from './previous-year.ts';

export interface Explanation {
  /** 第三部分 情况说明, sections 一 to 十三 in the seed's order. */
  sections: ExplainedSection[];
  /** 第五部分 名词解释. */
  terms: Block[];
}

export interface ExplainInput {
  disclosure: Disclosure;
  supplement: Supplement | null;
  year: number;
  unitName: string;
  previous: { year: number; disclosure: Disclosure } | null;
}

/**
 * Writes the explanations of a disclosure from its figures. Every number in the text is a table figure or is
 * computed from table figures (and 年初预算 / last year's totals the unit supplied); the unit's own words are only
 * reasons and descriptions.
 */
export function explainDisclosure(input: ExplainInput): Explanation {
  const ctx: ExplainContext = {
    disclosure: input.disclosure,
    supplement: input.supplement,
    year: input.year,
    unitName: input.unitName,
    previous: previousFigures(input.year, input.previous, input.supplement),
  };
  const sections = [
    explainOverall,
    explainIncome,
    explainExpenditure,
    explainFiscalTotals,
    explainGeneralBudget,
    explainBasicExpenditure,
    explainGovernmentFund,
    explainStateCapital,
    explainThreePublic,
    explainOperatingCost,
    explainProcurement,
    explainAssets,
    explainPerformance,
  ].map((explain) => explain(ctx));
  return { sections, terms: explainTerms(input.disclosure) };
}
