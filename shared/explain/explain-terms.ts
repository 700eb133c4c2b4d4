import type { Disclosure } from '../disclosure/model.ts';
import { T1_LINES as L1 } from '../disclosure/table-layouts.ts';
import type { Block } from './explanation-model.ts';
import { sub } from './explanation-model.ts';
import { functionalNameIn, lineValue, rowsOf, t6Value, totalValue } from './figures.ts';
import { describeItem, STANDARD_TERMS, type StandardTerm } from './term-descriptions.ts';

/**
 * 第五部分 名词解释, generated from what the tables contain: income and balance terms only for lines with figures,
 * and exactly the 功能分类 项 that appear in the unit's tables (the seed listed two it never used: RULES.md §4.8).
 */

const INCOME_LINES: readonly [number, StandardTerm][] = [
  [L1.governmentFundIncome, '政府性基金预算财政拨款收入'],
  [L1.stateCapitalIncome, '国有资本经营预算财政拨款收入'],
  [L1.superiorSubsidyIncome, '上级补助收入'],
  [L1.businessIncome, '事业收入'],
  [L1.operatingIncome, '经营收入'],
  [L1.affiliatedUnitIncome, '附属单位上缴收入'],
  [L1.otherIncome, '其他收入'],
  [L1.nonFiscalBalanceUsed, '使用非财政拨款结余'],
  [L1.opening, '年初结转和结余'],
];

function define(term: StandardTerm): { term: string; text: string } {
  return { term, text: STANDARD_TERMS[term] };
}

/** Every 项 code printed in a classified table (T2, T3, T5, T7, T8), in code order, with its printed name. */
export function usedItemCodes(d: Disclosure): { code: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const id of ['T2', 'T3', 'T5', 'T7', 'T8'] as const) {
    for (const r of rowsOf(d, id)) if (r.kind === 'xiang' && r.code && !seen.has(r.code)) seen.set(r.code, r.name);
  }
  return [...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => ({ code, name }));
}

export function explainTerms(d: Disclosure): Block[] {
  const income = [define('一般公共预算财政拨款收入')];
  for (const [line, term] of INCOME_LINES) if (!lineValue(d, 'T1', line, 1).isZero()) income.push(define(term));
  if (!lineValue(d, 'T1', L1.distribution, 2).isZero()) income.push(define('结余分配'));
  if (!lineValue(d, 'T1', L1.closing, 2).isZero()) income.push(define('年末结转和结余'));

  const items = usedItemCodes(d).map(({ code, name }) => {
    const lei = functionalNameIn(d, code.slice(0, 3));
    const kuan = functionalNameIn(d, code.slice(0, 5));
    return { term: `${lei}（类）${kuan}（款）${name}（项）`, text: describeItem(code, name, kuan) };
  });

  const spending = [define('基本支出'), define('项目支出')];
  const t3: [number, StandardTerm][] = [
    [4, '上缴上级支出'],
    [5, '经营支出'],
    [6, '对附属单位补助支出'],
  ];
  for (const [col, term] of t3) if (!totalValue(d, 'T3', col).isZero()) spending.push(define(term));
  if (!t6Value(d, 'personnel-total').isZero() || !t6Value(d, 'public-total').isZero()) {
    spending.push(define('人员经费'), define('公用经费'));
  }
  spending.push(define('“三公”经费'), define('机关运行经费'));

  const blocks: Block[] = [
    sub('（一）收入及结转结余', [{ kind: 'definitions', items: income }]),
    sub('（二）本单位使用的支出功能分类科目（到项级）', [
      items.length > 0
        ? { kind: 'definitions', items }
        : { kind: 'paragraph', text: '本单位本年度没有按功能分类列示的支出。' },
    ]),
    sub('（三）支出及其他', [{ kind: 'definitions', items: spending }]),
  ];
  return blocks;
}
