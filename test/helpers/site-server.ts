import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { securityHeaders } from '../../shared/site/security-headers.ts';
import type { SiteFile } from '../../shared/site/site-model.ts';

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
