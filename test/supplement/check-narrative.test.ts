import { beforeAll, describe, expect, it } from 'vitest';
import { buildNarrativeFacts, type NarrativeFacts } from '../../shared/explain/narrative-facts.ts';
import { previousFigures } from '../../shared/explain/previous-year.ts';
import { RULES_BY_ID } from '../../shared/rules/catalog.ts';
import { checkNarrative, checkNarrativeText, NARRATIVE_RULES } from '../../shared/rules/check-narrative.ts';
import type { Finding } from '../../shared/rules/finding.ts';
import type { Supplement } from '../../shared/supplement/model.ts';
import { type SeedPublication, seedPart, seedPublication, seedText } from '../site/helpers.ts';

/**
 * Narrative rules (RULES.md “Narrative text”): a figure the unit's own text quotes must agree with the tables.
 * The seed's published 第三部分 and 名词解释, run through the checker, must report exactly its known slips (§4 items
 * 5–8) and nothing else.
 */

let seed: SeedPublication;
let facts: NarrativeFacts;
const where = { label: '说明', at: null, sheet: null };
const check = (text: string) => checkNarrativeText(text, facts, where);
const rules = (fs: Finding[]) => fs.map((f) => f.rule);

/** A deep copy of the seed supplement (plain JSON data by design). */
const copy = (s: Supplement): Supplement => JSON.parse(JSON.stringify(s)) as Supplement;

beforeAll(async () => {
  seed = await seedPublication();
  facts = buildNarrativeFacts(seed.disclosure, seed.supplement, previousFigures(2023, null, seed.supplement));
});

describe('the seed’s own text', () => {
  let findings: Finding[];
  beforeAll(async () => {
    const text = await seedText();
    const part3 = seedPart(text, /^# 第三部分/m, /^## 第四部分/m);
    const part5 = seedPart(text, /^## 第五部分/m, /^# 第六部分/m);
    findings = check(`${part3}\n${part5}`);
  });

  it('reports 下降6.7% three times (一, 四, 五): 45.24 ÷ (635.55 + 45.24) = 6.645% → 6.6%', () => {
    const changes = findings.filter((f) => f.rule === 'N-03');
    expect(changes).toHaveLength(3);
    for (const f of changes) {
      expect(f.actual).toBe('6.7%');
      expect(f.expected).toBe('6.6%');
      expect(f.message).toContain('45.24 ÷ 上年数 680.79 = 6.645%');
    }
  });

  it('reports 完成年初预算的1.4% for 事业单位离退休: 0.85 ÷ 63 = 1.349% → 1.3%', () => {
    const rates = findings.filter((f) => f.rule === 'N-04');
    expect(rates).toHaveLength(1);
    expect(rates[0]).toMatchObject({ actual: '1.4%', expected: '1.3%' });
    expect(rates[0]?.message).toContain('0.85 ÷ 63.00 = 1.349%');
  });

  it('reports the blank items listed in 六 (退休费, 维修(护)费, 委托业务费) and the omitted 物业管理费', () => {
    const items = findings.filter((f) => f.rule === 'N-05');
    const zero = items.filter((f) => f.message.includes('但它在')).map((f) => f.actual);
    expect(zero).toEqual(['退休费', '维修(护)费', '委托业务费']);
    const omitted = items.filter((f) => f.message.includes('遗漏')).map((f) => f.expected);
    expect(omitted).toContain('物业管理费');
    // The personnel list also leaves out two non-zero items the seed's reviewers missed.
    expect(omitted).toContain('津贴补贴、其他工资福利支出');
  });

  it('reports the two 名词解释 entries for codes in no table', () => {
    const named = findings.filter((f) => f.rule === 'N-06').map((f) => f.actual);
    expect(named).toEqual(['一般行政管理事务', '其他事业单位医疗支出']);
  });

  it('accepts everything else: amounts, the shares 78.9/21.1 and 73.8/7.7/8.6/9.9, the other rates', () => {
    expect(rules(findings).filter((r) => r === 'N-01' || r === 'N-02')).toEqual([]);
    expect(findings).toHaveLength(3 + 1 + 5 + 2);
  });
});

describe('figures in a unit’s text', () => {
  it('N-01: a named total that differs from the table', () => {
    const [f] = check('2023年度收入合计600.00万元，主要是财政拨款。');
    expect(f).toMatchObject({ rule: 'N-01', actual: '600.00', expected: '635.55' });
    expect(check('2023年度收入合计635.55万元。')).toEqual([]);
  });

  it('N-01: a total-like amount found nowhere in the tables', () => {
    expect(rules(check('本年项目资金总额123.45万元。'))).toEqual(['N-01']);
    // Amounts that are not totals (a contract, a purchase) are not the tables' business.
    expect(check('开展电池更换改造，合同5万元。')).toEqual([]);
  });

  it('N-02: shares accept ±1 in the last shown digit, no more', () => {
    expect(check('基本支出501.59万元，占本年支出78.9%。')).toEqual([]);
    expect(check('基本支出501.59万元，占本年支出79.0%。')).toEqual([]);
    expect(rules(check('基本支出501.59万元，占本年支出80.0%。'))).toEqual(['N-02']);
    // Written without decimals the last digit is the unit: 78.92% may be written 79% (or 78% / 80%).
    expect(check('基本支出501.59万元，占本年支出80%。')).toEqual([]);
  });

  it('N-04: a completion rate when 年初预算 is 0 is never right', () => {
    const f = check('年初预算为0万元，支出决算为5.00万元，完成年初预算的100%。').find((x) => x.rule === 'N-04');
    expect(f?.rule).toBe('N-04');
    expect(f?.message).toContain('年初预算为0');
  });

  it('N-04: a rate quoted for a named 项 is checked against that 项', () => {
    expect(check('其他财政事务支出完成年初预算的91.6%。')).toEqual([]);
    expect(rules(check('其他财政事务支出完成年初预算的92.0%。'))).toEqual(['N-04']);
  });

  it('points at the cell the text came from', () => {
    const s = copy(seed.supplement);
    s.reasons.totals = '收入合计减少至600.00万元';
    const found = checkNarrative(seed.disclosure, s).filter((f) => f.rule === 'N-01');
    expect(found).toHaveLength(1);
    expect(found[0]?.sheet).toBe('补充信息');
    expect(found[0]?.cell).toMatch(/^B\d+$/);
  });
});

describe('supplied figures', () => {
  it('the seed supplement is consistent: no N- findings', () => {
    expect(checkNarrative(seed.disclosure, seed.supplement)).toEqual([]);
  });

  it('N-07: 绩效自评 score arithmetic (得分 = 20 × 执行率 + Σ指标得分; 分值合计 100)', () => {
    const s = copy(seed.supplement);
    const e = s.performance.evaluations[0];
    if (!e) throw new Error('no evaluation');
    e.actual = '40.00'; // 执行率 91.49%: 执行率得分 should be 18.30, 总分 98.30
    const ind = e.indicators[1];
    if (ind) ind.weight = '12'; // weights now add up to 102
    const found = checkNarrative(seed.disclosure, s).filter((f) => f.rule === 'N-07');
    const text = found.map((f) => f.message).join('\n');
    expect(text).toContain('执行率填写为100.00%，按执行数÷预算数应为91.49%');
    expect(text).toContain('按20分×执行率应为18.30分');
    expect(text).toContain('之和为102分，应为100分');
    expect(text).toContain('总分填写为100分，按执行率得分加各指标得分应为98.30分');
  });

  it('N-08: 政府采购 parts, 中小/小微 and 机关运行经费 within 公用经费', () => {
    const s = copy(seed.supplement);
    s.procurement = { total: '20', goods: '17.92', works: '0', services: '0', sme: '25', smallMicro: '26' };
    s.operatingCost = '40';
    const found = checkNarrative(seed.disclosure, s).filter((f) => f.rule === 'N-08');
    expect(found.map((f) => f.message)).toEqual([
      '政府采购支出总额20.00万元不等于货物、工程、服务支出之和17.92万元。',
      '授予中小企业合同金额25.00万元超过政府采购支出总额20.00万元。',
      '授予小微企业合同金额26.00万元超过授予中小企业合同金额25.00万元。',
      '机关运行经费40.00万元超过基本支出决算明细表的公用经费合计34.42万元（机关运行经费是公用经费的一部分）。',
    ]);
  });
});

describe('catalog', () => {
  it('lists every P- and N- rule as a narrative warning', () => {
    for (const r of NARRATIVE_RULES) {
      expect(RULES_BY_ID.get(r.id)).toMatchObject({ family: 'narrative', severity: 'warning' });
    }
    expect(NARRATIVE_RULES.map((r) => r.id)).toContain('P-01');
    expect(NARRATIVE_RULES.map((r) => r.id)).toContain('N-07');
  });
});
