import { JwtRsaVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { UNIT_CODE } from '../ingest/upload-key.ts';
import { UNIT_CODE_CLAIM } from './config.ts';

/** Who is calling: taken from a verified token only, never from the request. */
export interface UnitPrincipal {
  unitCode: string;
  /** The account (Cognito username / e-mail), for logs. */
  subject: string;
}

export type VerifyToken = (token: string) => Promise<UnitPrincipal | null>;

/**
 * Fetches the issuer's keys with the runtime's `fetch`: Cognito's JWKS over HTTPS in Lambda, the local stand-in's
 * over http://127.0.0.1 (aws-jwt-verify's default fetcher speaks HTTPS only).
 */
const webFetcher: Fetcher = {
  async fetch(uri) {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000), redirect: 'error' });
    if (!response.ok) throw new Error(`JWKS ${uri}: HTTP ${response.status}`);
    return response.arrayBuffer();
  },
};

/**
 * Verifies a Cognito ID token (or the local issuer's, which has the same shape): RS256 signature against the
 * issuer's published keys, issuer, audience (the upload page's app client), expiry, `token_use: id`, and a valid
 * unit code in `custom:unit_code`. Anything else — expired, forged, another pool's, an access token, no unit — is
 * refused (null).
 */
export function tokenVerifier(options: { issuer: string; clientId: string; jwksUri: string }): VerifyToken {
  const verifier = JwtRsaVerifier.create(
    {
      issuer: options.issuer,
      audience: options.clientId,
      jwksUri: options.jwksUri,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'id') throw new Error('not an ID token');
        const unit = payload[UNIT_CODE_CLAIM];
        if (typeof unit !== 'string' || !UNIT_CODE.test(unit)) throw new Error('no unit code');
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: webFetcher }) },
  );
  return async (token) => {
    try {
      const payload = await verifier.verify(token);
      const subject = payload['cognito:username'] ?? payload.email ?? payload.sub;
      return { unitCode: String(payload[UNIT_CODE_CLAIM]), subject: String(subject ?? '') };
    } catch {
      return null;
    }
  };
}
