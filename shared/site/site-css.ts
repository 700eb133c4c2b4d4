/**
 * The one stylesheet of the site (`/assets/site.{hash}.css`, see assets.ts). Chinese font stack first; tables scroll inside their own
 * region on phones instead of widening the page; an A4 print style repeats table headers on every page and keeps
 * rows whole.
 */
export const SITE_CSS = `:root {
  --fg: #1b1f24;
  --muted: #56606b;
  --line: #c5ced8;
  --head: #eef2f6;
  --accent: #1d5fa7;
  --accent-bg: #eef4fb;
  --warn: #7a4300;
  --warn-bg: #fff6e5;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html {
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif;
  line-height: 1.7;
  color: var(--fg);
  background: #fff;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
body { margin: 0; }
.wrap { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
main { display: block; padding-bottom: 2rem; }
main:focus { outline: none; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:hover { color: #123f70; }
/* Focus ring: near-black on the light backgrounds, white on the blue header; 3:1 or more against both (WCAG 1.4.11). */
:focus-visible { outline: 3px solid var(--fg); outline-offset: 2px; }
.site-header :focus-visible { outline-color: #fff; }
/* The skip link joins the flow above the header when focused, so its ring sits on white, not on the blue header. */
.skip-link { position: absolute; left: -9999px; top: 0; }
.skip-link:focus { position: static; display: inline-block; margin: 0.5rem 1rem; background: #fff; color: var(--accent); padding: 0.25rem 0.75rem; border: 2px solid var(--accent); }
.site-header { background: var(--accent); color: #fff; }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 1rem; padding-top: 0.75rem; padding-bottom: 0.75rem; }
.site-name { color: #fff; font-size: 1.25rem; font-weight: 700; text-decoration: none; }
.site-name:hover { color: #fff; text-decoration: underline; }
.site-tagline { font-size: 0.875rem; opacity: 0.92; }
.breadcrumb ol { display: flex; flex-wrap: wrap; list-style: none; margin: 0.75rem 0 0; padding: 0; font-size: 0.875rem; }
.breadcrumb li + li::before { content: "›"; margin: 0 0.5rem; color: var(--muted); }
.breadcrumb [aria-current] { color: var(--muted); }
h1 { font-size: 1.625rem; line-height: 1.35; margin: 1rem 0; }
h2 { font-size: 1.3rem; line-height: 1.4; margin: 2.5rem 0 1rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.1rem; line-height: 1.45; margin: 1.75rem 0 0.75rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 0.5rem; }
h5, h6 { font-size: 1rem; margin: 1rem 0 0.5rem; }
p { margin: 0.5rem 0; }
.lead { color: var(--muted); }
.meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0.25rem 1.5rem; margin: 1rem 0; padding: 0.75rem 1rem; background: var(--accent-bg); border-radius: 4px; }
.meta div { display: flex; gap: 0.75rem; }
.meta dt { color: var(--muted); white-space: nowrap; min-width: 6em; }
.meta dd { margin: 0; }
.late { color: #a11; }
.on-time { color: #17612c; }
.superseded { color: var(--warn); background: var(--warn-bg); border-left: 4px solid #d89a3a; padding: 0.5rem 0.75rem; }
.withdrawn .meta { background: var(--warn-bg); }
.correction-list > li { margin: 0.75rem 0; }
.absent { color: var(--muted); }
.toc { margin: 1.5rem 0; padding: 0.5rem 1rem 1rem; border: 1px solid var(--line); border-radius: 4px; }
.toc h2 { margin: 0.5rem 0; border: 0; font-size: 1.1rem; }
.toc ol { margin: 0.25rem 0; padding-left: 0; list-style: none; }
.toc ol ol { padding-left: 1.5rem; }
.toc ol ol { font-size: 0.875rem; columns: 2 16rem; }
.table-section { margin-bottom: 2rem; }
.table-scroll { overflow-x: auto; max-width: 100%; margin: 0.5rem 0; -webkit-overflow-scrolling: touch; }
table.fin { border-collapse: collapse; width: 100%; font-size: 0.875rem; font-variant-numeric: tabular-nums; background: #fff; }
table.fin caption { caption-side: top; text-align: left; padding: 0.25rem 0 0.5rem; font-weight: 700; }
.caption-title { display: block; font-size: 1rem; }
.caption-meta { display: flex; flex-wrap: wrap; gap: 0.1rem 1.25rem; font-size: 0.8125rem; font-weight: 400; color: var(--muted); }
table.fin th, table.fin td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; vertical-align: top; }
table.fin thead th { background: var(--head); font-weight: 600; text-align: center; vertical-align: middle; min-width: 3.25em; }
table.fin tbody th, table.fin tfoot th { text-align: left; font-weight: 400; }
table.fin td.num { text-align: right; white-space: nowrap; }
table.fin td.code, table.fin td.line, table.fin td.seq { text-align: center; white-space: nowrap; color: var(--muted); }
table.fin .col-numbers th, table.fin .col-numbers td { background: #f7f9fb; color: var(--muted); font-size: 0.75rem; text-align: center; font-weight: 400; }
table.fin tr.lvl-total th, table.fin tr.lvl-total td, table.fin tr.total th, table.fin tr.total td, table.fin th.total, table.fin tr.lvl-lei th, table.fin .lei { font-weight: 700; }
table.fin tr.lvl-kuan th { padding-left: 1.25rem; }
table.fin tr.lvl-xiang th { padding-left: 2.25rem; }
table.two-sided tbody th, table.classified tbody th { min-width: 11rem; }
table.basic tbody th { min-width: 8rem; }
table.fin td.text { min-width: 14rem; }
table.three-public { min-width: 56rem; }
table.three-public tbody th { white-space: nowrap; }
table.evaluation-indicators { min-width: 44rem; }
table.evaluation-execution { min-width: 32rem; }
table.key-work { min-width: 48rem; }
table.key-work tbody th { min-width: 8em; }
table.listing tbody th { min-width: 12rem; }
.table-notes { font-size: 0.8125rem; color: var(--muted); }
.table-notes p { margin: 0.15rem 0; }
.empty-statement { font-weight: 600; }
.missing { color: var(--warn); background: var(--warn-bg); border-left: 4px solid #d89a3a; padding: 0.4rem 0.75rem; }
.explain-list { padding-left: 1.75rem; }
.explain-list li { margin: 0.35rem 0; }
.chart { margin: 1rem 0 1.5rem; }
.chart-svg { display: block; width: 100%; max-width: 30rem; height: auto; }
.chart-label, .chart-value { font-size: 13px; fill: var(--fg); }
.chart-label { font-weight: 600; }
.chart figcaption { font-size: 0.875rem; color: var(--muted); }
.chart-data summary { cursor: pointer; font-size: 0.875rem; color: var(--accent); }
.chart-table { max-width: 36rem; }
dl.terms dt { font-weight: 700; margin-top: 0.75rem; }
dl.terms dd { margin: 0.2rem 0 0; }
dl.kv { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 0.25rem 1.5rem; margin: 0.5rem 0; }
dl.kv.wide { grid-template-columns: 1fr; }
dl.kv div { display: flex; gap: 0.75rem; }
dl.kv dt { color: var(--muted); white-space: nowrap; }
dl.kv dd { margin: 0; }
.evaluation { margin-bottom: 2.5rem; }
.check { font-size: 0.875rem; padding: 0.4rem 0.75rem; border-left: 4px solid #2e8b57; background: #f1f8f4; }
.check.problem { border-left-color: #c0392b; background: #fdf1f0; }
.findings { padding-left: 1.5rem; font-size: 0.875rem; }
.findings li { margin: 0.5rem 0; }
.badge { display: inline-block; padding: 0 0.4rem; border-radius: 3px; background: var(--head); font-size: 0.75rem; }
.finding.warning .badge { background: var(--warn-bg); color: var(--warn); }
.rule { font-family: ui-monospace, monospace; color: var(--muted); }
.cards { list-style: none; margin: 0.5rem 0 1.5rem; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.75rem; }
.cards a { display: flex; flex-direction: column; height: 100%; padding: 0.75rem 1rem; border: 1px solid var(--line); border-radius: 6px; text-decoration: none; }
.cards a:hover { border-color: var(--accent); background: var(--accent-bg); }
.card-title { font-weight: 600; }
.card-meta { font-size: 0.875rem; color: var(--muted); }
.search { margin: 0.5rem 0 1rem; }
.search label { display: block; font-weight: 600; }
.search input { width: 100%; max-width: 24rem; padding: 0.4rem 0.6rem; font: inherit; border: 1px solid var(--muted); border-radius: 4px; }
.search-status { font-size: 0.875rem; color: var(--muted); min-height: 1.5em; }
.open-data { font-size: 0.875rem; color: var(--muted); }
.site-footer { margin-top: 2rem; padding: 1.25rem 0; background: var(--head); color: var(--muted); font-size: 0.875rem; }
@media (max-width: 40rem) {
  h1 { font-size: 1.35rem; }
  h2 { font-size: 1.15rem; }
  .meta { grid-template-columns: 1fr; }
  dl.kv.wide div { flex-direction: column; gap: 0; }
  table.fin { font-size: 0.8125rem; }
  .toc ol ol { columns: 1; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html { font-size: 10pt; line-height: 1.5; }
  .wrap { max-width: none; padding: 0; }
  nav, .breadcrumb, .toc, .skip-link, .site-header, .site-footer, .search, .chart-data, .open-data { display: none !important; }
  a { color: inherit; text-decoration: none; }
  .table-scroll { overflow: visible; }
  table.fin { font-size: 8pt; }
  table.fin th, table.fin td { padding: 1pt 3pt; }
  table.two-sided tbody th, table.classified tbody th, table.basic tbody th { min-width: 0; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, h4, caption { break-after: avoid; page-break-after: avoid; }
  .chart, figure { break-inside: avoid; }
  .part ~ .part { break-before: page; }
  .chart-svg { max-width: 24rem; }
  .meta { background: none; border: 1px solid #999; }
}
`;
