import type { IngestDeps } from '../ingest/ingest-upload.ts';
import { DynamoAdminStore } from '../storage/dynamo-admin-store.ts';
import { S3AdminReportSink } from '../storage/s3-admin-report.ts';
import { refreshUnitYear } from './admin-report.ts';
import { publicationRecords } from './records.ts';

/**
 * The ingest dependencies with the finance bureau's side over AWS adapters (issue 13): the publication record
 * (versions, 更正说明, withdrawals, 批复日期) the publication reads, and the refresh of the private status report in
 * the upload bucket after every upload. Used by the Lambda handler and the embedded stack.
 */
export function withAdminDeps(deps: IngestDeps, target: { tableName: string; uploadBucket: string }): IngestDeps {
  const admin = new DynamoAdminStore(target.tableName);
  const reports = new S3AdminReportSink(target.uploadBucket);
  return {
    ...deps,
    records: publicationRecords(deps.store, admin),
    // The version just stored is passed along: a large one is not read back only to score it.
    afterUpload: (unitCode, year, known) =>
      refreshUnitYear({ store: deps.store, registry: deps.registry, admin, reports }, unitCode, year, known),
  };
}
