import { randomBytes } from 'node:crypto';
import { parseUploadKey, REPORT_PREFIX, UPLOAD_PREFIX } from '../ingest/upload-key.ts';
import type { DisclosureStore, Submission, UnitRegistry } from '../ports.ts';
import type { UnitPrincipal, VerifyToken } from './verify-token.ts';

/**
 * The unit upload API, independent of API Gateway and AWS (adapters: functions/upload-api/handler.ts and the
 * embedded stack's stand-in). Every route needs a verified ID token; the unit is the token's `custom:unit_code`,
 * never a value of the request, so a unit can only obtain grants for, and read submissions and reports of, itself.
 *
 *   GET  /api/me                              the signed-in unit (registry entry)
 *   POST /api/grants        {year, fileName}  a presigned POST for uploads/{unit}/{year}/{fileName}
 *   GET  /api/submissions?year=YYYY           the unit-year's upload history, newest first, current marked
 *   GET  /api/submissions/{year}/{uploadId}   one submission and its report (JSON) once it exists
 */
export interface ApiRequest {
  method: string;
  /** Path without query string, e.g. `/api/submissions/2023/w0123…`. */
  path: string;
  query: Record<string, string | undefined>;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string | null;
}

export interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** A presigned POST: the form's target and the fields to send before the file (S3 checks them against `policy`). */
export interface PostGrant {
  url: string;
  fields: Record<string, string>;
}

export interface GrantSigner {
  /** Signs a POST policy for exactly `key`, 1…`maxBytes` bytes, the given upload id, valid `seconds`. */
  presign(key: string, uploadId: string, maxBytes: number, seconds: number): Promise<PostGrant>;
}

export interface ReportReader {
  /** The report JSON at `{path}.json` in the upload bucket, or null while it does not exist. */
  getReportJson(path: string): Promise<string | null>;
}

export interface UploadApiDeps {
  verify: VerifyToken;
  registry: Pick<UnitRegistry, 'get'>;
  store: Pick<DisclosureStore, 'listSubmissions' | 'getSubmission' | 'getCurrent'>;
  reports: ReportReader;
  grants: GrantSigner;
  maxUploadBytes: number;
  grantSeconds: number;
  now?: () => Date;
  /** Log line for refusals and grants (no tokens, no file contents). */
  log?: (message: string, fields: Record<string, unknown>) => void;
}

const UPLOAD_ID = /^[A-Za-z0-9-]{8,64}$/;
const FIRST_YEAR = 2000;

const baseHeaders: Record<string, string> = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

function json(statusCode: number, value: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { statusCode, headers: { ...baseHeaders, ...headers }, body: JSON.stringify(value) };
}

function problem(statusCode: number, code: string, message: string, headers: Record<string, string> = {}) {
  return json(statusCode, { error: code, message }, headers);
}

/** The years a unit may upload for: final accounts are of a finished year (the current one at the latest). */
export function allowedYear(year: unknown, now: Date): year is number {
  return typeof year === 'number' && Number.isInteger(year) && year >= FIRST_YEAR && year <= now.getUTCFullYear();
}

/**
 * The object name of an upload: the unit's own file name without any path, control or bidi characters, at most 100
 * characters, ending in lower-case `.xlsx` (the S3 trigger's suffix filter is case-sensitive). Null if it is not a
 * workbook name.
 */
export function safeFileName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const base = raw.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = base.normalize('NFC').replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  const match = /^(.*)\.xlsx$/i.exec(cleaned.trim());
  if (!match) return null;
  const stem = (match[1] ?? '').trim().replace(/^\.+/, '').slice(0, 95) || '决算公开表';
  return `${stem}.xlsx`;
}

export function newUploadId(): string {
  return `w${randomBytes(12).toString('hex')}`;
}

/** What the unit sees of a submission (no ETags, sequencers or version ids). */
function submissionView(s: Submission, currentVersion: string | null) {
  return {
    uploadId: s.uploadId,
    year: s.year,
    fileName: s.key.split('/').pop() ?? s.key,
    status: s.status,
    receivedAt: s.receivedAt,
    finishedAt: s.finishedAt,
    summary: s.summary,
    current: s.version !== null && s.version === currentVersion,
  };
}

function bearer(headers: ApiRequest['headers']): string | null {
  const value = headers.authorization;
  const match = value ? /^Bearer ([A-Za-z0-9_.-]{20,8192})$/.exec(value.trim()) : null;
  return match?.[1] ?? null;
}

export async function handleUploadApi(req: ApiRequest, deps: UploadApiDeps): Promise<ApiResponse> {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? (() => {});
  const path = req.path.replace(/\/+$/, '');
  const token = bearer(req.headers);
  const principal: UnitPrincipal | null = token === null ? null : await deps.verify(token);
  if (principal === null) {
    log('refused: no valid token', { path, hadToken: token !== null });
    return problem(401, 'unauthorized', '未登录或登录已过期，请重新登录。', { 'WWW-Authenticate': 'Bearer' });
  }
  const unit = await deps.registry.get(principal.unitCode);
  if (unit === null) {
    log('refused: unit not registered', { unitCode: principal.unitCode });
    return problem(403, 'unit-not-registered', `单位编码 ${principal.unitCode} 尚未登记，请联系管理员。`);
  }

  if (path === '/api/me' && req.method === 'GET') {
    return json(200, {
      unit: { code: unit.code, name: unit.name, department: unit.department },
      maxUploadBytes: deps.maxUploadBytes,
    });
  }

  if (path === '/api/grants' && req.method === 'POST') {
    let body: { year?: unknown; fileName?: unknown };
    try {
      body = JSON.parse(req.body ?? '') as typeof body;
    } catch {
      return problem(400, 'bad-request', '请求格式错误。');
    }
    if (typeof body !== 'object' || body === null) return problem(400, 'bad-request', '请求格式错误。');
    if (!allowedYear(body.year, now())) {
      return problem(400, 'bad-year', `年度无效：应为 ${FIRST_YEAR}–${now().getUTCFullYear()} 之间的四位年度。`);
    }
    const fileName = safeFileName(body.fileName);
    if (fileName === null) return problem(400, 'bad-file-name', '只接受 Excel 工作簿（.xlsx）文件。');
    // The key is built here from the token's unit; nothing in the request can name another prefix.
    const key = `${UPLOAD_PREFIX}${unit.code}/${body.year}/${fileName}`;
    const parsed = parseUploadKey(key);
    if (!parsed.ok || parsed.unitCode !== unit.code) return problem(400, 'bad-file-name', '文件名无效。');
    const uploadId = newUploadId();
    const grant = await deps.grants.presign(key, uploadId, deps.maxUploadBytes, deps.grantSeconds);
    const expiresAt = new Date(now().getTime() + deps.grantSeconds * 1000).toISOString();
    log('grant issued', { unitCode: unit.code, year: body.year, uploadId, subject: principal.subject });
    return json(201, { ...grant, key, uploadId, year: body.year, expiresAt, maxBytes: deps.maxUploadBytes });
  }

  if (path === '/api/submissions' && req.method === 'GET') {
    const year = Number(req.query.year);
    if (!allowedYear(year, now())) return problem(400, 'bad-year', '年度无效。');
    const [submissions, current] = await Promise.all([
      deps.store.listSubmissions(unit.code, year),
      deps.store.getCurrent(unit.code, year),
    ]);
    submissions.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    return json(200, {
      unit: unit.code,
      year,
      submissions: submissions.map((s) => submissionView(s, current?.version ?? null)),
    });
  }

  const one = /^\/api\/submissions\/(\d{4})\/([^/]+)$/.exec(path);
  if (one && req.method === 'GET') {
    const year = Number(one[1]);
    const uploadId = one[2] ?? '';
    if (!allowedYear(year, now()) || !UPLOAD_ID.test(uploadId)) return problem(400, 'bad-request', '参数无效。');
    const [submission, current] = await Promise.all([
      deps.store.getSubmission(unit.code, year, uploadId),
      deps.store.getCurrent(unit.code, year),
    ]);
    // Only ever the token's unit's report path: reports/{unit}/{year}/{uploadId}.
    const reportText = await deps.reports.getReportJson(`${REPORT_PREFIX}${unit.code}/${year}/${uploadId}`);
    let report: unknown = null;
    if (reportText !== null) {
      try {
        report = JSON.parse(reportText);
      } catch {
        report = null;
      }
    }
    return json(200, {
      submission: submission ? submissionView(submission, current?.version ?? null) : null,
      report,
    });
  }

  return problem(404, 'not-found', '没有这个接口。');
}
