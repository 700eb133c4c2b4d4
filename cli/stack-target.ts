import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the `units` and `upload` commands send their requests: a deployed stack named by options or environment
 * (`--bucket`/`GONGKAI_UPLOAD_BUCKET`, `--table`/`GONGKAI_TABLE`, `--region`/`AWS_REGION`, credentials from the
 * usual AWS chain), or else the running `npm start` stack, found through the `stack.json` it writes.
 */
export interface StackTarget {
  uploadBucket: string | null;
  tableName: string | null;
  siteUrl: string | null;
  local: boolean;
}

export class TargetError extends Error {}

const defaultDataDir = () => process.env.GONGKAI_DATA_DIR ?? fileURLToPath(new URL('../.data', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function resolveTarget(options: {
  bucket?: string;
  table?: string;
  region?: string;
  siteUrl?: string;
}): StackTarget {
  const bucket = options.bucket ?? process.env.GONGKAI_UPLOAD_BUCKET;
  const table = options.table ?? process.env.GONGKAI_TABLE;
  if (options.region) process.env.AWS_REGION = options.region;
  if (bucket || table) {
    return {
      uploadBucket: bucket ?? null,
      tableName: table ?? null,
      siteUrl: options.siteUrl ?? process.env.GONGKAI_SITE_URL ?? null,
      local: false,
    };
  }
  const file = `${defaultDataDir()}/stack.json`;
  if (!existsSync(file)) {
    throw new TargetError(
      '没有找到运行中的本地环境：请先在另一个终端运行 npm start，或用 --bucket/--table 指定已部署的环境。',
    );
  }
  const s = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string | number>;
  if (typeof s.pid === 'number' && !alive(s.pid)) {
    throw new TargetError('本地环境未运行（npm start 已停止）：请先运行 npm start。');
  }
  // The local servers accept only these credentials; the SDK picks the endpoints up from the environment.
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: String(s.region),
    AWS_ENDPOINT_URL_S3: String(s.s3Endpoint),
    AWS_ENDPOINT_URL_DYNAMODB: String(s.dynamoEndpoint),
  });
  return {
    uploadBucket: String(s.uploadBucket),
    tableName: String(s.tableName),
    siteUrl: String(s.siteUrl),
    local: true,
  };
}
