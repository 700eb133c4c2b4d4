import { createHash } from 'node:crypto';
import { SITE_CSS } from './site-css.ts';

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

const contentHash = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 12);

/**
 * The site's assets under content-hashed names (`assets/site.{hash}.css`): a changed stylesheet is a new file, so
 * pages and CDN can cache assets for a year (`immutable`) and nothing is ever invalidated. Pages link these paths.
 */
export const ASSETS = {
  stylesheet: {
    path: `assets/site.${contentHash(SITE_CSS)}.css`,
    body: SITE_CSS,
    contentType: 'text/css; charset=utf-8',
  },
  searchScript: {
    path: `assets/search.${contentHash(SEARCH_JS)}.js`,
    body: SEARCH_JS,
    contentType: 'text/javascript; charset=utf-8',
  },
} as const;
