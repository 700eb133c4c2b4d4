import { ASSETS } from './assets.ts';
import { html } from './escape-html.ts';
import { sitePaths } from './paths.ts';
import { renderPage } from './render-layout.ts';
import type { SiteFile } from './site-model.ts';

export { SEARCH_JS } from './assets.ts';

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

/**
 * The site's static files: the stylesheet and the search script under content-hashed names (immutable: a new
 * version is a new name, so no cache ever needs invalidating), and the 404 page. Deployed once per deployment by CDK
 * (BucketDeployment in the site stack; locally written at start), never by an upload.
 */
export function staticFiles(): SiteFile[] {
  return [
    { ...ASSETS.stylesheet },
    { ...ASSETS.searchScript },
    { path: sitePaths.notFound(), body: notFoundPage(), contentType: 'text/html; charset=utf-8' },
  ];
}
