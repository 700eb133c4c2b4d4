import { awsUploadApiDeps } from '../../shared/upload-api/compose.ts';
import { loadUploadApiConfig } from '../../shared/upload-api/config.ts';
import {
  type ApiRequest,
  type ApiResponse,
  handleUploadApi,
  type UploadApiDeps,
} from '../../shared/upload-api/upload-api.ts';

/**
 * API Gateway HTTP API (payload format 2.0) → the upload API use case. Thin: map the event, run, map the answer.
 * API Gateway's JWT authorizer has already checked the token; the use case verifies it again itself (signature,
 * issuer, audience, expiry, unit claim) so nothing depends on the route configuration alone.
 */
export interface HttpApiEvent {
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext: { http: { method: string } };
}

/** Maps an HTTP API event to the use case's request (header names lower-cased, body decoded). */
export function toApiRequest(event: HttpApiEvent): ApiRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  const body =
    event.body === undefined || event.body === null
      ? null
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    query: event.queryStringParameters ?? {},
    headers,
    body,
  };
}

export function createUploadApiHandler(makeDeps: () => UploadApiDeps): (event: HttpApiEvent) => Promise<ApiResponse> {
  let deps: UploadApiDeps | undefined;
  return async (event) => {
    deps ??= makeDeps();
    try {
      return await handleUploadApi(toApiRequest(event), deps);
    } catch (error) {
      console.error(
        JSON.stringify({
          level: 'ERROR',
          message: 'upload api failed',
          error: error instanceof Error ? error.message : String(error),
        }),
      );
      return {
        statusCode: 500,
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
        body: JSON.stringify({ error: 'internal', message: '服务暂时不可用，请稍后重试。' }),
      };
    }
  };
}

export const handler = createUploadApiHandler(() =>
  awsUploadApiDeps(loadUploadApiConfig(), (message, fields) =>
    console.log(JSON.stringify({ level: 'INFO', message, ...fields })),
  ),
);
