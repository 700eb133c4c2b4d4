import type { Disclosure } from '../disclosure/model.ts';
import { T1_LINES as L1, T4_LINES as L4 } from '../disclosure/table-layouts.ts';
import type { Dec } from '../money/amount.ts';
import type { PreviousYearFigures, Supplement } from '../supplement/model.ts';
import { lineValue, t9Value, totalValue } from './figures.ts';
import { decOrNull } from './format.ts';

/**
 * Last year's figures for year-on-year text. The unit's previous publication on this site is the source of record;
 * what the unit typed in 补充信息 only fills what that publication cannot give (or everything, when last year was
 * published elsewhere).
 */
export type PreviousFigures = { year: number; source: 'published' | 'supplement' } & {
  [K in keyof PreviousYearFigures]: Dec | null;
};

function fromDisclosure(d: Disclosure): Omit<PreviousFigures, 'year' | 'source' | 'operatingCost'> {
  return {
    totalIncome: lineValue(d, 'T1', L1.grandTotalIncome, 1),
    totalExpenditure: lineValue(d, 'T1', L1.grandTotalExpense, 2),
    fiscalTotal: lineValue(d, 'T4', L4.grandTotalIncome, 1),
    generalBudgetIncome: lineValue(d, 'T4', L4.generalBudgetIncome, 1),
    generalBudgetExpenditure: totalValue(d, 'T5', 1),
    threePublic: t9Value(d, 7),
    outbound: t9Value(d, 8),
    vehicles: t9Value(d, 9),
    reception: t9Value(d, 12),
  };
}

export function previousFigures(
  year: number,
  previous: { year: number; disclosure: Disclosure } | null,
  supplement: Supplement | null,
): PreviousFigures | null {
  const typed = supplement?.previousYear;
  const t = (k: keyof PreviousYearFigures) => decOrNull(typed?.[k]);
  const fromTyped = {
    totalIncome: t('totalIncome'),
    totalExpenditure: t('totalExpenditure'),
    fiscalTotal: t('fiscalTotal'),
    generalBudgetIncome: t('generalBudgetIncome'),
    generalBudgetExpenditure: t('generalBudgetExpenditure'),
    threePublic: t('threePublic'),
    outbound: t('outbound'),
    vehicles: t('vehicles'),
    reception: t('reception'),
    operatingCost: t('operatingCost'),
  };
  if (previous && previous.year === year - 1) {
    return {
      year: previous.year,
      source: 'published',
      ...fromDisclosure(previous.disclosure),
      operatingCost: fromTyped.operatingCost,
    };
  }
  if (Object.values(fromTyped).every((v) => v === null)) return null;
  return { year: year - 1, source: 'supplement', ...fromTyped };
}
