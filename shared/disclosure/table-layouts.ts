import type { TableId } from './model.ts';

/**
 * What identifies each of the nine tables and what its fixed rows and columns are called. Tables are found by
 * title, never by sheet name or position: provinces order them differently (Shanghai puts 三公 7th) and vary titles
 * slightly (…基本支出决算表 / …基本支出决算明细表).
 */

/** Title tests, most specific first (T4's title contains T1's, T5's contains T3's). */
export const TITLE_PATTERNS: readonly { id: TableId; test: RegExp }[] = [
  { id: 'T9', test: /三公.*经费/ },
  { id: 'T7', test: /政府性基金预算财政拨款(收入)?支出决算表/ },
  { id: 'T8', test: /国有资本经营预算财政拨款(收入)?支出决算表/ },
  { id: 'T6', test: /一般公共预算财政拨款基本支出决算(明细)?表/ },
  { id: 'T5', test: /一般公共预算财政拨款支出决算表/ },
  { id: 'T4', test: /财政拨款收入支出决算总表/ },
  { id: 'T1', test: /收入支出决算总表/ },
  { id: 'T2', test: /收入决算表/ },
  { id: 'T3', test: /支出决算表/ },
];

/** Normalizes a title for matching: no spaces, quotes or year prefix. */
export function normalizeTitle(text: string): string {
  return text.replace(/[\s\u3000“”"'‘’「」]/g, '');
}

export function identifyTitle(text: string): TableId | null {
  const t = normalizeTitle(text);
  if (!t.includes('决算') || !t.includes('表') || t.length > 80) return null;
  return TITLE_PATTERNS.find((p) => p.test.test(t))?.id ?? null;
}

/** Column labels by 栏次, as the official tables print them. */
export const COLUMN_LABELS: Record<TableId, readonly string[]> = {
  T1: ['收入金额', '支出金额'],
  T2: ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'],
  T3: ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'],
  T4: ['收入决算数', '支出合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'],
  T5: ['小计', '基本支出', '项目支出'],
  T6: ['决算数'],
  T7: ['年初结转和结余', '本年收入', '本年支出小计', '基本支出', '项目支出', '年末结转和结余'],
  T8: ['合计', '基本支出', '项目支出'],
  T9: [
    '预算数合计',
    '预算数因公出国（境）费',
    '预算数公务用车购置及运行维护费小计',
    '预算数公务用车购置费',
    '预算数公务用车运行维护费',
    '预算数公务接待费',
    '决算数合计',
    '决算数因公出国（境）费',
    '决算数公务用车购置及运行维护费小计',
    '决算数公务用车购置费',
    '决算数公务用车运行维护费',
    '决算数公务接待费',
  ],
};

/** The 6-column variant of T8 (…收入支出决算表) uses T7's columns. */
export const T8_WIDE_LABELS = COLUMN_LABELS.T7;

/**
 * The canonical 行次 of T1 (RULES.md §1, the 26-row layout): named once, used by the reader, the rules, the
 * explanations and the pages. A 24-row layout is read onto the same lines (its 类 rows keep their 类's line).
 */
export const T1_LINES = {
  /** 收入 lines 1–8: 一般公共预算财政拨款收入 … 其他收入. */
  firstIncome: 1,
  /** 1 一般公共预算财政拨款收入. */
  generalBudgetIncome: 1,
  /** 2 政府性基金预算财政拨款收入. */
  governmentFundIncome: 2,
  /** 3 国有资本经营预算财政拨款收入. */
  stateCapitalIncome: 3,
  /** 4 上级补助收入: lines 4–8 are 收入决算表 栏3–7 in the same order. */
  superiorSubsidyIncome: 4,
  /** 5 事业收入. */
  businessIncome: 5,
  /** 6 经营收入. */
  operatingIncome: 6,
  /** 7 附属单位上缴收入. */
  affiliatedUnitIncome: 7,
  /** 8 其他收入, the last 收入 line. */
  otherIncome: 8,
  /** 27 本年收入合计. */
  incomeTotal: 27,
  /** 28 使用非财政拨款结余. */
  nonFiscalBalanceUsed: 28,
  /** 29 年初结转和结余. */
  opening: 29,
  /** 30: the official table prints this 行次 with no label (a blank row before 总计). */
  incomeBlank: 30,
  /** 31 收入总计. */
  grandTotalIncome: 31,
  /** 支出 lines 32–57: the 26 功能分类 类. */
  firstLei: 32,
  /** 58 本年支出合计. */
  expenseTotal: 58,
  /** 59 结余分配. */
  distribution: 59,
  /** 60 年末结转和结余. */
  closing: 60,
  /** 61: the official table prints this 行次 with no label (a blank row before 总计). */
  expenseBlank: 61,
  /** 62 支出总计. */
  grandTotalExpense: 62,
} as const;

/** The canonical 行次 of T4 (RULES.md §1). */
export const T4_LINES = {
  /** 收入 lines 1–3: the three funds, in `T4_FUNDS` order. */
  firstIncome: 1,
  /** 1 一般公共预算财政拨款 (收入). */
  generalBudgetIncome: 1,
  /** 2 政府性基金预算财政拨款 (收入). */
  governmentFundIncome: 2,
  /** 3 国有资本经营预算财政拨款 (收入). */
  stateCapitalIncome: 3,
  /** 27 本年收入合计. */
  incomeTotal: 27,
  /** 28 年初财政拨款结转和结余. */
  opening: 28,
  /** 年初财政拨款结转和结余 by fund: lines 29–31; 29 一般公共预算财政拨款. */
  openingFirstFund: 29,
  /** 30 年初结转和结余 of 政府性基金预算财政拨款. */
  openingGovernmentFund: 30,
  /** 31 年初结转和结余 of 国有资本经营预算财政拨款. */
  openingStateCapital: 31,
  /** 32 收入总计. */
  grandTotalIncome: 32,
  /** 支出 lines 33–58: the 26 功能分类 类. */
  firstLei: 33,
  /** 59 本年支出合计. */
  expenseTotal: 59,
  /** 60 年末财政拨款结转和结余. */
  closing: 60,
  /**
   * 年末财政拨款结转和结余 by fund: lines 61–63; 61 一般公共预算财政拨款. The seed prints the three rows without a
   * label; a workbook that labels them names the fund, as on the 收入 side (29–31).
   */
  closingFirstFund: 61,
  /** 62 年末结转和结余 of 政府性基金预算财政拨款. */
  closingGovernmentFund: 62,
  /** 63 年末结转和结余 of 国有资本经营预算财政拨款. */
  closingStateCapital: 63,
  /** 64 支出总计. */
  grandTotalExpense: 64,
} as const;

/**
 * The row key of a canonical T1/T4 line, as the reader stores it and the rules look it up: the only place a key is
 * spelled from a number.
 * @example ctx.fig('T1', lineKey(T1_LINES.expenseTotal), 2) // the row keyed `L58`
 */
export function lineKey(line: number): string {
  return `L${line}`;
}

/** T1 fixed rows (canonical 行次 of the 26-row layout) by normalized label. */
export const T1_INCOME_LINES: ReadonlyMap<string, number> = new Map([
  ['一般公共预算财政拨款收入', T1_LINES.generalBudgetIncome],
  ['政府性基金预算财政拨款收入', T1_LINES.governmentFundIncome],
  ['国有资本经营预算财政拨款收入', T1_LINES.stateCapitalIncome],
  ['上级补助收入', T1_LINES.superiorSubsidyIncome],
  ['事业收入', T1_LINES.businessIncome],
  ['经营收入', T1_LINES.operatingIncome],
  ['附属单位上缴收入', T1_LINES.affiliatedUnitIncome],
  ['其他收入', T1_LINES.otherIncome],
  ['本年收入合计', T1_LINES.incomeTotal],
  ['使用非财政拨款结余', T1_LINES.nonFiscalBalanceUsed],
  ['年初结转和结余', T1_LINES.opening],
  ['总计', T1_LINES.grandTotalIncome],
]);

export const T1_EXPENSE_FIXED: ReadonlyMap<string, number> = new Map([
  ['本年支出合计', T1_LINES.expenseTotal],
  ['结余分配', T1_LINES.distribution],
  ['年末结转和结余', T1_LINES.closing],
  ['总计', T1_LINES.grandTotalExpense],
]);

/** First canonical line of the 类 block: T1 32…57, T4 33…58. */
export const LEI_FIRST_LINE: Partial<Record<TableId, number>> = { T1: T1_LINES.firstLei, T4: T4_LINES.firstLei };

export const T4_FUNDS = ['一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'] as const;

export const T4_INCOME_FIXED: ReadonlyMap<string, number> = new Map([
  ['本年收入合计', T4_LINES.incomeTotal],
  ['年初财政拨款结转和结余', T4_LINES.opening],
  ['总计', T4_LINES.grandTotalIncome],
]);

export const T4_EXPENSE_FIXED: ReadonlyMap<string, number> = new Map([
  ['本年支出合计', T4_LINES.expenseTotal],
  ['年末财政拨款结转和结余', T4_LINES.closing],
  ['总计', T4_LINES.grandTotalExpense],
]);

/** Labels compared without ordinals, spaces, brackets content such as （含专用结余）, or a trailing 收入. */
export function normalizeLabel(label: string): string {
  return label
    .replace(/[\s\u3000]/g, '')
    .replace(/^[（(]?[一二三四五六七八九十]+[、.．)）]/, '')
    .replace(/^\d+[、.．]/, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[:：]$/, '');
}
