import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { s3Client } from './s3-store.ts';

/**
 * The adapters of the upload API's GrantSigner and ReportReader ports (shared/upload-api/upload-api.ts; matched
 * structurally, so storage depends on no use case). The presigned POST S3 itself enforces: exactly this key (so exactly this unit's prefix and year), a size between
 * 1 byte and the upload limit (`content-length-range`), the upload id the page follows (`x-amz-meta-upload-id`,
 * which the ingest uses as the submission id), and an expiry a few minutes ahead.
 */
export class S3GrantSigner {
  constructor(
    private readonly bucket: string,
    private readonly s3: S3Client = s3Client(),
  ) {}

  async presign(key: string, uploadId: string, maxBytes: number, seconds: number) {
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [['content-length-range', 1, maxBytes]],
      Fields: { 'x-amz-meta-upload-id': uploadId },
      Expires: seconds,
    });
    return { url, fields };
  }
}

export class S3ReportReader {
  constructor(
    private readonly bucket: string,
    private readonly s3: S3Client = s3Client(),
  ) {}

  async getReportJson(path: string): Promise<string | null> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: `${path}.json` }));
      return (await out.Body?.transformToString('utf-8')) ?? null;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return null;
      throw error;
    }
  }
}
