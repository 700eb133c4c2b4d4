import { yearComparison } from './explain-totals.ts';
import { type Block, type ExplainContext, type ExplainedSection, missing, p } from './explanation-model.ts';
import { amountText, decOrNull, percentText, ratio } from './format.ts';

/**
 * 情况说明 十 (机关运行经费), 十一 (政府采购), 十二 (国有资产占用): figures no table holds, supplied by the unit in
 * 补充信息. A missing figure is said to be missing, never shown as zero.
 */

export function explainOperatingCost(ctx: ExplainContext): ExplainedSection {
  const title = '机关运行经费支出说明';
  const cost = decOrNull(ctx.supplement?.operatingCost);
  let blocks: Block[];
  if (cost === null) blocks = [missing('本单位未提供机关运行经费支出数。')];
  else if (cost.isZero()) blocks = [p(`本单位无${ctx.year}年度机关运行经费支出。`)];
  else {
    const cmp = yearComparison(
      ctx,
      '机关运行经费支出',
      cost,
      ctx.previous?.operatingCost ?? null,
      ctx.supplement?.reasons.operatingCost,
    );
    blocks = [p(`${ctx.year}年度本单位机关运行经费支出${amountText(cost)}万元。${cmp ?? ''}`)];
  }
  return { id: 's10', number: '十', title, blocks };
}

export function explainProcurement(ctx: ExplainContext): ExplainedSection {
  const title = '政府采购支出说明';
  const s = ctx.supplement?.procurement;
  const total = decOrNull(s?.total);
  if (total === null) return { id: 's11', number: '十一', title, blocks: [missing('本单位未提供政府采购支出数。')] };
  if (total.isZero()) {
    return { id: 's11', number: '十一', title, blocks: [p(`本单位无${ctx.year}年度政府采购支出。`)] };
  }
  const kinds = (
    [
      ['货物', s?.goods],
      ['工程', s?.works],
      ['服务', s?.services],
    ] as const
  )
    .map(([k, v]) => [k, decOrNull(v)] as const)
    .filter(([, v]) => v !== null && !v.isZero())
    .map(([k, v]) => `政府采购${k}支出${amountText(v ?? total)}万元`);
  const sme = decOrNull(s?.sme);
  const small = decOrNull(s?.smallMicro);
  let text = `${ctx.year}年度${ctx.unitName}政府采购支出总额${amountText(total)}万元${kinds.length > 0 ? `，其中：${kinds.join('、')}` : ''}。`;
  if (sme !== null) {
    const r = ratio(sme, total);
    text += `授予中小企业合同金额${amountText(sme)}万元${r ? `，占政府采购支出总额的${percentText(r)}%` : ''}`;
    if (small !== null) {
      const rs = ratio(small, sme);
      text += `，其中：授予小微企业合同金额${amountText(small)}万元${rs ? `，占授予中小企业合同金额的${percentText(rs)}%` : ''}`;
    }
    text += '。';
  }
  const blocks: Block[] = [p(text)];
  if (sme === null) blocks.push(missing('本单位未提供授予中小企业合同金额。'));
  return { id: 's11', number: '十一', title, blocks };
}

export function explainAssets(ctx: ExplainContext): ExplainedSection {
  const title = '国有资产占用情况说明';
  const a = ctx.supplement?.assets;
  if (!a || (a.vehicles === null && a.equipment === null)) {
    return { id: 's12', number: '十二', title, blocks: [missing('本单位未提供车辆及大型设备数量。')] };
  }
  const parts: string[] = [];
  if (a.vehicles !== null) {
    const kinds = a.vehicleKinds.filter((k) => k.count > 0).map((k) => `${k.kind}${k.count}辆`);
    parts.push(
      a.vehicles === 0
        ? '本单位无公务用车'
        : `本单位共有车辆${a.vehicles}辆${kinds.length > 0 ? `，其中：${kinds.join('、')}` : ''}`,
    );
  }
  if (a.equipment !== null) {
    parts.push(
      a.equipment === 0 ? '无单价100万元（含）以上设备' : `单价100万元（含）以上设备（不含车辆）${a.equipment}台（套）`,
    );
  }
  const blocks: Block[] = [p(`截至${ctx.year}年12月31日，${parts.join('；')}。`)];
  if (a.note) blocks.push(p(a.note));
  return { id: 's12', number: '十二', title, blocks };
}
