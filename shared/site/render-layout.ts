import { ASSETS } from './assets.ts';
import { type Html, html } from './escape-html.ts';

/**
 * The page shell shared by every page: lang, skip link, header, breadcrumb, main, footer. Links are root-absolute
 * (`/2023/101017/`): the site is served at the bucket root, both behind CloudFront and locally.
 */

export const SITE_NAME = '单位决算公开';
/** Content-hashed (shared/site/assets.ts): immutable, never invalidated. */
export const CSS_PATH = `/${ASSETS.stylesheet.path}`;
export const SEARCH_SCRIPT_PATH = `/${ASSETS.searchScript.path}`;

export interface Crumb {
  label: string;
  /** Root-absolute link; null for the current page. */
  href: string | null;
}

export interface PageOptions {
  title: string;
  description: string;
  breadcrumb: readonly Crumb[];
  main: Html;
  /** Open-data links announced in <head>. */
  alternates?: readonly { href: string; type: string; title: string }[];
  /** Same-origin scripts (CSP allows script-src 'self' only; never inline). */
  scripts?: readonly string[];
}

function breadcrumb(crumbs: readonly Crumb[]): Html {
  if (crumbs.length === 0) return html``;
  return html`<nav class="breadcrumb" aria-label="当前位置"><ol>${crumbs.map((c) =>
    c.href === null ? html`<li aria-current="page">${c.label}</li>` : html`<li><a href="${c.href}">${c.label}</a></li>`,
  )}</ol></nav>`;
}

export function renderPage(o: PageOptions): string {
  const page = html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} - ${SITE_NAME}</title>
<meta name="description" content="${o.description}">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${CSS_PATH}">
${(o.alternates ?? []).map((a) => html`<link rel="alternate" type="${a.type}" href="${a.href}" title="${a.title}">\n`)}${(o.scripts ?? []).map((s) => html`<script src="${s}" defer></script>\n`)}</head>
<body>
<a class="skip-link" href="#main">跳到正文</a>
<header class="site-header">
<div class="wrap"><a class="site-name" href="/">${SITE_NAME}</a><span class="site-tagline">预算单位决算信息公开</span></div>
</header>
<div class="wrap">${breadcrumb(o.breadcrumb)}</div>
<main id="main" class="wrap" tabindex="-1">
${o.main}
</main>
<footer class="site-footer">
<div class="wrap"><p>金额单位：万元。表中数据以各单位上传并经校验的决算公开表为准，金额单位转换时可能存在尾数误差。</p><p><a href="/">返回首页</a></p></div>
</footer>
</body>
</html>
`;
  return page.value;
}

/** Root-absolute link of a site path (`2023/101017/index.html` → `/2023/101017/`). */
export function href(path: string): string {
  return `/${path.replace(/index\.html$/, '')}`;
}
