import { normalizeName } from '../codes/classification.ts';
import type { CellRef, Disclosure } from '../disclosure/model.ts';
import { decOrNull } from '../explain/format.ts';
import { buildNarrativeFacts, type NarrativeFacts } from '../explain/narrative-facts.ts';
import { previousFigures } from '../explain/previous-year.ts';
import {
  asWritten,
  decimalsOf,
  type Quoted,
  quotedAmounts,
  quotedPercents,
  sentences,
} from '../explain/quoted-figures.ts';
import { checkSelfEvaluation } from '../explain/self-evaluation-score.ts';
import { Dec } from '../money/amount.ts';
import type { Supplement } from '../supplement/model.ts';
import { SHEET } from '../supplement/sheet-layout.ts';
import type { RuleDefinition } from './engine.ts';
import { type Finding, finding, type RuleId } from './finding.ts';

/**
 * The supplement and the unit's own text (RULES.md “Narrative text”). P- rules: what a mandatory part of the
 * publication needs but the workbook does not supply (the sheet to fill is named). N- rules: a figure the unit's
 * text quotes that the tables contradict. All are warnings: the tables are the publication of record, and the page
 * computes its own sentences from them.
 *
 * These rules run in the supplement reader (they need the supplementary sheets, which RuleContext does not hold);
 * they are listed here so the catalog, the report and the docs know them.
 */
const rule = (id: string, title: string): RuleDefinition => ({
  id,
  family: 'narrative',
  tables: [],
  severity: 'warning',
  title,
});

export const NARRATIVE_RULES: readonly RuleDefinition[] = [
  rule('P-01', '工作簿包含补充信息工作表（单位概况、补充信息、重点工作、绩效自评），以便生成第一、三、四、六部分'),
  rule('P-02', '单位概况填写主要职责和机构设置（部门决算：部门决算单位构成，即本级及下属单位）'),
  rule('P-03', '单位概况填写决算批复日期（公开时限为批复后20日内）'),
  rule('P-04', '补充信息填写上年度收入总计、支出总计等决算数（上年度已在本平台公开的除外），用于与上年比较'),
  rule('P-05', '补充信息的年初预算表列出一般公共预算财政拨款支出的每个项级科目'),
  rule('P-06', '决算数与年初预算数或上年数不同时，说明主要原因'),
  rule('P-07', '有“三公”经费支出时，填写因公出国（境）团组及人次、公务用车购置数及保有量、公务接待批次及人次'),
  rule('P-08', '补充信息填写机关运行经费支出（无则填0）'),
  rule('P-09', '补充信息填写政府采购支出（无则填0）'),
  rule('P-10', '补充信息填写国有资产占用情况：车辆数和单价100万元（含）以上设备数'),
  rule('P-11', '单位决算有一般公共预算项目支出时，提供项目支出绩效自评表（部门决算无此附件，不检查）'),
  rule('P-12', '单位决算的重点工作工作表填写重点工作完成情况（部门决算无此部分，不检查）'),
  rule('P-13', '补充信息工作表中的数值可以读取，项目名称与表样一致'),
  rule('P-14', '年初预算表的科目编码为7位项级科目，每个科目只出现一次，并填写年初预算数'),
  rule('N-01', '文字中引用的金额（万元）与表中数一致'),
  rule('N-02', '文字中的占比与表中数计算结果一致（允许末位±1）'),
  rule('N-03', '文字中的增减幅度 = 增减额 ÷ 上年数，按显示位数四舍五入'),
  rule('N-04', '文字中的完成年初预算（全年预算）比例 = 决算数 ÷ 年初预算数（全年预算数）；预算为0时不得给出完成比例'),
  rule('N-05', '基本支出“主要包括”只列基本支出决算明细表中不为0的科目，且不遗漏'),
  rule('N-06', '文字中列举的功能分类科目在本单位的表中出现'),
  rule('N-07', '绩效自评表得分计算正确：执行率得分 = 20 × 执行率，总分 = 执行率得分 + 各指标得分，分值合计100'),
  rule(
    'N-08',
    '补充信息中的金额相互一致：政府采购总额 = 货物 + 工程 + 服务，中小企业 ≥ 小微企业；机关运行经费不超过公用经费',
  ),
];

/** Where a text came from: a supplement cell (or just a sheet), and how to name it in a message. */
export interface TextSource {
  label: string;
  at: CellRef | null;
  sheet: string | null;
}

type Report = (rule: RuleId, message: string, values?: { actual?: string; expected?: string }) => void;

function reporter(out: Finding[], where: TextSource): Report {
  return (rule, message, values = {}) =>
    out.push(
      finding({
        rule,
        sheet: where.at?.sheet ?? where.sheet,
        cell: where.at?.cell ?? null,
        message: `${where.label}：${message}`,
        actual: values.actual ?? null,
        expected: values.expected ?? null,
      }),
    );
}

/** A unit's text may be 1 MB: past this many findings for one text, the unit has enough to correct. */
export const MAX_FINDINGS_PER_TEXT = 20;
/** Items of one “主要包括” list that are checked. */
const MAX_LIST_ITEMS = 200;

/**
 * One sentence and what the checks compute from it once. Work per quoted figure must not scan the sentence again:
 * a 1 MB sentence quoting 100,000 figures would make that quadratic (issue 11).
 */
class Sentence {
  private readonly memo = new Map<string, unknown>();
  constructor(readonly text: string) {}

  once<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  get amounts(): Quoted[] {
    return this.once('amounts', () => quotedAmounts(this.text));
  }
}

/** Checks every figure one text quotes against the facts. */
export function checkNarrativeText(text: string, facts: NarrativeFacts, where: TextSource): Finding[] {
  const out: Finding[] = [];
  const report = reporter(out, where);
  for (const raw of sentences(text)) {
    if (out.length >= MAX_FINDINGS_PER_TEXT) break;
    const s = new Sentence(raw);
    checkAmounts(s, facts, report, () => out.length >= MAX_FINDINGS_PER_TEXT);
    for (const q of quotedPercents(s.text)) {
      if (out.length >= MAX_FINDINGS_PER_TEXT) break;
      checkPercent(s, q, facts, report);
    }
    checkBasicItems(s.text, facts, report);
    checkNamedItems(s.text, facts, report);
  }
  return out.slice(0, MAX_FINDINGS_PER_TEXT);
}

/** Words between a label and its amount: `收入合计为…`, `支出总计减少至…`. */
const LINK = '(?:为|是|达|达到|共计?|减少至|增加至|减少到|增加到|下降至|增长至)?[：:]?';
const TOTALISH = new RegExp(`(合计|总计|总额|收入|支出|经费|拨款|预算|决算|资金)${LINK}$`);
/** `label` + LINK at the end of a clause, compiled once per label pattern. */
const LABEL_AT_END = new Map<string, RegExp>();
const labelAtEnd = (pattern: RegExp): RegExp => {
  let re = LABEL_AT_END.get(pattern.source);
  if (!re) {
    re = new RegExp(`${pattern.source}${LINK}$`);
    LABEL_AT_END.set(pattern.source, re);
  }
  return re;
};

function checkAmounts(s: Sentence, facts: NarrativeFacts, report: Report, full: () => boolean): void {
  for (const q of s.amounts) {
    if (full()) return;
    const named = facts.labelled.find((l) => labelAtEnd(l.pattern).test(q.clause));
    if (named && !named.values.some((v) => v.equals(q.value))) {
      const expected = named.values[0]?.toFixed(2) ?? '';
      report('N-01', `“${q.clause}${q.text}万元”与表中${named.label}${expected}万元不一致。`, {
        actual: q.text,
        expected,
      });
    } else if (!named && !facts.amounts.has(q.value.toFixed()) && TOTALISH.test(q.clause)) {
      report('N-01', `“${q.clause}${q.text}万元”在决算表和补充信息中找不到这个数，请核对。`, { actual: q.text });
    }
  }
}

function checkPercent(s: Sentence, q: Quoted, facts: NarrativeFacts, report: Report): void {
  if (/完成(年初|全年)?预算(数)?的?$/.test(q.clause)) checkRate(s, q, facts, report);
  else if (/(下降|增长|减少|增加|上升)了?$/.test(q.clause)) checkChange(s, q, facts, report);
  else if (/占/.test(q.clause)) checkShare(s, q, facts, report);
}

/** The amount quoted after `re` in the sentence (`年初预算为63万元` → 63); once per sentence and pattern. */
function amountAfter(s: Sentence, re: RegExp): Dec | null {
  return s.once(`after:${re.source}`, () => {
    const m = new RegExp(`${re.source}\\s*(\\d+(?:\\.\\d+)?)\\s*万元`).exec(s.text);
    return m?.[1] ? new Dec(m[1]) : null;
  });
}

function checkRate(s: Sentence, q: Quoted, facts: NarrativeFacts, report: Report): void {
  // “完成全年预算的” measures against 全年预算 (the adjusted budget), anything else against 年初预算.
  const adjusted = /全年预算(数)?的?$/.test(q.clause);
  const which = adjusted ? '全年预算' : '年初预算';
  let budget = adjusted ? amountAfter(s, /全年预算(?:数)?[为是：:]/) : amountAfter(s, /预算(?:数)?[为是：:]/);
  let actual = amountAfter(s, /(?:支出决算|决算数|执行数)[为是：:]/);
  if (budget === null || actual === null) {
    const item = s.once('item', () => facts.itemBudgets.find((i) => s.text.includes(i.name)));
    const pick = item ?? facts.overallBudget;
    const picked = adjusted ? (pick?.adjusted ?? null) : (pick?.budget ?? null);
    if (!pick || picked === null) return;
    budget = picked;
    actual = pick.actual;
  }
  if (budget.isZero()) {
    report('N-04', `${which}为0，不能给出“完成${which}的${q.text}%”。`, { actual: `${q.text}%` });
    return;
  }
  const exact = actual.dividedBy(budget).times(100);
  const expected = asWritten(exact, q.text);
  if (!expected.equals(q.value)) {
    report(
      'N-04',
      `“完成${which}的${q.text}%”与表中数不符：${actual.toFixed(2)} ÷ ${budget.toFixed(2)} = ${exact.toDecimalPlaces(3).toFixed()}%，应为${expected.toFixed(decimalsOf(q.text))}%。`,
      { actual: `${q.text}%`, expected: `${expected.toFixed(decimalsOf(q.text))}%` },
    );
  }
}

function checkChange(s: Sentence, q: Quoted, facts: NarrativeFacts, report: Report): void {
  if (facts.changes.length === 0) return;
  const rates = s.once('changeRates', () => changeRates(s, facts));
  if (rates.length === 0 || rates.some((r) => asWritten(r.exact, q.text).equals(q.value))) return;
  const best = rates[0];
  if (!best) return;
  const expected = asWritten(best.exact, q.text).toFixed(decimalsOf(q.text));
  report(
    'N-03',
    `“${q.clause.slice(-4)}${q.text}%”与表中数不符：${best.c.label}增减额 ${best.c.current.minus(best.c.previous).abs().toFixed(2)} ÷ 上年数 ${best.c.previous.toFixed(2)} = ${best.exact.toDecimalPlaces(3).toFixed()}%，应为${expected}%。`,
    { actual: `${q.text}%`, expected: `${expected}%` },
  );
}

/** The year-on-year changes a sentence may be about, with their exact rates (the same for every % it quotes). */
function changeRates(s: Sentence, facts: NarrativeFacts) {
  const amount = amountAfter(s, /(?:减少|增加|下降|增长)/);
  const byAmount = amount ? facts.changes.filter((c) => c.current.minus(c.previous).abs().equals(amount)) : [];
  const plain = (x: string) => x.replace(/[、，,“”]/g, '');
  // “收、支总计” names the income and the expenditure total at once.
  const names = (label: string) => (/^(收入|支出)总计$/.test(label) ? [label, '收支总计'] : [label]);
  const sentence = plain(s.text);
  const matched = (c: (typeof facts.changes)[number]) =>
    Math.max(
      0,
      ...names(c.label)
        .filter((n) => sentence.includes(plain(n)))
        .map((n) => n.length),
    );
  // The most specific name wins: “财政拨款收、支总计” is not the plain 收支总计.
  const byLabel = facts.changes.filter((c) => matched(c) > 0).sort((a, b) => matched(b) - matched(a));
  const both = byLabel.filter((c) => byAmount.includes(c));
  const candidates = [both, byAmount, byLabel, facts.changes].find((list) => list.length > 0) ?? [];
  return candidates
    .filter((c) => !c.previous.isZero())
    .map((c) => ({ c, exact: c.current.minus(c.previous).abs().dividedBy(c.previous).times(100) }));
}

/** The last amount quoted before `index` (binary search: the amounts are in sentence order). */
function lastAmountBefore(amounts: readonly Quoted[], index: number): Quoted | undefined {
  let lo = 0;
  let hi = amounts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((amounts[mid]?.end ?? 0) <= index) lo = mid + 1;
    else hi = mid;
  }
  return amounts[lo - 1];
}

function checkShare(s: Sentence, q: Quoted, facts: NarrativeFacts, report: Report): void {
  const part = lastAmountBefore(s.amounts, q.index);
  if (!part || facts.wholes.length === 0) return;
  const unit = new Dec(10).pow(-decimalsOf(q.text));
  const shares = facts.wholes.map((w) => part.value.dividedBy(w).times(100));
  if (shares.some((e) => asWritten(e, q.text).minus(q.value).abs().lessThanOrEqualTo(unit))) return;
  const nearest = shares.reduce((a, b) => (a.minus(q.value).abs().lessThan(b.minus(q.value).abs()) ? a : b));
  const expected = asWritten(nearest, q.text).toFixed(decimalsOf(q.text));
  report('N-02', `“${part.text}万元，占${q.text}%”与表中合计数计算的占比不符（最接近的为${expected}%）。`, {
    actual: `${q.text}%`,
    expected: `${expected}%`,
  });
}

/**
 * `(人员经费|公用经费)[^；;]*?主要包括[:：]([^；;]+)` as a global regular expression would match it, in one pass per
 * ；-segment: the lazy middle would rescan the segment from every 人员经费 (quadratic in a long segment).
 */
function listsAfter(s: string): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const segment of s.split(/[；;]/)) {
    const a = segment.indexOf('人员经费');
    const b = segment.indexOf('公用经费');
    const at = a === -1 ? b : b === -1 ? a : Math.min(a, b);
    if (at === -1) continue;
    let from = at + 4;
    for (;;) {
      const hit = segment.indexOf('主要包括', from);
      if (hit === -1) break;
      const colon = segment.charAt(hit + 4);
      if (colon === ':' || colon === '：') {
        const list = segment.slice(hit + 5);
        if (list !== '') out.push([segment.slice(at), segment.slice(at, at + 4), list]);
        break;
      }
      from = hit + 1;
    }
  }
  return out;
}

function checkBasicItems(s: string, facts: NarrativeFacts, report: Report): void {
  for (const m of listsAfter(s)) {
    const side = m[1] === '人员经费' ? 'personnel' : 'public';
    const listed = (m[2] ?? '')
      .split(/[、,，]/)
      .map((x) => x.trim().replace(/等$/, ''))
      .filter((x) => x !== '')
      // A real 主要包括 list names a few dozen 款; the rest of a 1 MB list adds nothing but time.
      .slice(0, MAX_LIST_ITEMS);
    const rows = facts.basicRows[side];
    const byName = new Map(rows.map((r) => [normalizeName(r.name), r]));
    const listedNames = new Set(listed.map(normalizeName));
    for (const item of listed) {
      const row = byName.get(normalizeName(item));
      if (!row) report('N-05', `${m[1]}“主要包括”中的“${item}”不是基本支出决算明细表中的${m[1]}科目。`);
      else if (Object.values(row.cells).every((f) => f.value.isZero())) {
        report('N-05', `${m[1]}“主要包括”列出了“${item}”，但它在基本支出决算明细表中为0。`, { actual: item });
      }
    }
    const omitted = facts.basicNonZero[side].filter(
      (r) => !listedNames.has(normalizeName(r.name)) && !listedCategory(r.code, rows, listedNames),
    );
    if (omitted.length > 0) {
      report(
        'N-05',
        `${m[1]}“主要包括”遗漏了基本支出决算明细表中不为0的科目：${omitted.map((r) => `${r.name}（${r.cells[1]?.value.toFixed(2)}万元）`).join('、')}。`,
        { expected: omitted.map((r) => r.name).join('、') },
      );
    }
  }
}

/** A 款 is covered when its 类 (`303 对个人和家庭的补助`) is listed. */
function listedCategory(
  code: string | null,
  rows: readonly { code: string | null; name: string }[],
  listed: Set<string>,
) {
  const lei = rows.find((r) => r.code !== null && r.code === code?.slice(0, 3));
  return lei !== undefined && listed.has(normalizeName(lei.name));
}

const NAMED_ITEM = /[（(]类[)）]([^（()）]+?)[（(]款[)）]([^（()）]+?)[（(]项[)）]/g;

function checkNamedItems(s: string, facts: NarrativeFacts, report: Report): void {
  for (const m of s.matchAll(NAMED_ITEM)) {
    const item = (m[2] ?? '').trim();
    if (!facts.itemNames.has(normalizeName(item))) {
      report('N-06', `列举的科目“${m[1]}（款）${item}（项）”在本单位的决算表中没有出现。`, { actual: item });
    }
  }
}

/** Every piece of unit text in the supplement, with where it was written. */
export function supplementTexts(s: Supplement): { text: string; source: TextSource }[] {
  const at = (path: string, label: string, sheet: string) => ({ label, at: s.sources[path] ?? null, sheet });
  const out: { text: string; source: TextSource }[] = [];
  const add = (text: string | null | undefined, source: TextSource) => {
    if (text) out.push({ text, source });
  };
  add(s.profile.duties, at('profile.duties', '单位概况“主要职责”', SHEET.profile));
  add(s.profile.organization, at('profile.organization', '单位概况“机构设置”', SHEET.profile));
  for (const [k, v] of Object.entries(s.reasons)) add(v, at(`reasons.${k}`, '补充信息中的原因说明', SHEET.info));
  add(s.projectUse, at('projectUse', '补充信息“项目支出主要用途”', SHEET.info));
  for (const b of s.budgets) add(b.reason, at(`budgets.${b.code}`, `年初预算表科目${b.code}的差异原因`, SHEET.info));
  add(s.assets.note, at('assets.note', '国有资产占用其他说明', SHEET.info));
  const perf = s.performance;
  for (const [k, v] of [
    ['overview', perf.overview],
    ['overallText', perf.overallText],
    ['application', perf.application],
    ['improvements', perf.improvements],
  ] as const) {
    add(v, at(`performance.${k}`, '补充信息中的预算绩效说明', SHEET.info));
  }
  for (const e of perf.evaluations) {
    const src = { label: `绩效自评表“${e.projectName}”`, at: null, sheet: e.sheet };
    add(e.summary, src);
    add(e.deviation, src);
    add(e.improvement, src);
  }
  for (const sec of s.keyWork.sections)
    add(sec.text, { label: `重点工作“${sec.title}”`, at: null, sheet: SHEET.keyWork });
  for (const r of s.keyWork.rows)
    add(`${r.goal}\n${r.result}`, { label: `重点工作表第${r.seq}项`, at: null, sheet: SHEET.keyWork });
  return out;
}

function checkEvaluations(s: Supplement): Finding[] {
  return s.performance.evaluations.flatMap((e) =>
    checkSelfEvaluation(e).problems.map((problem) =>
      finding({
        rule: 'N-07',
        sheet: e.sheet,
        cell: `A${e.row}`,
        message: `绩效自评表“${e.projectName}”：${problem}。`,
      }),
    ),
  );
}

function checkSuppliedAmounts(d: Disclosure, s: Supplement): Finding[] {
  const out: Finding[] = [];
  const report = (path: string, message: string) =>
    out.push(
      finding({
        rule: 'N-08',
        sheet: s.sources[path]?.sheet ?? SHEET.info,
        cell: s.sources[path]?.cell ?? null,
        message,
      }),
    );
  const p = s.procurement;
  const [total, goods, works, services, sme, small] = [p.total, p.goods, p.works, p.services, p.sme, p.smallMicro].map(
    (v) => decOrNull(v),
  );
  const parts = [goods, works, services].filter((v): v is Dec => v !== null);
  if (total && parts.length > 0) {
    const sum = parts.reduce((a, b) => a.plus(b));
    if (!sum.equals(total)) {
      report(
        'procurement.total',
        `政府采购支出总额${total.toFixed(2)}万元不等于货物、工程、服务支出之和${sum.toFixed(2)}万元。`,
      );
    }
  }
  if (total && sme?.greaterThan(total)) {
    report('procurement.sme', `授予中小企业合同金额${sme.toFixed(2)}万元超过政府采购支出总额${total.toFixed(2)}万元。`);
  }
  if (sme && small?.greaterThan(sme)) {
    report(
      'procurement.smallMicro',
      `授予小微企业合同金额${small.toFixed(2)}万元超过授予中小企业合同金额${sme.toFixed(2)}万元。`,
    );
  }
  const cost = decOrNull(s.operatingCost);
  const pub = d.tables.T6?.rows.find((r) => r.key === 'public-total')?.cells[1]?.value;
  if (cost && pub && cost.greaterThan(pub)) {
    report(
      'operatingCost',
      `机关运行经费${cost.toFixed(2)}万元超过基本支出决算明细表的公用经费合计${pub.toFixed(2)}万元（机关运行经费是公用经费的一部分）。`,
    );
  }
  return out;
}

/**
 * All N- checks of a supplement against its disclosure. `previous` is the unit's previous published year when
 * known (the pipeline knows it; validation of an upload alone uses the supplement's own 上年 figures).
 */
export function checkNarrative(
  d: Disclosure,
  s: Supplement,
  previous: { year: number; disclosure: Disclosure } | null = null,
): Finding[] {
  const year = d.year ?? 0;
  const facts = buildNarrativeFacts(d, s, previousFigures(year, previous, s));
  return [
    ...supplementTexts(s).flatMap(({ text, source }) => checkNarrativeText(text, facts, source)),
    ...checkEvaluations(s),
    ...checkSuppliedAmounts(d, s),
  ];
}
