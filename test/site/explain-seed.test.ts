import { beforeAll, describe, expect, it } from 'vitest';
import { type Explanation, explainDisclosure } from '../../shared/explain/explain-disclosure.ts';
import { sectionText } from '../../shared/explain/explanation-model.ts';
import { buildNarrativeFacts } from '../../shared/explain/narrative-facts.ts';
import { previousFigures } from '../../shared/explain/previous-year.ts';
import { checkNarrativeText } from '../../shared/rules/check-narrative.ts';
import { type SeedPublication, seedPublication } from './helpers.ts';

/**
 * 第三部分 and 第五部分 generated from the seed's figures: every correct figure of the published document comes out
 * the same, and each of its slips (RULES.md §4 items 5–8) comes out corrected.
 */

let seed: SeedPublication;
let explanation: Explanation;
const text = (n: number) => sectionText(explanation.sections[n - 1]?.blocks ?? []).join('\n');

beforeAll(async () => {
  seed = await seedPublication();
  explanation = explainDisclosure({
    disclosure: seed.disclosure,
    supplement: seed.supplement,
    year: 2023,
    unitName: '武汉市财政局信息中心',
    previous: null,
  });
});

describe('情况说明 generated from the seed', () => {
  it('has the thirteen sections in the seed order', () => {
    expect(explanation.sections.map((s) => `${s.number}、${s.title}`)).toEqual([
      '一、收入支出决算总体情况说明',
      '二、收入决算情况说明',
      '三、支出决算情况说明',
      '四、财政拨款收入支出决算总体情况说明',
      '五、一般公共预算财政拨款支出决算情况说明',
      '六、一般公共预算财政拨款基本支出决算情况说明',
      '七、政府性基金预算财政拨款收入支出决算情况说明',
      '八、国有资本经营预算财政拨款支出决算情况说明',
      '九、财政拨款“三公”经费支出决算情况说明',
      '十、机关运行经费支出说明',
      '十一、政府采购支出说明',
      '十二、国有资产占用情况说明',
      '十三、预算绩效情况说明',
    ]);
  });

  it('一/四/五: totals and the change on 2022, with 下降6.6% where the seed printed 6.7%', () => {
    expect(text(1)).toContain(
      '2023年度收、支总计635.55万元。与2022年度相比，收、支总计各减少45.24万元，下降6.6%，主要原因是进一步压减支出。',
    );
    expect(text(4)).toContain('财政拨款收、支总计各减少45.24万元，下降6.6%');
    expect(text(4)).toContain('一般公共预算财政拨款收入635.55万元');
    expect(text(5)).toContain('一般公共预算财政拨款支出635.55万元，占本年支出合计的100%');
    expect(text(5)).toContain('一般公共预算财政拨款支出减少45.24万元，下降6.6%');
    const all = explanation.sections.map((s) => sectionText(s.blocks).join('')).join('');
    expect(all).not.toContain('6.7%');
  });

  it('二/三: income and the 基本/项目 split with the seed shares 78.9% / 21.1%', () => {
    expect(text(2)).toContain('2023年度收入合计635.55万元。其中：财政拨款收入635.55万元，占本年收入100%。');
    expect(text(3)).toContain('基本支出501.59万元，占本年支出78.9%；项目支出133.96万元，占本年支出21.1%');
  });

  it('五(二): per 类 shares 73.8 / 7.7 / 8.6 / 9.9', () => {
    const t = text(5);
    expect(t).toContain('一般公共服务支出（类）468.96万元，占73.8%');
    expect(t).toContain('社会保障和就业支出（类）49.25万元，占7.7%');
    expect(t).toContain('卫生健康支出（类）54.72万元，占8.6%');
    expect(t).toContain('住房保障支出（类）62.62万元，占9.9%');
  });

  it('五(三): 年初预算 759.08, 完成83.7%, per 项 91.6/100/82.9/84.5/100/97.6 and 1.3% where the seed printed 1.4%', () => {
    const t = text(5);
    expect(t).toContain('年初预算为759.08万元，支出决算为635.55万元，完成年初预算的83.7%');
    expect(t).toContain('其中：基本支出501.59万元，项目支出133.96万元。');
    expect(t).toContain('其他财政事务支出（项）。年初预算为511.79万元，支出决算为468.96万元，完成年初预算的91.6%');
    expect(t).toContain('事业单位离退休（项）。年初预算为63.00万元，支出决算为0.85万元，完成年初预算的1.3%');
    expect(t).toContain('主要原因是单位离退休经费未清算');
    expect(t).toContain('年初预算为48.40万元，支出决算为48.40万元，完成年初预算的100%。');
    expect(t).toContain('事业单位医疗（项）。年初预算为66.00万元，支出决算为54.72万元，完成年初预算的82.9%');
    expect(t).toContain('住房公积金（项）。年初预算为44.00万元，支出决算为37.17万元，完成年初预算的84.5%');
    expect(t).toContain('提租补贴（项）。年初预算为7.66万元，支出决算为7.66万元，完成年初预算的100%。');
    expect(t).toContain('购房补贴（项）。年初预算为18.23万元，支出决算为17.79万元，完成年初预算的97.6%');
    expect(t).not.toContain('1.4%');
  });

  it('六: lists exactly the non-zero T6 items (物业管理费 included; 退休费, 维修（护）费, 委托业务费 not)', () => {
    const t = text(6);
    expect(t).toBe(
      '2023年度一般公共预算财政拨款基本支出501.59万元，其中：人员经费467.17万元，主要包括：基本工资、津贴补贴、绩效工资、机关事业单位基本养老保险缴费、职工基本医疗保险缴费、其他社会保障缴费、住房公积金、其他工资福利支出、其他对个人和家庭的补助；公用经费34.42万元，主要包括：办公费、电费、邮电费、物业管理费、差旅费、工会经费、福利费、其他交通费用、其他商品和服务支出。',
    );
    for (const zero of ['退休费', '维修', '委托业务费']) expect(t).not.toContain(zero);
  });

  it('七/八/九/十: the empty tables and 三公 as in the seed', () => {
    expect(text(7)).toBe('本单位无2023年度政府性基金预算财政拨款收入支出。');
    expect(text(8)).toBe('本单位无2023年度国有资本经营预算财政拨款支出。');
    expect(text(9)).toContain('本单位无2023年度财政拨款“三公”预算和支出。与2022年度比较无增减变化情况。');
    expect(text(9)).toContain('截至2023年12月31日，无开支财政拨款的公务用车');
    expect(text(10)).toBe('本单位无2023年度机关运行经费支出。');
  });

  it('十一/十二: 政府采购 17.92 all 货物, 100% to 中小/小微 enterprises; no vehicles or large equipment', () => {
    expect(text(11)).toBe(
      '2023年度武汉市财政局信息中心政府采购支出总额17.92万元，其中：政府采购货物支出17.92万元。授予中小企业合同金额17.92万元，占政府采购支出总额的100%，其中：授予小微企业合同金额17.92万元，占授予中小企业合同金额的100%。',
    );
    expect(text(12)).toBe('截至2023年12月31日，本单位无公务用车；无单价100万元（含）以上设备。');
  });

  it('十三: 3 projects, 133.96万元, 100% of 项目支出, each with its budget, execution and score', () => {
    const t = text(13);
    // The fixture now carries the seed's own (一) and (二), which state these figures: they are not said twice.
    expect(t).toContain('共涉及二级项目3个，资金133.96万元，占一般公共预算项目支出总额的100%');
    expect(t).not.toContain('共涉及项目3个');
    expect(t).toContain(
      '2023年整体绩效自评得分100分，较好的完成了当年绩效目标。根据财政支出绩效评价等级标准评定对照表，评价等级为“优”。',
    );
    expect(t).not.toContain('单位整体支出绩效自评得分100分');
    expect(t).toContain(
      '信息中心业务工作经费项目绩效自评综述：项目全年预算数为43.72万元，执行数为43.72万元，完成预算的100%。自评得分100分。',
    );
    expect(t).toContain('项目全年预算数为52.78万元');
    expect(t).toContain('项目全年预算数为37.46万元');
  });

  it('十三: the counts, money, score and grade are computed when the unit’s own text does not state them', () => {
    const s = JSON.parse(JSON.stringify(seed.supplement)) as typeof seed.supplement;
    s.performance.overview = '本次绩效评价遵循“科学规范，分级分类，绩效相关”的原则。';
    s.performance.overallText = '较好地完成了当年绩效目标。';
    const e = explainDisclosure({
      disclosure: seed.disclosure,
      supplement: s,
      year: 2023,
      unitName: '单位',
      previous: null,
    });
    const t = sectionText(e.sections[12]?.blocks ?? []).join('\n');
    expect(t).toContain('共涉及项目3个，资金133.96万元，占一般公共预算项目支出总额的100%');
    expect(t).toContain('单位整体支出绩效自评得分100分，评价等级为“优”');
  });

  it('every figure of the generated text passes the narrative check against the tables', () => {
    const facts = buildNarrativeFacts(seed.disclosure, seed.supplement, previousFigures(2023, null, seed.supplement));
    const sentences = explanation.sections.flatMap((s) => sectionText(s.blocks));
    const findings = sentences.flatMap((t) =>
      checkNarrativeText(t, facts, { label: '生成的说明', at: null, sheet: null }),
    );
    expect(findings).toEqual([]);
  });

  it('uses the previous published year instead of the supplied totals when there is one', () => {
    const withPublished = explainDisclosure({
      disclosure: seed.disclosure,
      supplement: seed.supplement,
      year: 2023,
      unitName: '武汉市财政局信息中心',
      // Same figures as 2023: the comparison must say 持平, which the supplement's 680.79 would not.
      previous: { year: 2022, disclosure: seed.disclosure },
    });
    expect(sectionText(withPublished.sections[0]?.blocks ?? []).join('')).toContain('与2022年度相比，收、支总计持平。');
  });

  it('says what is missing instead of inventing it when there is no supplement', () => {
    const bare = explainDisclosure({
      disclosure: seed.disclosure,
      supplement: null,
      year: 2023,
      unitName: '武汉市财政局信息中心',
      previous: null,
    });
    const all = bare.sections.flatMap((s) => sectionText(s.blocks)).join('\n');
    expect(all).toContain('本单位未提供上年度决算数');
    expect(all).toContain('本单位未提供政府采购支出数。');
    expect(all).toContain('支出决算为468.96万元（单位未提供年初预算数）');
    expect(all).not.toMatch(/完成年初预算的\d/);
  });
});

describe('名词解释 generated from the codes in the tables', () => {
  const terms = () => sectionText(explanation.terms).join('\n');

  it('explains exactly the seven 项 the tables use', () => {
    const t = terms();
    for (const item of [
      '一般公共服务支出（类）财政事务（款）其他财政事务支出（项）',
      '社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）',
      '社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）',
      '卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）',
      '住房保障支出（类）住房改革支出（款）住房公积金（项）',
      '住房保障支出（类）住房改革支出（款）提租补贴（项）',
      '住房保障支出（类）住房改革支出（款）购房补贴（项）',
    ]) {
      expect(t).toContain(item);
    }
    expect(t.match(/（项）：/g)).toHaveLength(7);
  });

  it('does not list the unused 一般行政管理事务 and 其他事业单位医疗支出 the seed listed', () => {
    expect(terms()).not.toContain('一般行政管理事务');
    expect(terms()).not.toContain('其他事业单位医疗支出');
  });

  it('has the standard terms', () => {
    for (const term of ['一般公共预算财政拨款收入：', '基本支出：', '项目支出：', '“三公”经费：', '机关运行经费：']) {
      expect(terms()).toContain(term);
    }
    // No 事业收入 in the tables: its term is left out.
    expect(terms()).not.toContain('事业收入：');
  });
});
