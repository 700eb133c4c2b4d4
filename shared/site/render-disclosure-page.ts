import { kindOf, kindWords } from '../disclosure/kind.ts';
import { TABLE_IDS, TABLE_NAMES } from '../disclosure/model.ts';
import { explainDisclosure } from '../explain/explain-disclosure.ts';
import { addDays, chineseDate, chineseNumber, isoDateInChina } from '../explain/format.ts';
import { type Html, html } from './escape-html.ts';
import { departmentKey, sitePaths } from './paths.ts';
import { renderCorrections, renderSupersededBanner } from './render-corrections.ts';
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
  // 公开日期 is the first publication of the unit-year, kept across corrections; the verdict follows it (issue 13).
  const h = p.history ?? null;
  const published = isoDateInChina(h?.firstPublishedAt ?? p.publishedAt);
  const approval = h ? h.approvalDate : (p.supplement?.profile.approvalDate ?? null);
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
${h?.updatedAt ? html`<div><dt>更新日期</dt><dd>${time(h.updatedAt)}（<a href="#corrections">更正说明</a>）</dd></div>\n` : ''}<div><dt>决算批复日期</dt><dd>${approval ? time(approval) : '单位未提供'}</dd></div>
<div><dt>公开时限</dt>${deadline}</div>
<div><dt>主管部门</dt><dd>${p.unit.department ?? '未填写'}</dd></div>
<div><dt>金额单位</dt><dd>万元</dd></div>
<div><dt>开放数据</dt><dd><a href="${href(data)}">data.json</a>（JSON）　<a href="${href(csv)}">data.csv</a>（CSV）</dd></div>
</dl>`;
}

/** One part of the page: its number in the order shown, the title in the table of contents and the heading. */
interface Part {
  /** Table of contents entry (`单位概况`, `名词解释`). */
  short: string;
  heading: string;
  body: Html;
  /** Entries under it in the table of contents. */
  children?: Html;
}

function toc(parts: readonly Part[]): Html {
  return html`<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">目录</h2><ol>
${parts.map((pt, i) => html`<li><a href="#part-${i + 1}">${partNumber(i)} ${pt.short}</a>${pt.children ?? ''}</li>\n`)}<li><a href="#data-notes">数据说明</a></li>
</ol></nav>`;
}

function partNumber(i: number): string {
  return `第${chineseNumber(i + 1)}部分`;
}

function part(n: number, pt: Part): Html {
  return html`<section class="part" aria-labelledby="part-${n}"><h2 id="part-${n}">${partNumber(n - 1)} ${pt.heading}</h2>
${pt.body}</section>\n`;
}

/**
 * The parts in the official order of the kind. 单位决算 (the seed): 概况, 决算表, 情况说明, 重点工作, 名词解释, 附件 —
 * all six, a missing one said to be missing. 部门决算 (the 2024 Shanghai template): 概况, 决算表, 情况说明, 名词解释;
 * 重点工作 and 附件 are not parts of it and appear (after 名词解释) only when the department supplied them.
 */
function parts(p: PublishedDisclosure, explanation: ReturnType<typeof explainDisclosure>): Part[] {
  const unit = p.unit.name;
  const year = p.year;
  const w = kindWords(kindOf(p.disclosure));
  const profile: Part = {
    short: `${w.subject}概况`,
    heading: `${unit}概况`,
    body: renderProfile(p.supplement, w.kind),
  };
  const tables: Part = {
    short: `${w.label}表`,
    heading: `${unit}${year}年度${w.label}表`,
    body: html`<p class="lead">以下九张表为${w.label}公开表，金额单位：万元。本套报表金额单位转换时可能存在尾数误差，见<a href="#data-notes">数据说明</a>。</p>${renderTablesSection(p.disclosure)}`,
    children: html`<ol>${TABLE_IDS.map((id, i) => html`<li><a href="#${tableAnchor(id)}">${chineseNumber(i + 1)}、${TABLE_NAMES[id]}</a></li>`)}</ol>`,
  };
  const explained: Part = {
    short: `${w.label}情况说明`,
    heading: `${unit}${year}年度${w.label}情况说明`,
    body: html`<p class="lead">本部分的金额、占比、增减幅度和完成比例均按决算表数据计算（比例四舍五入保留一位小数）；增减和差异的原因由${w.subject}说明。</p>${explanation.sections.map(renderExplainedSection)}`,
    children: html`<ol>${explanation.sections.map((s) => html`<li><a href="#explain-${s.id}">${s.number}、${s.title}</a></li>`)}</ol>`,
  };
  const keyWork: Part = {
    short: '重点工作完成情况',
    heading: `${year}年度重点工作完成情况`,
    body: renderKeyWork(p.supplement, year),
  };
  const terms: Part = { short: '名词解释', heading: '名词解释', body: renderBlocks(explanation.terms, 3) };
  const attachments: Part = { short: '附件', heading: '附件', body: renderAttachments(p.supplement, unit) };
  if (w.kind === 'unit') return [profile, tables, explained, keyWork, terms, attachments];
  const work = p.supplement?.keyWork;
  const hasKeyWork = (work?.sections.length ?? 0) > 0 || (work?.rows.length ?? 0) > 0;
  const hasAttachments = (p.supplement?.performance.evaluations.length ?? 0) > 0;
  return [
    profile,
    tables,
    explained,
    terms,
    ...(hasKeyWork ? [keyWork] : []),
    ...(hasAttachments ? [attachments] : []),
  ];
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
  const slug = departmentKey(p.unit);
  const w = kindWords(kindOf(p.disclosure));
  const shown = parts(p, explanation);
  const superseded = renderSupersededBanner(p);
  const main = html`<h1>${year}年度${unit}${w.label}公开</h1>
${superseded ?? ''}${dates(p)}
${toc(shown)}
${shown.map((pt, i) => part(i + 1, pt))}
<section class="part data-notes" aria-labelledby="data-notes"><h2 id="data-notes">数据说明</h2>${renderDataNotes(p.findings, p.disclosure)}</section>
${superseded ? '' : (renderCorrections(p) ?? '')}`;
  return renderPage({
    title: `${year}年度${unit}${w.label}公开`,
    description: `${unit}${year}年度${w.label}公开：决算表、情况说明、名词解释及开放数据。`,
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
