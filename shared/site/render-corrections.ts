import { chineseDate } from '../explain/format.ts';
import { type Html, html } from './escape-html.ts';
import { type DisclosureHistory, type VersionEntry, versionPath, type WithdrawalNotice } from './history-model.ts';
import { departmentSlug, sitePaths } from './paths.ts';
import { href, renderPage } from './render-layout.ts';
import type { PublishedDisclosure, SiteFile, UnitInfo } from './site-model.ts';

/**
 * Corrections on the record (issue 13): the 更正说明 section of a disclosure page (each later version: its date and
 * exactly what changed — table, row, column, old → new figure, text parts), the banner of an earlier version at its
 * stable address, and the notice that replaces a withdrawn disclosure. Every text is escaped (`html`).
 */

const time = (iso: string) => html`<time datetime="${iso.slice(0, 10)}">${chineseDate(iso)}</time>`;

export function isSuperseded(p: PublishedDisclosure): boolean {
  return Boolean(p.history && p.history.currentVersion !== p.version);
}

function versionLabel(history: DisclosureHistory, v: VersionEntry): string {
  const n = history.versions.indexOf(v) + 1;
  return n === 1 ? '首次公开版本' : `第${n}版（第${n - 1}次更正）`;
}

function amount(text: string | null): Html {
  return text === null ? html`<span class="absent">（无此行）</span>` : html`${text}`;
}

function changes(history: DisclosureHistory, v: VersionEntry, year: number, code: string): Html {
  const d = v.diff;
  const link = html`<a href="${href(versionPath(year, code, v.version))}">查看该版本</a>`;
  const imported = v.importedFrom ? html`（该版本原发布于 ${v.importedFrom}，由管理员导入）` : '';
  if (!d || (d.figures.length === 0 && d.texts.length === 0)) {
    return html`<li><p>${time(v.publishedAt)} ${versionLabel(history, v)}：数据和文字与上一版本相同${imported}。${link}</p></li>`;
  }
  const figures =
    d.figures.length === 0
      ? ''
      : html`<div class="table-scroll" role="region" aria-label="${versionLabel(history, v)}更正的数据（可左右滚动）" tabindex="0"><table class="fin corrections"><caption>更正的数据（金额单位：万元）</caption><thead><tr><th scope="col">表</th><th scope="col">行</th><th scope="col">栏</th><th scope="col">原数</th><th scope="col">更正后</th></tr></thead><tbody>${d.figures.map(
          (f) =>
            html`<tr><td>${f.tableName}</td><td>${f.code && !f.rowName.includes(f.code) ? `${f.code} ` : ''}${f.rowName}</td><td>栏${f.column} ${f.columnLabel}</td><td class="num">${amount(f.old)}</td><td class="num">${amount(f.new)}</td></tr>`,
        )}</tbody></table></div>`;
  const texts = d.texts.length === 0 ? '' : html`<p>更正的文字内容：${d.texts.map((t) => t.part).join('、')}。</p>`;
  return html`<li><p>${time(v.publishedAt)} ${versionLabel(history, v)}：更正数据${d.figures.length}处${d.texts.length ? `、文字${d.texts.length}处` : ''}${imported}。${link}</p>${figures}${texts}</li>`;
}

/** The 更正说明 section (null when the unit-year has one version). */
export function renderCorrections(p: PublishedDisclosure): Html | null {
  const h = p.history;
  if (!h || h.versions.length < 2) return null;
  const later = h.versions.slice(1);
  const first = h.versions[0] as VersionEntry;
  return html`<section class="part corrections" aria-labelledby="corrections"><h2 id="corrections">更正说明</h2>
<p>本年度决算于${time(h.firstPublishedAt)}首次公开（<a href="${href(versionPath(p.year, p.unit.code, first.version))}">首次公开版本</a>），此后更正${later.length}次。各次更正的内容如下（与前一版本比较）：</p>
<ol class="correction-list">${later.map((v) => changes(h, v, p.year, p.unit.code))}</ol></section>`;
}

/** The note at the top of an earlier version's page. */
export function renderSupersededBanner(p: PublishedDisclosure): Html | null {
  const h = p.history;
  if (!h || !isSuperseded(p)) return null;
  const mine = h.versions.find((v) => v.version === p.version);
  const next = mine ? h.versions[h.versions.indexOf(mine) + 1] : undefined;
  return html`<p class="superseded" role="note"><strong>此为历史版本，已被更正。</strong>${mine ? html`本版本公开于${time(mine.publishedAt)}，` : ''}${next ? html`已被${time(next.publishedAt)}公开的版本替代。` : ''}<a href="${href(sitePaths.disclosure(p.year, p.unit.code))}">查看现行版本及更正说明</a></p>`;
}

/**
 * The current version at its stable address (the same page as `/{year}/{code}/`: `currentPage`, rendered once), and
 * every earlier version at its own, marked superseded.
 */
export function versionFiles(
  p: PublishedDisclosure,
  render: (p: PublishedDisclosure) => string,
  currentPage: string,
): SiteFile[] {
  if (!p.history) return [];
  const file = (v: PublishedDisclosure, body: string): SiteFile => ({
    path: versionPath(v.year, v.unit.code, v.version),
    body,
    contentType: 'text/html; charset=utf-8',
  });
  return [file(p, currentPage), ...(p.earlier ?? []).map((v) => file(v, render(v)))];
}

/** What replaces a withdrawn disclosure's page (and its versions' pages): the date and the reason, nothing else. */
export function renderWithdrawnPage(unit: UnitInfo, year: number, w: WithdrawalNotice): string {
  const slug = departmentSlug(unit.department);
  return renderPage({
    title: `${year}年度${unit.name}决算公开（已撤回）`,
    description: `${unit.name}${year}年度决算公开已撤回。`,
    breadcrumb: [
      { label: '首页', href: '/' },
      { label: `${year}年度`, href: href(sitePaths.year(year)) },
      ...(unit.department ? [{ label: unit.department, href: href(sitePaths.department(year, slug)) }] : []),
      { label: unit.name, href: null },
    ],
    main: html`<h1>${year}年度${unit.name}决算公开（已撤回）</h1>
<section class="withdrawn" aria-labelledby="withdrawn-title"><h2 id="withdrawn-title">撤回说明</h2>
<dl class="meta"><div><dt>撤回日期</dt><dd>${time(w.at)}</dd></div><div><dt>撤回原因</dt><dd>${w.reason}</dd></div></dl>
<p>该单位本年度的决算公开内容已由财政部门撤回，原页面和开放数据不再提供。如有疑问，请联系${unit.department ?? '主管部门'}或同级财政部门。</p></section>`,
  });
}
