import { createHmac, timingSafeEqual } from 'node:crypto';
import { PassThrough } from 'node:stream';

/**
 * Browser uploads (POST Object with a presigned policy) on the local S3. s3rver 3.7 accepts a POST form but ignores
 * its policy ("unimplemented": no signature, no expiry, no `key` or `content-length-range` check) and sends no CORS
 * headers for it. This Koa middleware, put in front of s3rver's own, does what S3 does before storing a POST upload:
 *
 * - the policy's SigV4 signature, computed with the local secret (only a grant the API signed is accepted);
 * - its expiration;
 * - every condition: `{field: value}` and `["eq", "$field", value]`, `["starts-with", "$field", prefix]`, the bucket,
 *   and `["content-length-range", min, max]` against the file's real size (400 EntityTooLarge / EntityTooSmall);
 * - every form field other than `policy`, `x-amz-signature`, `file` and `x-ignore-*` must be named by a condition;
 * - a POST without a policy is refused (the bucket is private).
 *
 * An accepted request is handed on to s3rver with its body intact (it stores the object and emits the event), with
 * the CORS headers S3 sends for the configured origins (the site's). Error answers are S3's XML.
 */
export interface PostPolicyOptions {
  /** Origins allowed by the bucket's CORS rule (the site's); read per request. */
  corsOrigins: () => readonly string[];
  secretAccessKey?: string;
  /** Bodies beyond this are refused before parsing (S3 refuses POSTs far beyond any policy's range too). */
  maxBodyBytes?: number;
}

interface KoaContext {
  method: string;
  path: string;
  req: NodeJS.ReadableStream & { headers: Record<string, string | string[] | undefined> };
  request: { req: unknown };
  get(name: string): string;
  set(name: string, value: string): void;
  status: number;
  type: string;
  body: unknown;
}

type Middleware = (ctx: KoaContext, next: () => Promise<unknown>) => Promise<unknown>;

function s3Error(ctx: KoaContext, status: number, code: string, message: string, extra: Record<string, string> = {}) {
  ctx.status = status;
  ctx.type = 'application/xml';
  const details = Object.entries(extra)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${details}</Error>`;
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** The SigV4 signature of a POST policy: HMAC of the base64 policy with the key derived for date/region/s3. */
export function postPolicySignature(secret: string, credential: string, policyBase64: string): string | null {
  const [, date, region, service, terminator] = credential.split('/');
  if (!date || !region || service !== 's3' || terminator !== 'aws4_request') return null;
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), 's3'), 'aws4_request');
  return hmac(key, policyBase64).toString('hex');
}

async function readAll(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    if (size > limit) return null;
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export function postPolicyMiddleware(options: PostPolicyOptions): Middleware {
  const secret = options.secretAccessKey ?? 'S3RVER';
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  return async (ctx, next) => {
    const bucketPath = /^\/([^/]+)\/?$/.exec(ctx.path);
    const origin = ctx.get('origin');
    const allowed = origin !== '' && options.corsOrigins().includes(origin);
    if (!bucketPath) return next();
    if (ctx.method === 'OPTIONS' && ctx.get('access-control-request-method') === 'POST') {
      if (!allowed) return s3Error(ctx, 403, 'AccessForbidden', 'CORSResponse: This CORS request is not allowed.');
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Access-Control-Allow-Methods', 'POST');
      ctx.set('Vary', 'Origin');
      ctx.status = 200;
      ctx.body = '';
      return;
    }
    if (ctx.method !== 'POST' || !/^multipart\/form-data/i.test(ctx.get('content-type'))) return next();
    if (allowed) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Vary', 'Origin');
    }
    const bucket = bucketPath[1] as string;
    const body = await readAll(ctx.req, maxBody);
    if (body === null)
      return s3Error(
        ctx,
        400,
        'MaxPostPreDataLengthExceeded',
        'Your POST request fields preceeding the upload file was too large.',
      );
    let form: FormData;
    try {
      form = await new Request('http://s3.local/', {
        method: 'POST',
        headers: { 'content-type': ctx.get('content-type') },
        body: new Uint8Array(body),
      }).formData();
    } catch {
      return s3Error(
        ctx,
        400,
        'MalformedPOSTRequest',
        'The body of your POST request is not well-formed multipart/form-data.',
      );
    }
    const fields = new Map<string, string>();
    let file: File | null = null;
    for (const [name, value] of form.entries()) {
      if (name === 'file') {
        if (typeof value !== 'string') file = value;
        break; // S3 ignores fields after the file
      }
      if (typeof value === 'string') fields.set(name.toLowerCase(), value);
    }
    const policyBase64 = fields.get('policy');
    if (!policyBase64) return s3Error(ctx, 403, 'AccessDenied', 'Access Denied');
    if (file === null)
      return s3Error(ctx, 400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
    const credential = fields.get('x-amz-credential') ?? '';
    const expected =
      fields.get('x-amz-algorithm') === 'AWS4-HMAC-SHA256'
        ? postPolicySignature(secret, credential, policyBase64)
        : null;
    const given = fields.get('x-amz-signature') ?? '';
    if (
      expected === null ||
      given.length !== expected.length ||
      !timingSafeEqual(Buffer.from(given), Buffer.from(expected))
    ) {
      return s3Error(
        ctx,
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
    let policy: { expiration?: string; conditions?: unknown[] };
    try {
      policy = JSON.parse(Buffer.from(policyBase64, 'base64').toString('utf8'));
    } catch {
      return s3Error(ctx, 400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
    }
    const expiration = Date.parse(policy.expiration ?? '');
    if (Number.isNaN(expiration) || expiration < Date.now()) {
      return s3Error(ctx, 403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
    }
    const fieldValue = (name: string) => (name === 'bucket' ? bucket : fields.get(name));
    const covered = new Set<string>(['bucket']);
    for (const condition of policy.conditions ?? []) {
      if (Array.isArray(condition)) {
        const [op, rawName, value] = condition as [string, string | number, string | number];
        if (String(op).toLowerCase() === 'content-length-range') {
          const min = Number(rawName);
          const max = Number(value);
          if (file.size > max) {
            return s3Error(ctx, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
              ProposedSize: String(file.size),
              MaxSizeAllowed: String(max),
            });
          }
          if (file.size < min) {
            return s3Error(
              ctx,
              400,
              'EntityTooSmall',
              'Your proposed upload is smaller than the minimum allowed size',
              {
                ProposedSize: String(file.size),
                MinSizeAllowed: String(min),
              },
            );
          }
          continue;
        }
        const name = String(rawName).replace(/^\$/, '').toLowerCase();
        covered.add(name);
        const actual = fieldValue(name);
        const ok =
          op === 'eq'
            ? actual === String(value)
            : op === 'starts-with'
              ? actual?.startsWith(String(value)) === true
              : false;
        if (!ok)
          return s3Error(
            ctx,
            403,
            'AccessDenied',
            `Invalid according to Policy: Policy Condition failed: ["${op}", "$${name}", "${value}"]`,
          );
      } else if (condition && typeof condition === 'object') {
        for (const [rawName, value] of Object.entries(condition)) {
          const name = rawName.toLowerCase();
          covered.add(name);
          if (fieldValue(name) !== String(value)) {
            return s3Error(
              ctx,
              403,
              'AccessDenied',
              `Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", "${value}"]`,
            );
          }
        }
      }
    }
    for (const name of fields.keys()) {
      if (name === 'policy' || name === 'x-amz-signature' || name.startsWith('x-ignore-') || covered.has(name))
        continue;
      return s3Error(ctx, 403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${name}`);
    }
    if (!fields.get('key'))
      return s3Error(ctx, 400, 'InvalidArgument', "Bucket POST must contain a field named 'key'.");
    // Accepted: s3rver reads the same bytes again.
    const original = ctx.req as unknown as Record<string, unknown>;
    const stream = new PassThrough();
    stream.end(body);
    const replay = Object.assign(stream, {
      headers: original.headers,
      rawHeaders: original.rawHeaders,
      url: original.url,
      method: original.method,
      httpVersion: original.httpVersion,
      socket: original.socket,
      connection: original.socket,
    }) as unknown as KoaContext['req'];
    ctx.req = replay;
    ctx.request.req = replay;
    return next();
  };
}

/** Puts the middleware in front of s3rver's own (s3rver is a Koa application; call before `run()`). */
export function enforcePostPolicy(s3rver: unknown, options: PostPolicyOptions): void {
  (s3rver as { middleware: Middleware[] }).middleware.unshift(postPolicyMiddleware(options));
}
