/**
 * The upload page's own Content-Security-Policy: the site's (shared/site/security-headers.ts) plus the two origins
 * the page must talk to — the sign-in endpoint (Cognito, or the local stand-in) and the upload bucket the presigned
 * POST goes to — and `blob:` for the template it generates. Scripts still come from the site only.
 */
export function uploadPageCsp(connectOrigins: readonly string[]): string {
  // Origins as written (scheme://host[:port]); CDK tokens in them stay as they are.
  const origins = [...new Set(connectOrigins.map((o) => o.replace(/^([a-z]+:\/\/[^/]+).*$/i, '$1')))];
  return [
    "default-src 'none'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    `connect-src 'self' ${origins.join(' ')}`.trim(),
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
