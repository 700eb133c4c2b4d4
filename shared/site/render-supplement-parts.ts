import type { DisclosureKind } from '../disclosure/model.ts';
import { amountText, decOrNull } from '../explain/format.ts';
import { checkSelfEvaluation, type ScoreCheck } from '../explain/self-evaluation-score.ts';
import type { SelfEvaluation, Supplement } from '../supplement/model.ts';
import { type Html, html, paragraphsHtml } from './escape-html.ts';
import { scrollFrame } from './table-cells.ts';

/** 第一部分 概况, 第四部分 重点工作 and 第六部分 附件: the unit's own text and tables, shown as supplied. */

const missing = (text: string) => html`<p class="missing">${text}</p>`;

/**
 * 第一部分 概况. 单位决算: 单位主要职责, 机构设置情况. 部门决算 (2024 Shanghai template): 主要职能, 部门决算单位构成 —
 * the 本级 and the 下属单位 whose accounts the department's consolidates.
 */
export function renderProfile(s: Supplement | null, kind: DisclosureKind = 'unit'): Html {
  const duties = s?.profile.duties;
  const organization = s?.profile.organization;
  const department = kind === 'department';
  const dutiesTitle = department ? '一、部门主要职能' : '一、单位主要职责';
  const orgTitle = department ? '二、部门决算单位构成（本级及下属单位）' : '二、机构设置情况';
  const self = department ? '本部门' : '本单位';
  return html`<h3 id="profile-duties">${dutiesTitle}</h3>${duties ? paragraphsHtml(duties) : missing(`${self}未提供主要职${department ? '能' : '责'}。`)}
<h3 id="profile-organization">${orgTitle}</h3>${organization ? paragraphsHtml(organization) : missing(department ? '本部门未提供部门决算单位构成（本级及下属单位）。' : '本单位未提供机构设置情况。')}`;
}

export function renderKeyWork(s: Supplement | null, year: number): Html {
  const work = s?.keyWork;
  if (!work || (work.sections.length === 0 && work.rows.length === 0)) {
    return missing('本单位未提供重点工作完成情况。');
  }
  const sections = work.sections.map(
    (sec, i) =>
      html`<section class="subsection" aria-labelledby="key-work-${i + 1}"><h3 id="key-work-${i + 1}">${sec.title || `重点工作${i + 1}`}</h3>${paragraphsHtml(sec.text)}</section>\n`,
  );
  const table =
    work.rows.length === 0
      ? html``
      : scrollFrame(
          `${year}年度重点工作完成情况表`,
          html`<table class="fin key-work"><caption>${year}年度重点工作完成情况表</caption><thead><tr><th scope="col">序号</th><th scope="col">重要事项</th><th scope="col">工作内容及目标</th><th scope="col">完成情况</th></tr></thead><tbody>${work.rows.map(
            (r) =>
              html`<tr><td class="seq">${r.seq}</td><th scope="row">${r.matter}</th><td class="text">${r.goal}</td><td class="text">${r.result}</td></tr>`,
          )}</tbody></table>`,
        );
  return html`${sections}${table}`;
}

function infoList(e: SelfEvaluation, unitName: string): Html {
  const items: [string, string | null][] = [
    ['单位名称', unitName],
    ['项目名称', e.projectName],
    ['主管部门', e.department],
    ['项目实施单位', e.implementer],
    ['项目类别', e.category],
    ['项目属性', e.attribute],
    ['项目类型', e.projectType],
  ];
  return html`<dl class="kv">${items
    .filter(([, v]) => v)
    .map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
}

function executionTable(e: SelfEvaluation, check: ScoreCheck, n: number): Html {
  const budget = decOrNull(e.budget);
  const actual = decOrNull(e.actual);
  const rate = e.rate ? `${e.rate}%` : check.rate ? `${check.rate.times(100).toFixed(2)}%` : '';
  const score = e.rateScore ?? check.rateScore?.toFixed(2) ?? '';
  return scrollFrame(
    `预算执行情况`,
    html`<table class="fin evaluation-execution"><caption>预算执行情况（万元）（20分）</caption><thead><tr><th scope="col">项目</th><th scope="col">预算数（A）</th><th scope="col">执行数（B）</th><th scope="col">执行率（B/A）</th><th scope="col">得分（20分×执行率）</th></tr></thead><tbody><tr><th scope="row" id="eval-${n}-fund">年度财政资金总额</th><td class="num">${budget ? amountText(budget) : ''}</td><td class="num">${actual ? amountText(actual) : ''}</td><td class="num">${rate}</td><td class="num">${score}</td></tr></tbody></table>`,
  );
}

function indicatorTable(e: SelfEvaluation): Html {
  return scrollFrame(
    '年度绩效目标',
    html`<table class="fin evaluation-indicators"><caption>年度绩效目标（80分）</caption><thead><tr><th scope="col">一级指标</th><th scope="col">二级指标</th><th scope="col">三级指标</th><th scope="col">分值</th><th scope="col">预计当年实现（A）</th><th scope="col">实际完成值（B）</th><th scope="col">得分</th></tr></thead><tbody>${e.indicators.map(
      (i) =>
        html`<tr><td>${i.level1}</td><td>${i.level2}</td><th scope="row">${i.name}</th><td class="num">${i.weight ?? ''}</td><td>${i.target}</td><td>${i.actual}</td><td class="num">${i.score ?? ''}</td></tr>`,
    )}</tbody><tfoot><tr><th scope="row" colspan="6">总分</th><td class="num">${e.totalScore ?? ''}</td></tr></tfoot></table>`,
  );
}

/** The recomputation shown under each table, so a reader can see the score adds up (or where it does not). */
function scoreCheck(check: ScoreCheck): Html {
  const parts = [
    check.rate && check.rateScore
      ? `执行率得分 = 20 × ${check.rate.times(100).toDecimalPlaces(2).toFixed(2)}% = ${check.rateScore.toFixed(2)}分`
      : null,
    `各指标分值合计${check.indicatorWeights.toFixed()}分，得分合计${check.indicatorScores.toFixed(2)}分`,
    check.total ? `总分 = ${check.total.toFixed(2)}分` : null,
  ].filter((x): x is string => x !== null);
  const verdict =
    check.problems.length === 0
      ? html`<p class="check ok">得分复核：${parts.join('；')}，与表中一致。</p>`
      : html`<div class="check problem"><p>得分复核：${parts.join('；')}。发现以下不一致：</p><ul>${check.problems.map((p) => html`<li>${p}</li>`)}</ul></div>`;
  return verdict;
}

function evaluationHtml(e: SelfEvaluation, n: number, unitName: string): Html {
  const check = checkSelfEvaluation(e);
  const tail: [string, string | null][] = [
    ['偏差大或目标未完成原因分析', e.deviation],
    ['改进措施及结果应用方案', e.improvement],
  ];
  return html`<section class="evaluation" aria-labelledby="evaluation-${n}"><h3 id="evaluation-${n}">${e.projectName}项目支出绩效自评表</h3>
${infoList(e, unitName)}${executionTable(e, check, n)}${indicatorTable(e)}${scoreCheck(check)}<dl class="kv wide">${tail.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v ?? '无'}</dd></div>`)}</dl></section>\n`;
}

export function renderAttachments(s: Supplement | null, unitName: string): Html {
  const evaluations = s?.performance.evaluations ?? [];
  if (evaluations.length === 0) return missing('本单位未提供项目支出绩效自评表。');
  return html`${evaluations.map((e, i) => evaluationHtml(e, i + 1, unitName))}`;
}
