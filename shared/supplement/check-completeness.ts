import { cell, rowsOfKind, t9Value, totalValue } from '../disclosure/figures.ts';
import { type Finding, finding, type RuleId } from '../disclosure/finding.ts';
import { kindOf } from '../disclosure/kind.ts';
import type { Disclosure, DisclosureKind } from '../disclosure/model.ts';
import { T1_LINES } from '../disclosure/table-layouts.ts';
import { decOrNull } from '../money/amount.ts';
import type { Supplement } from './model.ts';
import { SHEET } from './sheet-layout.ts';

/**
 * P- rules: what a mandatory part of the publication (RULES.md §5) needs and the workbook does not supply. Each
 * finding names the sheet and item to fill, so the unit can complete it; the page says what is missing instead of
 * inventing it.
 */

/** A finding of a P- rule (what the publication needs and the workbook lacks), with the rule's own severity. */
function warn(
  out: Finding[],
  rule: Extract<RuleId, `P-${string}`>,
  sheet: string,
  message: string,
  cell: string | null = null,
): void {
  out.push(finding({ rule, sheet, cell, message }));
}

/**
 * The parts each kind must publish. 单位决算 (the seed): all six parts, among them 第四部分 重点工作完成情况 and
 * 第六部分 附件 (项目支出绩效自评表). 部门决算 (the 2024 Shanghai template): 概况, 决算表, 情况说明 (with 预算绩效管理情况)
 * and 名词解释 — no 重点工作 part and no 自评表 attachments, so their absence is no warning.
 */
export const REQUIRED_PARTS: Record<DisclosureKind, { keyWork: boolean; evaluations: boolean }> = {
  unit: { keyWork: true, evaluations: true },
  department: { keyWork: false, evaluations: false },
};

export function checkCompleteness(d: Disclosure, s: Supplement): Finding[] {
  const out: Finding[] = [];
  const kind = kindOf(d);
  if (s.sheets.length === 0) {
    const parts = REQUIRED_PARTS[kind];
    const sheets = [
      '单位概况',
      '补充信息',
      ...(parts.keyWork ? ['重点工作'] : []),
      ...(parts.evaluations ? ['绩效自评'] : []),
    ];
    const lacking = [
      kind === 'department' ? '部门职能和单位构成' : '单位职责',
      '年初预算完成情况',
      '“三公”数量',
      '政府采购',
      '国有资产',
      ...(parts.evaluations ? ['绩效自评'] : []),
      ...(parts.keyWork ? ['重点工作'] : []),
    ];
    warn(
      out,
      'P-01',
      SHEET.info,
      `工作簿中没有补充信息工作表（${sheets.join('、')}），公开页面将缺少${lacking.slice(0, -1).join('、')}和${lacking.at(-1)}等内容。请用 gongkai template 生成的表样补充这些工作表。`,
    );
    return out;
  }
  checkProfile(s, kind, out);
  checkPrevious(d, s, out);
  checkBudgets(d, s, out);
  checkThreePublicCounts(d, s, out);
  checkOtherMatters(d, s, kind, out);
  return out;
}

function checkProfile(s: Supplement, kind: DisclosureKind, out: Finding[]): void {
  const part = kind === 'department' ? '第一部分 部门概况' : '第一部分 单位概况';
  if (!s.profile.duties) {
    warn(out, 'P-02', SHEET.profile, `请在工作表“单位概况”填写“主要职责”（${part}）。`);
  }
  if (!s.profile.organization) {
    const what = kind === 'department' ? '机构设置”（部门决算单位构成：本级及各下属单位' : '机构设置';
    warn(out, 'P-02', SHEET.profile, `请在工作表“单位概况”填写“${what}”（${part}）。`);
  }
  if (!s.profile.approvalDate) {
    warn(out, 'P-03', SHEET.profile, '请在工作表“单位概况”填写“批复日期”：公开页面据此显示批复后20日内的公开时限。');
  }
}

function checkPrevious(d: Disclosure, s: Supplement, out: Finding[]): void {
  const py = s.previousYear;
  if (py.totalIncome === null && py.totalExpenditure === null) {
    warn(
      out,
      'P-04',
      SHEET.info,
      '请在工作表“补充信息”填写“上年收入总计”“上年支出总计”等上年度决算数，用于情况说明中与上年的比较（上年度决算已在本平台公开的，系统自动取用，可不填）。',
    );
    return;
  }
  const current = d.tables.T1?.rows.find((r) => r.line === T1_LINES.grandTotalIncome)?.cells[1]?.value;
  const before = decOrNull(py.totalIncome);
  if (current && before && !current.equals(before) && !s.reasons.totals) {
    warn(out, 'P-06', SHEET.info, '收、支总计与上年不同：请在工作表“补充信息”填写“收支总计增减主要原因”。');
  }
  const general = totalValue(d, 'T5', 1);
  const generalBefore = decOrNull(py.generalBudgetExpenditure);
  if (generalBefore && !general.equals(generalBefore) && !s.reasons.generalBudgetExpenditure) {
    warn(
      out,
      'P-06',
      SHEET.info,
      '一般公共预算财政拨款支出与上年不同：请在工作表“补充信息”填写“一般公共预算财政拨款支出增减主要原因”。',
    );
  }
}

function checkBudgets(d: Disclosure, s: Supplement, out: Finding[]): void {
  const items = rowsOfKind(d, 'T5', 'xiang').filter((r) => r.code !== null && !cell(r, 1).isZero());
  const budgeted = new Map(s.budgets.map((b) => [b.code, b]));
  const missing = items.filter((r) => !budgeted.has(r.code ?? ''));
  if (missing.length > 0) {
    warn(
      out,
      'P-05',
      SHEET.info,
      `请在工作表“补充信息”的年初预算表中填写以下项级科目的年初预算数（无年初预算填0）：${missing.map((r) => `${r.code} ${r.name}`).join('、')}。`,
    );
  }
  for (const r of items) {
    const b = budgeted.get(r.code ?? '');
    const adjusted = decOrNull(b?.adjustedBudget);
    // Completion is measured against 全年预算 when the unit gives it, else against 年初预算; a zero budget has no
    // completion and no difference to explain (the explanation never compares with it).
    const budget = adjusted ?? decOrNull(b?.budget);
    if (!b || budget === null || budget.isZero() || budget.equals(cell(r, 1)) || b.reason) continue;
    const at = s.sources[`budgets.${b.code}.reason`] ?? s.sources[`budgets.${b.code}`];
    const which = adjusted === null ? '年初预算' : '全年预算';
    warn(
      out,
      'P-06',
      at?.sheet ?? SHEET.info,
      `科目 ${r.code} ${r.name} 支出决算${cell(r, 1).toFixed(2)}万元与${which}${budget.toFixed(2)}万元不同：请在年初预算表该行填写差异的主要原因。`,
      s.sources[`budgets.${b.code}.reason`]?.cell ?? at?.cell.replace(/^C/, 'D') ?? null,
    );
  }
}

function checkThreePublicCounts(d: Disclosure, s: Supplement, out: Finding[]): void {
  const c = s.threePublic;
  const need = (amountCol: number, fields: (number | null)[], what: string) => {
    if (!t9Value(d, amountCol).isZero() && fields.some((f) => f === null)) {
      warn(out, 'P-07', SHEET.info, `本年有${what.split('|')[0]}支出：请在工作表“补充信息”填写${what.split('|')[1]}。`);
    }
  };
  need(8, [c.outboundGroups, c.outboundPeople], '因公出国（境）费|因公出国（境）团组数及人次');
  need(10, [c.vehiclesPurchased], '公务用车购置费|公务用车购置数');
  need(11, [c.vehiclesHeld], '公务用车运行维护费|公务用车保有量');
  need(12, [c.receptionBatches, c.receptionPeople], '公务接待费|国内公务接待批次及人次');
}

function checkOtherMatters(d: Disclosure, s: Supplement, kind: DisclosureKind, out: Finding[]): void {
  const parts = REQUIRED_PARTS[kind];
  if (s.operatingCost === null) {
    warn(out, 'P-08', SHEET.info, '请在工作表“补充信息”填写“机关运行经费支出”（无则填0）。');
  }
  if (s.procurement.total === null) {
    warn(
      out,
      'P-09',
      SHEET.info,
      '请在工作表“补充信息”填写“政府采购支出总额”及货物、工程、服务和中小企业金额（无则填0）。',
    );
  }
  if (s.assets.vehicles === null || s.assets.equipment === null) {
    warn(out, 'P-10', SHEET.info, '请在工作表“补充信息”填写“车辆总数”和“单价100万元（含）以上设备”数量（无则填0）。');
  }
  if (parts.evaluations && !totalValue(d, 'T5', 3).isZero() && s.performance.evaluations.length === 0) {
    warn(out, 'P-11', SHEET.performance, '本年有一般公共预算项目支出：请在工作表“绩效自评”填写项目支出绩效自评表。');
  }
  if (parts.keyWork && s.keyWork.sections.length === 0 && s.keyWork.rows.length === 0) {
    warn(out, 'P-12', SHEET.keyWork, '请在工作表“重点工作”填写本年度重点工作完成情况（第四部分）。');
  }
}
