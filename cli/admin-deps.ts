import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { type AdminDeps, AdminError } from '../shared/admin/operations.ts';
import { whoAmI } from '../shared/admin/principal.ts';
import { publicationRecords } from '../shared/admin/records.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../shared/config.ts';
import { publishDisclosure } from '../shared/ingest/publish-site.ts';
import type { RegisteredUnit } from '../shared/ports.ts';
import { siteRenderer } from '../shared/site/index.ts';
import { DynamoAdminStore } from '../shared/storage/dynamo-admin-store.ts';
import { DynamoDisclosureStore, DynamoUnitRegistry, documentClient } from '../shared/storage/dynamo-store.ts';
import { S3AdminReportSink } from '../shared/storage/s3-admin-report.ts';
import { S3SiteWriter, S3UploadSource, s3Client } from '../shared/storage/s3-store.ts';
import { validateWorkbook } from '../shared/validate-workbook.ts';
import { resolveTarget, TargetError } from './stack-target.ts';

/**
 * The stack an admin command acts on: the running `npm start` stack (its stack.json names the site bucket too), or a
 * deployed one named by options / environment: `--table`/GONGKAI_TABLE, `--bucket`/GONGKAI_UPLOAD_BUCKET,
 * `--site-bucket`/GONGKAI_SITE_BUCKET.
 */
export const ADMIN_TARGET_OPTIONS = {
  table: { type: 'string' },
  bucket: { type: 'string' },
  'site-bucket': { type: 'string' },
  region: { type: 'string' },
} as const;

export interface AdminTargetArgs {
  table?: string;
  bucket?: string;
  'site-bucket'?: string;
  region?: string;
}

const dataDir = () => process.env.GONGKAI_DATA_DIR ?? fileURLToPath(new URL('../.data', import.meta.url));

export async function adminDeps(values: AdminTargetArgs): Promise<AdminDeps> {
  const target = resolveTarget({ table: values.table, bucket: values.bucket, region: values.region });
  let siteBucket = values['site-bucket'] ?? process.env.GONGKAI_SITE_BUCKET ?? null;
  if (target.local && siteBucket === null) {
    const file = `${dataDir()}/stack.json`;
    if (existsSync(file))
      siteBucket = String((JSON.parse(readFileSync(file, 'utf8')) as { siteBucket?: string }).siteBucket);
  }
  if (!target.tableName) throw new TargetError('请用 --table 或 GONGKAI_TABLE 指定 DynamoDB 表名。');
  if (!target.uploadBucket) throw new TargetError('请用 --bucket 或 GONGKAI_UPLOAD_BUCKET 指定上传存储桶。');
  if (!siteBucket) throw new TargetError('请用 --site-bucket 或 GONGKAI_SITE_BUCKET 指定网站存储桶。');
  const s3 = s3Client();
  const doc = documentClient();
  const uploadBucket = target.uploadBucket;
  const store = new DynamoDisclosureStore(target.tableName, doc);
  const admin = new DynamoAdminStore(target.tableName, doc);
  const deps: AdminDeps = {
    store,
    registry: new DynamoUnitRegistry(target.tableName, doc),
    admin,
    records: publicationRecords(store, admin),
    // No CDN invalidation from the CLI: pages are cached for a minute at most.
    site: new S3SiteWriter(siteBucket, s3),
    renderer: siteRenderer,
    reports: new S3AdminReportSink(uploadBucket, s3),
    uploads: new S3UploadSource(uploadBucket, s3),
    originals: {
      async put(key, bytes) {
        const r = await s3.send(new PutObjectCommand({ Bucket: uploadBucket, Key: key, Body: bytes }));
        return { versionId: r.VersionId ?? null, etag: r.ETag?.replace(/"/g, '') ?? null };
      },
    },
    validate: validateWorkbook,
    maxUploadBytes: Number(process.env.MAX_UPLOAD_BYTES) || DEFAULT_MAX_UPLOAD_BYTES,
    by: await whoAmI(target),
    publish: (unit, year) => publishUnitYear(deps, unit, year),
  };
  return deps;
}

/** The pipeline's publication of one unit-year (page, open data, catalog entry, index change), or its notice. */
async function publishUnitYear(deps: AdminDeps, unit: RegisteredUnit, year: number): Promise<string[]> {
  return (await publishDisclosure(deps, unit.code, year)).written;
}

/** Runs an admin command body, turning target and admin errors into a one-line message and exit code 2. */
export async function withAdmin(values: AdminTargetArgs, body: (deps: AdminDeps) => Promise<number>): Promise<number> {
  let deps: AdminDeps;
  try {
    deps = await adminDeps(values);
  } catch (error) {
    if (error instanceof TargetError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  try {
    return await body(deps);
  } catch (error) {
    if (error instanceof AdminError) {
      process.stderr.write(`${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}
