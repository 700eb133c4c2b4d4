import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ADMIN_PREFIX, type AdminReportSink } from '../records/model.ts';
import { s3Client } from './s3-store.ts';

/** The finance bureau's private report, written to the upload bucket under `admin/` (issue 13). */
export class S3AdminReportSink implements AdminReportSink {
  constructor(
    private readonly bucket: string,
    private readonly s3: S3Client = s3Client(),
  ) {}
  async put(key: string, body: string, contentType: string): Promise<void> {
    if (!key.startsWith(ADMIN_PREFIX)) throw new Error(`admin reports go under ${ADMIN_PREFIX} only: ${key}`);
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        CacheControl: 'no-store',
      }),
    );
  }
}
