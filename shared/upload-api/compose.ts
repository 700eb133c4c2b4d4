import { DynamoDisclosureStore, DynamoUnitRegistry, documentClient } from '../storage/dynamo-store.ts';
import { s3Client } from '../storage/s3-store.ts';
import { S3GrantSigner, S3ReportReader } from '../storage/upload-grants.ts';
import type { UploadApiConfig } from './config.ts';
import type { UploadApiDeps } from './upload-api.ts';
import { tokenVerifier } from './verify-token.ts';

/** The composition root over AWS adapters: the Lambda handler and the embedded stack (endpoints from the env). */
export function awsUploadApiDeps(config: UploadApiConfig, log?: UploadApiDeps['log']): UploadApiDeps {
  const s3 = s3Client();
  const doc = documentClient();
  return {
    verify: tokenVerifier(config),
    registry: new DynamoUnitRegistry(config.tableName, doc),
    store: new DynamoDisclosureStore(config.tableName, doc),
    reports: new S3ReportReader(config.uploadBucket, s3),
    grants: new S3GrantSigner(config.uploadBucket, s3),
    maxUploadBytes: config.maxUploadBytes,
    grantSeconds: config.grantSeconds,
    ...(log ? { log } : {}),
  };
}
