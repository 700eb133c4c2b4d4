import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Client } from '../../shared/storage/s3-store.ts';
import { S3GrantSigner } from '../../shared/storage/upload-grants.ts';
import { UNIT_CODE_CLAIM } from '../../shared/upload-api/config.ts';
import { seedBytes } from '../pipeline/workbooks.ts';
import { DEMO_UNIT, idToken, OTHER_UNIT, signIn, startUploadHarness, type UploadHarness } from './upload-harness.ts';

/**
 * The upload API and the local S3's POST policy, end to end on the embedded stack: real SDK, real presigned POSTs,
 * real tokens from the local issuer verified by aws-jwt-verify against its JWKS. No mocks.
 */
let h: UploadHarness;
let demoToken: string;
let otherToken: string;

interface Grant {
  url: string;
  fields: Record<string, string>;
  key: string;
  uploadId: string;
  expiresAt: string;
  maxBytes: number;
}

async function api(path: string, token: string | null, init: RequestInit = {}) {
  const response = await fetch(`${h.stack.siteUrl}/api${path}`, {
    ...init,
    headers: { ...(init.headers ?? {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function grant(token: string, body: unknown) {
  return api('/grants', token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function post(
  g: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
  override: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...g.fields, ...override })) form.append(name, value);
  form.append('file', new Blob([bytes as BlobPart]), 'book.xlsx');
  const response = await fetch(g.url, { method: 'POST', body: form, headers: { Origin: h.stack.siteUrl } });
  return {
    status: response.status,
    text: await response.text(),
    cors: response.headers.get('access-control-allow-origin'),
  };
}

async function exists(key: string) {
  try {
    await s3Client().send(new HeadObjectCommand({ Bucket: h.stack.uploadBucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

async function waitForReport(token: string, year: number, uploadId: string) {
  for (let i = 0; i < 100; i++) {
    const { body } = await api(`/submissions/${year}/${uploadId}`, token);
    if (body.report) return body as { submission: Record<string, unknown>; report: Record<string, unknown> };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no report');
}

beforeAll(async () => {
  h = await startUploadHarness();
  demoToken = await idToken(h.upload, h.demo);
  otherToken = await idToken(h.upload, h.other);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('upload grants', () => {
  it('grants a presigned POST for the token’s own unit, whatever unit or key the request names', async () => {
    const { status, body } = await grant(demoToken, {
      year: 2023,
      fileName: 'C:\\fakepath\\2023年 决算.xlsx',
      unit: OTHER_UNIT.code,
      key: `uploads/${OTHER_UNIT.code}/2023/x.xlsx`,
    });
    expect(status).toBe(201);
    const g = body as unknown as Grant;
    expect(g.key).toBe(`uploads/${DEMO_UNIT.code}/2023/2023年 决算.xlsx`);
    expect(g.fields.key).toBe(g.key);
    expect(g.fields['x-amz-meta-upload-id']).toBe(g.uploadId);
    expect(g.maxBytes).toBe(h.upload.config.maxUploadBytes);
    const policy = JSON.parse(Buffer.from(g.fields.Policy ?? g.fields.policy ?? '', 'base64').toString('utf8'));
    expect(policy.conditions).toContainEqual(['content-length-range', 1, h.upload.config.maxUploadBytes]);
    expect(policy.conditions).toContainEqual({ key: g.key });
    const minutes = (Date.parse(policy.expiration) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(3);
    expect(minutes).toBeLessThanOrEqual(5);
  });

  it('refuses years outside 2000–this year and names that are not .xlsx', async () => {
    for (const year of [1999, new Date().getUTCFullYear() + 1, '2023', 2023.5, null]) {
      expect((await grant(demoToken, { year, fileName: 'a.xlsx' })).status).toBe(400);
    }
    for (const fileName of ['a.xls', 'a.xlsx.exe', '', 42, '../']) {
      expect((await grant(demoToken, { year: 2023, fileName })).status).toBe(400);
    }
    expect((await api('/grants', demoToken, { method: 'POST', body: 'not json' })).status).toBe(400);
  });

  it('a grant cannot be used for another unit’s prefix or another year: the local S3 refuses it', async () => {
    const g = (await grant(demoToken, { year: 2023, fileName: 'a.xlsx' })).body as unknown as Grant;
    const bytes = seedBytes();
    for (const key of [`uploads/${OTHER_UNIT.code}/2023/a.xlsx`, `uploads/${DEMO_UNIT.code}/2022/a.xlsx`]) {
      const r = await post(g, bytes, { key });
      expect(r.status).toBe(403);
      expect(r.text).toContain('AccessDenied');
      expect(await exists(key)).toBe(false);
    }
    // Another upload id (the page follows it) or an extra field is refused too.
    expect((await post(g, bytes, { 'x-amz-meta-upload-id': 'w-someone-else-1234' })).status).toBe(403);
    expect((await post(g, bytes, { 'x-amz-meta-unit': OTHER_UNIT.code })).status).toBe(403);
    // A forged signature, or no policy at all.
    expect((await post(g, bytes, { 'X-Amz-Signature': '0'.repeat(64) })).status).toBe(403);
    const unsigned = await post({ url: g.url, fields: { key: `uploads/${OTHER_UNIT.code}/2023/b.xlsx` } }, bytes);
    expect(unsigned.status).toBe(403);
    expect(await exists(`uploads/${OTHER_UNIT.code}/2023/b.xlsx`)).toBe(false);
  });

  it('a file over the limit is refused by the local S3 (content-length-range); one byte less is stored', async () => {
    const g = (await grant(demoToken, { year: 2023, fileName: 'big.xlsx' })).body as unknown as Grant;
    const over = await post(g, new Uint8Array(g.maxBytes + 1));
    expect(over.status).toBe(400);
    expect(over.text).toContain('EntityTooLarge');
    expect(over.cors).toBe(h.stack.siteUrl);
    expect(await exists(g.key)).toBe(false);
    const at = await post(g, new Uint8Array(g.maxBytes));
    expect(at.status).toBe(204);
    expect(await exists(g.key)).toBe(true);
    await h.stack.idle();
  });

  it('an expired grant is refused', async () => {
    const short = await new S3GrantSigner(h.stack.uploadBucket).presign(
      `uploads/${DEMO_UNIT.code}/2023/late.xlsx`,
      'wexpired00000001',
      h.upload.config.maxUploadBytes,
      1,
    );
    await new Promise((r) => setTimeout(r, 1500));
    const r = await post(short, seedBytes());
    expect(r.status).toBe(403);
    expect(r.text).toMatch(/expired/i);
  });
});

describe('tokens', () => {
  const claims = (unit: string) => ({
    token_use: 'id',
    [UNIT_CODE_CLAIM]: unit,
    email: 'x@example.gov.cn',
    'cognito:username': 'x@example.gov.cn',
  });

  it('no token, an expired token, a forged or tampered token, alg none and an access token are refused', async () => {
    expect((await api('/me', null)).status).toBe(401);
    expect((await api('/me', 'not-a-jwt-at-all-but-long-enough')).status).toBe(401);
    const expired = await h.upload.pool.issueIdToken(h.demo.email, -60);
    expect((await api('/me', expired)).status).toBe(401);

    // Same claims, same kid, signed by a key that is not the issuer's.
    const header = JSON.parse(Buffer.from(demoToken.split('.')[0] ?? '', 'base64url').toString('utf8'));
    const { privateKey } = await generateKeyPair('RS256');
    const forge = (payload: Record<string, unknown>, audience = h.upload.pool.clientId) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: header.kid })
        .setIssuer(h.upload.pool.issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
    expect((await api('/me', await forge(claims(OTHER_UNIT.code)))).status).toBe(401);
    // The payload of a valid token changed to another unit (signature no longer matches).
    const [h0, p0, s0] = demoToken.split('.');
    const payload = JSON.parse(Buffer.from(p0 ?? '', 'base64url').toString('utf8'));
    const tampered = `${h0}.${Buffer.from(JSON.stringify({ ...payload, [UNIT_CODE_CLAIM]: OTHER_UNIT.code })).toString('base64url')}.${s0}`;
    expect((await api('/me', tampered)).status).toBe(401);
    // alg none.
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p0}.`;
    expect((await api('/me', none)).status).toBe(401);
    // The access token of a real sign-in is not an ID token (no audience, no unit claim).
    const signedIn = await signIn(h.upload, h.demo.email, h.demo.password);
    expect((await api('/me', String(signedIn.AuthenticationResult?.AccessToken))).status).toBe(401);
  });

  it('a valid token names its own unit only', async () => {
    const me = await api('/me', demoToken);
    expect(me.status).toBe(200);
    expect(me.body.unit).toMatchObject({ code: DEMO_UNIT.code, name: DEMO_UNIT.name });
    expect((await api('/me', otherToken)).body.unit).toMatchObject({ code: OTHER_UNIT.code });
  });
});

describe('history and reports', () => {
  it('lists only the unit’s own submissions and serves only its own reports', async () => {
    const mine = (await grant(demoToken, { year: 2023, fileName: 'seed.xlsx' })).body as unknown as Grant;
    expect((await post(mine, seedBytes())).status).toBe(204);
    const theirs = (await grant(otherToken, { year: 2023, fileName: 'seed.xlsx' })).body as unknown as Grant;
    expect(theirs.key).toBe(`uploads/${OTHER_UNIT.code}/2023/seed.xlsx`);
    expect((await post(theirs, seedBytes())).status).toBe(204);
    await h.stack.idle();

    const done = await waitForReport(demoToken, 2023, mine.uploadId);
    expect(done.report).toMatchObject({ status: 'accepted', uploadId: mine.uploadId, outcome: 'published' });
    expect(done.submission).toMatchObject({ status: 'published', current: true, fileName: 'seed.xlsx' });
    // The other unit's workbook names 武汉市财政局信息中心: rejected (S-04), in its own history only.
    const theirsDone = await waitForReport(otherToken, 2023, theirs.uploadId);
    expect(theirsDone.report).toMatchObject({ status: 'rejected' });

    const history = (await api('/submissions?year=2023', demoToken)).body as { submissions: { uploadId: string }[] };
    const ids = history.submissions.map((s) => s.uploadId);
    expect(ids).toContain(mine.uploadId);
    expect(ids).not.toContain(theirs.uploadId);
    const otherHistory = (await api('/submissions?year=2023', otherToken)).body as {
      submissions: { uploadId: string }[];
    };
    expect(otherHistory.submissions.map((s) => s.uploadId)).toEqual([theirs.uploadId]);

    // Asking for the other unit's upload id with my token reads my own prefix: nothing.
    const cross = await api(`/submissions/2023/${theirs.uploadId}`, demoToken);
    expect(cross.status).toBe(200);
    expect(cross.body).toEqual({ submission: null, report: null });
    expect((await api('/submissions/2023/..%2F..%2Fx', demoToken)).status).toBe(400);
  }, 60_000);
});
