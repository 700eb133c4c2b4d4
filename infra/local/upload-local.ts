import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../shared/config.ts';
import { securityHeaders } from '../../shared/site/security-headers.ts';
import type { SiteFile } from '../../shared/site/site-model.ts';
import { S3SiteWriter } from '../../shared/storage/s3-store.ts';
import { accountExists, createUnitAccount, setAccountPassword } from '../../shared/storage/unit-accounts.ts';
import { awsUploadApiDeps } from '../../shared/upload-api/compose.ts';
import { DEFAULT_GRANT_SECONDS, UNIT_CODE_CLAIM, type UploadApiConfig } from '../../shared/upload-api/config.ts';
import { randomPassword } from '../../shared/upload-api/password-policy.ts';
import { type ApiRequest, handleUploadApi } from '../../shared/upload-api/upload-api.ts';
import { uploadPageCsp } from '../../shared/upload-page/csp.ts';
import { uploadPageFiles } from '../../shared/upload-page/page-files.ts';
import { UPLOAD_PAGE } from '../../shared/upload-page/paths.ts';
import type { EmbeddedStack } from './embedded-stack.ts';
import { type LocalUserPool, startLocalUserPool } from './local-user-pool.ts';

/**
 * The unit upload page and its API on the embedded stack, as CloudFront and API Gateway serve them in AWS:
 * `/upload/*` from the site bucket with the page's own CSP, `/api/*` through the same use case as the Lambda
 * handler (functions/upload-api/handler.ts), with a local stand-in for the Cognito user pool (local-user-pool.ts)
 * as the token issuer. The page's files are written to the site bucket at start, as the CDK deployment does.
 */
export interface UploadLocal {
  pool: LocalUserPool;
  /** `{siteUrl}/upload/` */
  pageUrl: string;
  config: UploadApiConfig;
  close(): Promise<void>;
}

export interface DemoAccount {
  email: string;
  password: string;
}

const MAX_API_BODY = 16 * 1024;

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_API_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 0 ? '' : Buffer.concat(chunks).toString('utf8');
}

export async function startUploadLocal(
  stack: EmbeddedStack,
  options: { dataDir: string; authPort?: number; grantSeconds?: number; maxUploadBytes?: number },
): Promise<UploadLocal> {
  const pool = await startLocalUserPool({ dataDir: options.dataDir, port: options.authPort ?? 0 });
  const maxUploadBytes = options.maxUploadBytes ?? (Number(process.env.MAX_UPLOAD_BYTES) || DEFAULT_MAX_UPLOAD_BYTES);
  const config: UploadApiConfig = {
    uploadBucket: stack.uploadBucket,
    tableName: stack.tableName,
    maxUploadBytes,
    issuer: pool.issuer,
    clientId: pool.clientId,
    jwksUri: pool.jwksUri,
    grantSeconds: options.grantSeconds ?? DEFAULT_GRANT_SECONDS,
  };
  const deps = awsUploadApiDeps(config);
  const s3 = new S3Client({
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const files: SiteFile[] = await uploadPageFiles({
    authEndpoint: pool.endpoint,
    clientId: pool.clientId,
    maxUploadBytes,
  });
  await new S3SiteWriter(stack.siteBucket, s3).write(files);
  const csp = uploadPageCsp([pool.endpoint, stack.s3Endpoint]);

  const servePage = async (path: string, method: string, res: ServerResponse) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    res.setHeader('Content-Security-Policy', csp);
    if (method !== 'GET' && method !== 'HEAD') {
      res.statusCode = 405;
      res.end();
      return;
    }
    const key = path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1);
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: stack.siteBucket, Key: key }));
      res.setHeader('Content-Type', object.ContentType ?? 'application/octet-stream');
      res.setHeader('Cache-Control', key.endsWith('config.json') ? 'no-cache' : (object.CacheControl ?? 'no-cache'));
      const bytes = await object.Body?.transformToByteArray();
      res.end(method === 'HEAD' || !bytes ? undefined : Buffer.from(bytes));
    } catch {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('404 Not Found');
    }
  };

  const serveApi = async (req: IncomingMessage, url: URL, res: ServerResponse) => {
    const body = await readBody(req);
    const headers: ApiRequest['headers'] = {};
    for (const [name, value] of Object.entries(req.headers))
      headers[name] = Array.isArray(value) ? value.join(',') : value;
    const response =
      body === null
        ? {
            statusCode: 413,
            headers: { 'Content-Type': 'application/json; charset=utf-8' },
            body: '{"error":"too-large"}',
          }
        : await handleUploadApi(
            {
              method: req.method ?? 'GET',
              path: url.pathname,
              query: Object.fromEntries(url.searchParams),
              headers,
              body,
            },
            deps,
          );
    res.statusCode = response.statusCode;
    for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
    res.end(response.body);
  };

  stack.siteRoutes.push(async (req, res) => {
    const url = new URL(req.url ?? '/', stack.siteUrl);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      await serveApi(req, url, res);
      return true;
    }
    if (url.pathname === '/upload') {
      res.statusCode = 301;
      res.setHeader('Location', '/upload/');
      res.end();
      return true;
    }
    if (url.pathname.startsWith(`/${UPLOAD_PAGE.dir}`)) {
      await servePage(url.pathname, req.method ?? 'GET', res);
      return true;
    }
    return false;
  });

  return {
    pool,
    pageUrl: `${stack.siteUrl}/${UPLOAD_PAGE.dir}`,
    config,
    close: () => pool.close(),
  };
}

/**
 * The demo unit's account on the local user pool: created on first start, and given a fresh random password at
 * every start (printed by `npm start`; the stand-in stores only its hash).
 */
export async function ensureDemoAccount(upload: UploadLocal, unit: { code: string }): Promise<DemoAccount> {
  const email = `demo-${unit.code.toLowerCase()}@example.gov.cn`;
  const password = randomPassword((n) => randomBytes(n));
  // The same SDK calls as `units add --email`, against the stand-in (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER).
  const client = new CognitoIdentityProviderClient({ endpoint: upload.pool.endpoint });
  if (!(await accountExists(client, upload.pool.userPoolId, email))) {
    await createUnitAccount(
      client,
      upload.pool.userPoolId,
      email,
      { code: unit.code, attribute: UNIT_CODE_CLAIM },
      password,
    );
  }
  await setAccountPassword(client, upload.pool.userPoolId, email, password, true);
  return { email, password };
}
