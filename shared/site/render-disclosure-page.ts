import { TABLE_IDS, TABLE_NAMES } from '../disclosure/model.ts';
import { explainDisclosure } from '../explain/explain-disclosure.ts';
import { addDays, chineseDate, chineseNumber, isoDateInChina } from '../explain/format.ts';
import { type Html, html } from './escape-html.ts';
import { departmentSlug, sitePaths } from './paths.ts';
import { renderDataNotes } from './render-data-notes.ts';
import { renderBlocks, renderExplainedSection } from './render-explanation.ts';
import { href, renderPage } from './render-layout.ts';
import { renderAttachments, renderKeyWork, renderProfile } from './render-supplement-parts.ts';
import { renderTablesSection, tableAnchor } from './render-tables.ts';
import type { PublishedDisclosure } from './site-model.ts';

/**
 * The page of one unit-year (`/{year}/{code}/`): the six parts of the official document in order — 概况, the nine
 * tables, 情况说明 generated from the figures, 重点工作, 名词解释, 附件 — then 数据说明.
 */

/** 《地方预决算公开操作规程》: publish within 20 days of the 财政 approval. */
export const PUBLICATION_DAYS = 20;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function dates(p: PublishedDisclosure): Html {
  const published = isoDateInChina(p.publishedAt);
  const approval = p.supplement?.profile.approvalDate ?? null;
  const time = (iso: string) => html`<time datetime="${iso}">${chineseDate(iso)}</time>`;
  let deadline: Html = html`<dd>单位未提供批复日期</dd>`;
  if (approval) {
    const due = addDays(approval, PUBLICATION_DAYS);
    const late = daysBetween(due, published);
    const verdict =
      late > 0
        ? html`<strong class="late">晚于时限${late}日公开</strong>`
        : html`<span class="on-time">按时公开</span>`;
    deadline = html`<dd>批复后${PUBLICATION_DAYS}日内，即${time(due)}前；${verdict}</dd>`;
  }
  const data = sitePaths.disclosureData(p.year, p.unit.code);
  const csv = sitePaths.disclosureCsv(p.year, p.unit.code);
  return html`<dl class="meta">
<div><dt>公开日期</dt><dd>${time(published)}</dd></div>
<div><dt>决算批复日期</dt><dd>${approval ? time(approval) : '单位未提供'}</dd></div>
<div><dt>公开时限</dt>${deadline}</div>
<div><dt>主管部门</dt><dd>${p.unit.department ?? '未填写'}</dd></div>
<div><dt>金额单位</dt><dd>万元</dd></div>
<div><dt>开放数据</dt><dd><a href="${href(data)}">data.json</a>（JSON）　<a href="${href(csv)}">data.csv</a>（CSV）</dd></div>
</dl>`;
}

function toc(sections: { id: string; number: string; title: string }[]): Html {
  return html`<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">目录</h2><ol>
<li><a href="#part-1">第一部分 单位概况</a></li>
<li><a href="#part-2">第二部分 单位决算表</a><ol>${TABLE_IDS.map((id, i) => html`<li><a href="#${tableAnchor(id)}">${chineseNumber(i + 1)}、${TABLE_NAMES[id]}</a></li>`)}</ol></li>
<li><a href="#part-3">第三部分 单位决算情况说明</a><ol>${sections.map((s) => html`<li><a href="#explain-${s.id}">${s.number}、${s.title}</a></li>`)}</ol></li>
<li><a href="#part-4">第四部分 重点工作完成情况</a></li>
<li><a href="#part-5">第五部分 名词解释</a></li>
<li><a href="#part-6">第六部分 附件</a></li>
<li><a href="#data-notes">数据说明</a></li>
</ol></nav>`;
}

function part(n: number, title: string, body: Html): Html {
  return html`<section class="part" aria-labelledby="part-${n}"><h2 id="part-${n}">${title}</h2>
${body}</section>\n`;
}

export function renderDisclosurePage(p: PublishedDisclosure): string {
  const unit = p.unit.name;
  const year = p.year;
  const explanation = explainDisclosure({
    disclosure: p.disclosure,
    supplement: p.supplement,
    year,
    unitName: unit,
    previous: p.previous,
  });
  const slug = departmentSlug(p.unit.department);
  const main = html`<h1>${year}年度${unit}单位决算公开</h1>
${dates(p)}
${toc(explanation.sections)}
${part(1, `第一部分 ${unit}概况`, renderProfile(p.supplement))}
${part(2, `第二部分 ${unit}${year}年度单位决算表`, html`<p class="lead">以下九张表为单位决算公开表，金额单位：万元。本套报表金额单位转换时可能存在尾数误差，见<a href="#data-notes">数据说明</a>。</p>${renderTablesSection(p.disclosure)}`)}
${part(3, `第三部分 ${unit}${year}年度单位决算情况说明`, html`<p class="lead">本部分的金额、占比、增减幅度和完成比例均按决算表数据计算（比例四舍五入保留一位小数）；增减和差异的原因由单位说明。</p>${explanation.sections.map(renderExplainedSection)}`)}
${part(4, `第四部分 ${year}年度重点工作完成情况`, renderKeyWork(p.supplement, year))}
${part(5, '第五部分 名词解释', renderBlocks(explanation.terms, 3))}
${part(6, '第六部分 附件', renderAttachments(p.supplement, unit))}
<section class="part data-notes" aria-labelledby="data-notes"><h2 id="data-notes">数据说明</h2>${renderDataNotes(p.findings)}</section>`;
  return renderPage({
    title: `${year}年度${unit}单位决算公开`,
    description: `${unit}${year}年度单位决算公开：决算表、情况说明、名词解释及开放数据。`,
    breadcrumb: [
      { label: '首页', href: '/' },
      { label: `${year}年度`, href: href(sitePaths.year(year)) },
      ...(p.unit.department ? [{ label: p.unit.department, href: href(sitePaths.department(year, slug)) }] : []),
      { label: unit, href: null },
    ],
    main,
    alternates: [
      { href: href(sitePaths.disclosureData(year, p.unit.code)), type: 'application/json', title: '开放数据（JSON）' },
      { href: href(sitePaths.disclosureCsv(year, p.unit.code)), type: 'text/csv', title: '开放数据（CSV）' },
    ],
  });
}
