/**
 * The supplementary sheets of the template, shared by the writer (blank template, test fixtures) and the reader, so
 * the labels an accountant sees are exactly the labels the reader looks for. Key/value sheets: label in column A,
 * value in column B, a filling hint in column C. Tables: one header row, then one row per entry.
 *
 * No label or hint may contain a table title such as “支出决算表”: the workbook reader finds the nine tables by title
 * in the first rows of every sheet.
 */

export const SHEET = {
  profile: '单位概况',
  info: '补充信息',
  keyWork: '重点工作',
  performance: '绩效自评',
} as const;

export type FieldKind = 'text' | 'amount' | 'count' | 'date' | 'score';

export interface FieldSpec {
  /** Field path in {@link Supplement} (`profile.duties`, `assets.vehicleKinds.机要通信用车`). */
  path: string;
  label: string;
  aliases?: readonly string[];
  kind: FieldKind;
  hint: string;
}

export interface SectionSpec {
  /** Section heading row (ignored by the reader). */
  heading: string;
  fields: readonly FieldSpec[];
}

export const PROFILE_SECTIONS: readonly SectionSpec[] = [
  {
    heading: '【单位概况】',
    fields: [
      {
        path: 'profile.duties',
        label: '主要职责',
        aliases: ['单位主要职责', '职责', '主要职能', '部门主要职能'],
        kind: 'text',
        hint: '单位主要职能',
      },
      {
        path: 'profile.organization',
        label: '机构设置',
        aliases: ['机构设置情况', '部门决算单位构成', '单位构成', '下属单位'],
        kind: 'text',
        hint: '内设机构、下属单位及纳入本决算的单位（部门决算：部门决算单位构成，即本级及各下属单位）',
      },
      {
        path: 'profile.approvalDate',
        label: '批复日期',
        aliases: ['决算批复日期', '财政批复日期'],
        kind: 'date',
        hint: '财政部门批复本单位决算的日期，如 2024-09-25；应在批复后20日内公开',
      },
    ],
  },
];

const amount = (path: string, label: string, hint: string, aliases?: readonly string[]): FieldSpec => ({
  path,
  label,
  kind: 'amount',
  hint,
  ...(aliases ? { aliases } : {}),
});
const text = (path: string, label: string, hint: string, aliases?: readonly string[]): FieldSpec => ({
  path,
  label,
  kind: 'text',
  hint,
  ...(aliases ? { aliases } : {}),
});
const count = (path: string, label: string, hint: string): FieldSpec => ({ path, label, kind: 'count', hint });

const PREVIOUS_HINT = '上年度决算数，万元；上年度已在本平台公开的可不填';

/** Vehicle uses listed in 国有资产占用 (as in the 2024 Shanghai template). */
export const VEHICLE_KINDS = [
  '主要领导干部用车',
  '机要通信用车',
  '应急保障用车',
  '执法执勤用车',
  '特种专业技术用车',
  '离退休干部用车',
  '其他用车',
] as const;

export const INFO_SECTIONS: readonly SectionSpec[] = [
  {
    heading: '【上年度决算数（万元）】',
    fields: [
      amount('previousYear.totalIncome', '上年收入总计', PREVIOUS_HINT, ['上年度收入总计']),
      amount('previousYear.totalExpenditure', '上年支出总计', PREVIOUS_HINT, ['上年度支出总计']),
      amount('previousYear.fiscalTotal', '上年财政拨款收支总计', PREVIOUS_HINT, ['上年财政拨款收入支出总计']),
      amount('previousYear.generalBudgetIncome', '上年一般公共预算财政拨款收入', PREVIOUS_HINT),
      amount('previousYear.generalBudgetExpenditure', '上年一般公共预算财政拨款支出', PREVIOUS_HINT),
      amount('previousYear.threePublic', '上年“三公”经费支出', PREVIOUS_HINT, ['上年三公经费支出']),
      amount('previousYear.outbound', '上年因公出国（境）费', PREVIOUS_HINT),
      amount('previousYear.vehicles', '上年公务用车购置及运行维护费', PREVIOUS_HINT),
      amount('previousYear.reception', '上年公务接待费', PREVIOUS_HINT),
      amount('previousYear.operatingCost', '上年机关运行经费', PREVIOUS_HINT),
    ],
  },
  {
    heading: '【增减变化及预决算差异的主要原因】',
    fields: [
      text('reasons.totals', '收支总计增减主要原因', '与上年相比收、支总计增减的原因，如“进一步压减支出”'),
      text('reasons.fiscalTotals', '财政拨款收支总计增减主要原因', '与上年相比的原因'),
      text('reasons.generalBudgetIncome', '一般公共预算财政拨款收入增减主要原因', '与上年相比的原因'),
      text('reasons.generalBudgetExpenditure', '一般公共预算财政拨款支出增减主要原因', '与上年相比的原因'),
      text('reasons.budgetExecution', '一般公共预算财政拨款支出预决算差异主要原因', '支出决算与年初预算不同的原因'),
      text('projectUse', '项目支出主要用途', '项目支出主要用于……', ['项目支出主要用于']),
      text('reasons.threePublic', '“三公”经费增减主要原因', '与上年相比的原因', ['三公经费增减主要原因']),
      text('reasons.threePublicBudget', '“三公”经费预决算差异主要原因', '决算与预算不同的原因', [
        '三公经费预决算差异主要原因',
      ]),
      text('reasons.operatingCost', '机关运行经费增减主要原因', '与上年相比的原因'),
    ],
  },
  {
    heading: '【“三公”经费】',
    fields: [
      count('threePublic.outboundGroups', '因公出国（境）团组数（个）', '整数，无则填 0'),
      count('threePublic.outboundPeople', '因公出国（境）人次', '整数，无则填 0'),
      count('threePublic.vehiclesPurchased', '公务用车购置数（辆）', '整数，无则填 0'),
      count('threePublic.vehiclesHeld', '公务用车保有量（辆）', '截至12月31日开支财政拨款的公务用车，无则填 0'),
      count('threePublic.receptionBatches', '国内公务接待批次', '整数，无则填 0'),
      count('threePublic.receptionPeople', '国内公务接待人次', '整数，无则填 0'),
    ],
  },
  {
    heading: '【机关运行经费】',
    fields: [amount('operatingCost', '机关运行经费支出', '万元；无则填 0（事业单位一般无）', ['机关运行经费'])],
  },
  {
    heading: '【政府采购（万元）】',
    fields: [
      amount('procurement.total', '政府采购支出总额', '万元，以合同签订为准；无则填 0'),
      amount('procurement.goods', '政府采购货物支出', '万元'),
      amount('procurement.works', '政府采购工程支出', '万元'),
      amount('procurement.services', '政府采购服务支出', '万元'),
      amount('procurement.sme', '授予中小企业合同金额', '万元'),
      amount('procurement.smallMicro', '授予小微企业合同金额', '万元，包含在中小企业合同金额中'),
    ],
  },
  {
    heading: '【国有资产占用（截至12月31日）】',
    fields: [
      count('assets.vehicles', '车辆总数（辆）', '无则填 0'),
      ...VEHICLE_KINDS.map((k) => count(`assets.vehicleKinds.${k}`, `其中：${k}（辆）`, '可不填')),
      count('assets.equipment', '单价100万元（含）以上设备（台、套）', '不含车辆，无则填 0'),
      text('assets.note', '国有资产占用其他说明', '可不填'),
    ],
  },
  {
    heading: '【预算绩效】',
    fields: [
      text('performance.overview', '预算绩效管理工作开展情况', '组织开展绩效自评的情况'),
      { path: 'performance.overallScore', label: '单位整体支出自评得分', kind: 'score', hint: '如 100' },
      text('performance.overallGrade', '单位整体支出评价等级', '优、良、中、差'),
      text('performance.overallText', '单位整体支出自评结果说明', '可不填'),
      text('performance.application', '绩效自评结果应用情况', ''),
      text('performance.improvements', '下一步改进措施', ''),
    ],
  },
];

/** Header of the 年初预算 / 全年预算 table on the 补充信息 sheet. */
export const BUDGET_HEADING = '【年初预算和全年预算（按功能分类项级科目，万元）】';
export const BUDGET_COLUMNS = [
  '科目编码',
  '科目名称',
  '年初预算数',
  '全年预算数',
  '决算数与预算数差异的主要原因',
] as const;

/**
 * Columns of the budget table by role, found by header text (normalized as labels) so templates from before the
 * 全年预算 column (`科目编码 | 科目名称 | 年初预算数 | 差异原因`) still read.
 */
export const BUDGET_COLUMN_LABELS = {
  code: ['科目编码', '功能分类科目编码', '科目代码'],
  name: ['科目名称'],
  budget: ['年初预算数', '年初预算'],
  adjustedBudget: ['全年预算数', '全年预算', '调整后预算数', '调整后预算'],
  reason: [
    '决算数与预算数差异的主要原因',
    '决算数与年初预算数差异的主要原因',
    '决算数与全年预算数差异的主要原因',
    '差异原因',
    '主要原因',
  ],
} as const;

/** Filling hint under the budget table's heading. */
export const BUDGET_HINT =
  '年初预算数：年初批复的预算；全年预算数：按规定程序调整后的预算（未调整的与年初预算数相同）。无预算填 0。';

/** 重点工作: text sections, then the table. */
export const KEY_WORK_TEXT_COLUMNS = ['标题', '内容'] as const;
export const KEY_WORK_TABLE_COLUMNS = ['序号', '重要事项', '工作内容及目标', '完成情况'] as const;

/** 绩效自评 blocks: key/value rows, the indicator table, then closing key/value rows. */
export const EVALUATION_FIELDS = {
  projectName: '项目名称',
  department: '主管部门',
  implementer: '项目实施单位',
  category: '项目类别',
  attribute: '项目属性',
  projectType: '项目类型',
  budget: '预算数（万元）',
  actual: '执行数（万元）',
  rate: '执行率',
  rateScore: '执行率得分（20分）',
  totalScore: '总分',
  deviation: '偏差大或目标未完成原因分析',
  improvement: '改进措施及结果应用方案',
  summary: '自评综述（主要产出和效益）',
} as const;
export type EvaluationField = keyof typeof EVALUATION_FIELDS;

export const EVALUATION_ALIASES: Partial<Record<EvaluationField, readonly string[]>> = {
  budget: ['预算数', '全年预算数', '预算数A'],
  actual: ['执行数', '全年执行数', '执行数B'],
  rate: ['执行率B/A'],
  rateScore: ['执行率得分', '得分20分*执行率', '预算执行得分'],
  deviation: ['偏差原因', '偏差大或目标未完成原因'],
  improvement: ['改进措施'],
  summary: ['自评综述', '主要产出和效益'],
};

export const INDICATOR_COLUMNS = [
  '一级指标',
  '二级指标',
  '三级指标',
  '分值',
  '年度指标值',
  '实际完成值',
  '得分',
] as const;

/**
 * Labels compared without spaces, quotes, colons and bracketed parts (`因公出国（境）团组数（个）` → `因公出国团组数`):
 * accountants retype labels and add or drop units.
 */
export function normalizeLabel(label: string): string {
  return label
    .replace(/[（(][^（()）]*[)）]/g, '')
    .replace(/[\s\u3000“”"'‘’「」：:*【】]/g, '')
    .replace(/^其中/, '');
}
