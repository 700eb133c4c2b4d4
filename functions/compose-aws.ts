import type { IngestConfig, RebuildConfig } from '../shared/config.ts';
import type { IngestDeps } from '../shared/ingest/ingest-upload.ts';
import type { RebuildDeps } from '../shared/ingest/rebuild-indexes.ts';
import type { Logger } from '../shared/log.ts';
import { validateWorkbookSandboxed } from '../shared/sandbox/workbook-sandbox.ts';
import { siteRenderer } from '../shared/site/index.ts';
import { DynamoDisclosureStore, DynamoUnitRegistry, documentClient } from '../shared/storage/dynamo-store.ts';
import { S3ReportSink, S3SiteWriter, S3UploadSource, s3Client } from '../shared/storage/s3-store.ts';
import { SqsIndexQueue } from '../shared/storage/sqs-index-queue.ts';

/**
 * The composition root of the ingest use case over AWS adapters, shared by the Lambda handler and the embedded
 * local stack (which differs only by the AWS_ENDPOINT_URL_* environment the SDK reads).
 */
export function awsIngestDeps(config: IngestConfig, log: Logger): IngestDeps {
  const s3 = s3Client();
  const doc = documentClient();
  return {
    uploads: new S3UploadSource(config.uploadBucket, s3),
    reports: new S3ReportSink(config.uploadBucket, s3),
    site: new S3SiteWriter(config.siteBucket, s3),
    indexQueue: new SqsIndexQueue(config.indexQueueUrl),
    registry: new DynamoUnitRegistry(config.tableName, doc),
    store: new DynamoDisclosureStore(config.tableName, doc),
    renderer: siteRenderer,
    // In a worker thread with a heap limit and a deadline (issue 11): a hostile workbook ends the worker, not us.
    validate: validateWorkbookSandboxed,
    siteBaseUrl: config.siteBaseUrl,
    maxUploadBytes: config.maxUploadBytes,
    log,
  };
}

/** The composition root of the index rebuild function over AWS adapters (also used by the embedded stack). */
export function awsRebuildDeps(config: RebuildConfig, log: Logger): RebuildDeps {
  return {
    store: new DynamoDisclosureStore(config.tableName, documentClient()),
    site: new S3SiteWriter(config.siteBucket, s3Client()),
    renderer: siteRenderer,
    indexQueue: new SqsIndexQueue(config.indexQueueUrl),
    log,
    yearPageIntervalMs: config.yearPageIntervalMs,
  };
}
