import type { Disclosure, TableRow } from '../disclosure/model.ts';
import type { ExplainContext, ExplainedSection } from './explanation-model.ts';
import { p } from './explanation-model.ts';
import { cell, rowsOf, t6Value, totalValue } from './figures.ts';
import { amountText } from './format.ts';

/**
 * 情况说明 六: 基本支出 split into 人员经费 and 公用经费, each with the items it mainly consists of — exactly the
 * non-zero 款 of 基本支出决算明细表 (the seed listed blank items and left out 物业管理费: RULES.md §4.7).
 */

/** Non-zero T6 items of one side: its 款 rows, or the 类 row itself when the workbook has no 款 under it. */
export function nonZeroBasicItems(d: Disclosure, side: 'personnel' | 'public'): TableRow[] {
  const rows = rowsOf(d, 'T6').filter((r) => r.side === side);
  const out: TableRow[] = [];
  for (const lei of rows.filter((r) => r.kind === 'econ-lei')) {
    const kuan = rows.filter((r) => r.kind === 'econ-kuan' && r.code?.startsWith(lei.code ?? '-'));
    if (kuan.length === 0 && !cell(lei, 1).isZero()) out.push(lei);
    out.push(...kuan.filter((r) => !cell(r, 1).isZero()));
  }
  return out;
}

export function explainBasicExpenditure(ctx: ExplainContext): ExplainedSection {
  const d = ctx.disclosure;
  const basic = totalValue(d, 'T5', 2);
  const personnel = t6Value(d, 'personnel-total');
  const pub = t6Value(d, 'public-total');
  const list = (side: 'personnel' | 'public') => {
    const names = nonZeroBasicItems(d, side).map((r) => r.name);
    return names.length > 0 ? `，主要包括：${names.join('、')}` : '';
  };
  const text = basic.isZero()
    ? `本单位${ctx.year}年度无一般公共预算财政拨款基本支出。`
    : `${ctx.year}年度一般公共预算财政拨款基本支出${amountText(basic)}万元，其中：人员经费${amountText(personnel)}万元${list('personnel')}；公用经费${amountText(pub)}万元${list('public')}。`;
  return { id: 's6', number: '六', title: '一般公共预算财政拨款基本支出决算情况说明', blocks: [p(text)] };
}
