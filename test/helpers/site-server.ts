import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { securityHeaders } from '../../shared/site/security-headers.ts';
import type { SiteFile } from '../../shared/site/site-model.ts';
import { launchChromium } from './chromium.ts';

/**
 * Rendered site files served as CloudFront serves them: the production security headers on every response,
 * `index.html` for a folder, the 404 page (status 404) for anything else.
 */
export interface SiteServer {
  base: string;
  close(): Promise<void>;
}

export function serveSite(files: readonly SiteFile[]): Promise<SiteServer> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\//, '');
    const file = byPath.get(path) ?? byPath.get(`${path}index.html`) ?? byPath.get(`${path}/index.html`);
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    const found = file ?? byPath.get('404.html');
    res.statusCode = file ? 200 : 404;
    res.setHeader('Content-Type', found?.contentType ?? 'text/plain');
    res.end(found?.body ?? '');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

/** test-results/ at the repository root (with the trailing slash), where the browser tests put screenshots for review. */
export const TEST_RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** The site served as by {@link serveSite}, with a Chromium to read it (test/helpers/chromium.ts). */
export interface BrowsedSite extends SiteServer {
  /**
   * A new page `width` × 900 px showing `path` of the site, once loaded; console errors and warnings and uncaught page
   * errors are pushed onto `errors`.
   */
  open(path: string, width: number, errors: string[]): Promise<Page>;
  /** Closes the browser, then the server. */
  close(): Promise<void>;
}

/** Serves `files`, launches Chromium and makes sure {@link TEST_RESULTS} exists; the caller closes the result. */
export async function browseSite(files: readonly SiteFile[]): Promise<BrowsedSite> {
  const site = await serveSite(files);
  let browser: Browser | undefined;
  try {
    ({ browser } = await launchChromium());
    await mkdir(TEST_RESULTS, { recursive: true });
  } catch (error) {
    await browser?.close();
    await site.close();
    throw error;
  }
  const launched = browser;
  return {
    base: site.base,
    async open(path, width, errors) {
      const page = await launched.newPage({ viewport: { width, height: 900 } });
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await page.goto(`${site.base}${path}`, { waitUntil: 'load' });
      return page;
    },
    async close() {
      await launched.close();
      await site.close();
    },
  };
}
