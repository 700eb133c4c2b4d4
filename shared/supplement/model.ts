import type { CellRef } from '../disclosure/model.ts';

/**
 * What a unit supplies beside the nine tables (sheets 单位概况, 补充信息, 重点工作, 绩效自评 of the template): the
 * text and figures the tables cannot hold. Everything the page states as a figure is computed from the tables; the
 * unit supplies only what no table has (年初预算, last year's totals when last year was not published here, counts,
 * reasons and free text).
 *
 * The supplement is plain JSON data: stores persist it with `JSON.stringify`, so amounts are exact decimal strings
 * in 万元 (`"511.79"`) — never binary floats, never `Decimal` objects. Explanations turn them into `Dec` to compute.
 */

/** An exact amount in 万元 as a decimal string (`"511.79"`, `"0"`). */
export type AmountText = string;

export interface Supplement {
  profile: UnitProfile;
  /** 上年度决算数: used for year-on-year figures when last year's disclosure is not published on this site. */
  previousYear: PreviousYearFigures;
  /** 年初预算 (and 全年预算) by 功能分类 项, for 完成年初预算 / 完成全年预算 rates (情况说明 五(三)). */
  budgets: BudgetLine[];
  /** 主要原因是… of each comparison the explanations make. */
  reasons: Partial<Record<ReasonKey, string>>;
  /** 项目支出主要用于… (五(三)). */
  projectUse: string | null;
  threePublic: ThreePublicCounts;
  /** 机关运行经费 of the year (null: not filled in). */
  operatingCost: AmountText | null;
  procurement: Procurement;
  assets: Assets;
  performance: Performance;
  keyWork: KeyWork;
  /** Supplement sheets found in the workbook. */
  sheets: string[];
  /** Where each supplied value was read (field path → cell), so a finding points at the cell to correct. */
  sources: Record<string, CellRef>;
}

/** 单位概况. */
export interface UnitProfile {
  /** 单位主要职责. */
  duties: string | null;
  /** 机构设置情况. */
  organization: string | null;
  /** 批复日期 (ISO `YYYY-MM-DD`): 财政 approval of the final accounts; publication is due within 20 days. */
  approvalDate: string | null;
}

export interface PreviousYearFigures {
  /** 上年收入总计 (T1 31行). */
  totalIncome: AmountText | null;
  /** 上年支出总计 (T1 62行). */
  totalExpenditure: AmountText | null;
  /** 上年财政拨款收支总计 (T4 32行). */
  fiscalTotal: AmountText | null;
  /** 上年一般公共预算财政拨款收入 (T4 1行). */
  generalBudgetIncome: AmountText | null;
  /** 上年一般公共预算财政拨款支出 (T5 合计). */
  generalBudgetExpenditure: AmountText | null;
  /** 上年“三公”经费支出 (T9 栏7) and its parts (栏8, 栏9, 栏12). */
  threePublic: AmountText | null;
  outbound: AmountText | null;
  vehicles: AmountText | null;
  reception: AmountText | null;
  /** 上年机关运行经费. */
  operatingCost: AmountText | null;
}

export const PREVIOUS_YEAR_KEYS = [
  'totalIncome',
  'totalExpenditure',
  'fiscalTotal',
  'generalBudgetIncome',
  'generalBudgetExpenditure',
  'threePublic',
  'outbound',
  'vehicles',
  'reception',
  'operatingCost',
] as const satisfies readonly (keyof PreviousYearFigures)[];

/** 年初预算 and 全年预算 of one 功能分类 项. */
export interface BudgetLine {
  code: string;
  name: string | null;
  /** 年初预算 (the budget approved at the start of the year). */
  budget: AmountText;
  /**
   * 全年预算: the budget after adjustments made by the prescribed procedure (调整后预算); null when the unit did not
   * give it (older templates have no such column). When given, completion is measured against it.
   */
  adjustedBudget?: AmountText | null;
  /** Why 决算 differs from the budget. */
  reason: string | null;
}

/** The comparisons whose reasons the unit writes. */
export const REASON_KEYS = [
  'totals',
  'fiscalTotals',
  'generalBudgetIncome',
  'generalBudgetExpenditure',
  'budgetExecution',
  'threePublic',
  'threePublicBudget',
  'operatingCost',
] as const;
export type ReasonKey = (typeof REASON_KEYS)[number];

/** Counts behind the 三公 figures (RULES.md §5). Integers; null when not filled in. */
export interface ThreePublicCounts {
  /** 因公出国（境）团组数 / 人次. */
  outboundGroups: number | null;
  outboundPeople: number | null;
  /** 公务用车购置数 / 保有量. */
  vehiclesPurchased: number | null;
  vehiclesHeld: number | null;
  /** 国内公务接待批次 / 人次. */
  receptionBatches: number | null;
  receptionPeople: number | null;
}

/** 政府采购 (amounts in 万元). */
export interface Procurement {
  total: AmountText | null;
  goods: AmountText | null;
  works: AmountText | null;
  services: AmountText | null;
  /** 授予中小企业合同金额 and, within it, 授予小微企业合同金额. */
  sme: AmountText | null;
  smallMicro: AmountText | null;
}

/** 国有资产占用 at 31 December. */
export interface Assets {
  /** 车辆总数 (辆). */
  vehicles: number | null;
  /** Vehicles by use (主要领导干部用车, 机要通信用车 …) when the unit lists them. */
  vehicleKinds: { kind: string; count: number }[];
  /** 单价100万元（含）以上设备（不含车辆）, 台（套）. */
  equipment: number | null;
  note: string | null;
}

/** 预算绩效. */
export interface Performance {
  /** 预算绩效管理工作开展情况. */
  overview: string | null;
  /** 单位整体支出自评: 得分, 评价等级 and text. */
  overallScore: string | null;
  overallGrade: string | null;
  overallText: string | null;
  /** 绩效自评结果应用情况. */
  application: string | null;
  /** 下一步改进措施. */
  improvements: string | null;
  evaluations: SelfEvaluation[];
}

/** One 项目支出绩效自评表. */
export interface SelfEvaluation {
  projectName: string;
  department: string | null;
  implementer: string | null;
  /** 项目类别 / 项目属性 / 项目类型, as written. */
  category: string | null;
  attribute: string | null;
  projectType: string | null;
  /** 预算数（A）and 执行数（B）, 万元. */
  budget: AmountText | null;
  actual: AmountText | null;
  /** 执行率 as printed, in percent (`"100.00"` for 100.00%). */
  rate: string | null;
  /** 执行率得分 as printed (out of 20). */
  rateScore: string | null;
  indicators: Indicator[];
  /** 总分 as printed. */
  totalScore: string | null;
  /** 偏差大或目标未完成原因分析. */
  deviation: string | null;
  /** 改进措施及结果应用方案. */
  improvement: string | null;
  /** 自评综述: 主要产出和效益. */
  summary: string | null;
  sheet: string;
  /** Row of the block's 项目名称 line, for findings. */
  row: number;
}

/** One 绩效指标 row. */
export interface Indicator {
  /** 一级指标 / 二级指标 / 三级指标. */
  level1: string;
  level2: string;
  name: string;
  /** 分值 (weight); read from the name's `（8分）` when the column is empty. */
  weight: string | null;
  /** 预计当年实现（年度指标值）and 实际完成值, as written. */
  target: string;
  actual: string;
  score: string | null;
  row: number;
}

/** 重点工作完成情况. */
export interface KeyWork {
  sections: { title: string; text: string }[];
  rows: { seq: string; matter: string; goal: string; result: string }[];
}

/** An empty supplement (every field unfilled), the starting point of the reader. */
export function emptySupplement(): Supplement {
  return {
    profile: { duties: null, organization: null, approvalDate: null },
    previousYear: Object.fromEntries(PREVIOUS_YEAR_KEYS.map((k) => [k, null])) as unknown as PreviousYearFigures,
    budgets: [],
    reasons: {},
    projectUse: null,
    threePublic: {
      outboundGroups: null,
      outboundPeople: null,
      vehiclesPurchased: null,
      vehiclesHeld: null,
      receptionBatches: null,
      receptionPeople: null,
    },
    operatingCost: null,
    procurement: { total: null, goods: null, works: null, services: null, sme: null, smallMicro: null },
    assets: { vehicles: null, vehicleKinds: [], equipment: null, note: null },
    performance: {
      overview: null,
      overallScore: null,
      overallGrade: null,
      overallText: null,
      application: null,
      improvements: null,
      evaluations: [],
    },
    keyWork: { sections: [], rows: [] },
    sheets: [],
    sources: {},
  };
}
