import { html } from './escape-html.ts';
import { sitePaths } from './paths.ts';
import { renderPage } from './render-layout.ts';
import { SITE_CSS } from './site-css.ts';
import type { SiteFile } from './site-model.ts';

/**
 * Progressive enhancement of the year page: reveals the filter box and hides departments that do not match. Without
 * it the page is the plain list. Served from /assets (the CSP allows same-origin scripts only, never inline).
 */
export const SEARCH_JS = `(function () {
  'use strict';
  var box = document.querySelector('[data-search]');
  var list = document.querySelector('[data-search-list]');
  if (!box || !list) return;
  var input = box.querySelector('input');
  var status = box.querySelector('[role="status"]');
  var items = Array.prototype.slice.call(list.children);
  box.hidden = false;
  input.addEventListener('input', function () {
    var query = input.value.replace(/\\s+/g, '').toLowerCase();
    var shown = 0;
    items.forEach(function (item) {
      var match = query === '' || item.textContent.replace(/\\s+/g, '').toLowerCase().indexOf(query) !== -1;
      item.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = query === '' ? '' : '找到 ' + shown + ' 个主管部门';
  });
})();
`;

function notFoundPage(): string {
  return renderPage({
    title: '页面不存在',
    description: '您访问的页面不存在。',
    breadcrumb: [{ label: '首页', href: '/' }],
    main: html`<h1>页面不存在</h1>
<p>您访问的地址没有对应的页面：可能链接有误，或该单位本年度的决算尚未公开。</p>
<p><a href="/">返回首页</a>，按年度和主管部门查找单位决算。</p>`,
  });
}

export function staticFiles(): SiteFile[] {
  return [
    { path: sitePaths.stylesheet(), body: SITE_CSS, contentType: 'text/css; charset=utf-8' },
    { path: sitePaths.searchScript(), body: SEARCH_JS, contentType: 'text/javascript; charset=utf-8' },
    { path: sitePaths.notFound(), body: notFoundPage(), contentType: 'text/html; charset=utf-8' },
  ];
}
