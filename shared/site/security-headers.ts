/**
 * Response headers of the public site, one definition for CloudFront's response headers policy (infra/) and the
 * embedded stack's local stand-in. Pages are static HTML with inline SVG charts and at most one small same-origin
 * script; nothing is loaded from another origin and there are no forms posting elsewhere.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};
