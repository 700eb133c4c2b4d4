import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ReportSink, SiteWriter, UploadFetch, UploadSource } from '../ports.ts';
import type { SiteFile } from '../site/site-model.ts';

/**
 * S3 adapters. Clients are parameters with defaults; the embedded stack differs only by AWS_ENDPOINT_URL_S3.
 * Checksums only when required: s3rver stores aws-chunked uploads corrupted otherwise (STACK.md), and real S3 is
 * unaffected.
 */
export function s3Client(): S3Client {
  return new S3Client({
    forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export class S3UploadSource implements UploadSource {
  constructor(
    private readonly bucket: string,
    private readonly s3: S3Client = s3Client(),
  ) {}

  async fetch(key: string, versionId: string | null, maxBytes: number): Promise<UploadFetch> {
    try {
      const r = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }),
      );
      const size = r.ContentLength ?? 0;
      const metadata = Object.fromEntries(Object.entries(r.Metadata ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      if (size > maxBytes) {
        // Do not download what we will refuse anyway.
        (r.Body as { destroy?: () => void } | undefined)?.destroy?.();
        return { kind: 'too-large', size, metadata };
      }
      const bytes = r.Body ? await r.Body.transformToByteArray() : new Uint8Array();
      if (bytes.length > maxBytes) return { kind: 'too-large', size: bytes.length, metadata };
      return {
        kind: 'found',
        bytes,
        etag: r.ETag?.replace(/"/g, '') ?? null,
        versionId: r.VersionId ?? null,
        metadata,
        lastModified: r.LastModified?.toISOString() ?? null,
      };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey' || (error as Error).name === 'NotFound')
        return { kind: 'gone' };
      throw error;
    }
  }
}

export class S3ReportSink implements ReportSink {
  constructor(
    private readonly bucket: string,
    private readonly s3: S3Client = s3Client(),
  ) {}

  async putReport(path: string, json: string, html: string): Promise<void> {
    await Promise.all([
      this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: `${path}.html`,
          Body: html,
          ContentType: 'text/html; charset=utf-8',
        }),
      ),
    ]);
    // The JSON last: clients poll for it, so when it exists the HTML does too.
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: `${path}.json`,
        Body: json,
        ContentType: 'application/json; charset=utf-8',
      }),
    );
  }
}

/**
 * How long browsers and CloudFront may keep a site file. Nothing invalidates the CDN (issue 12: at 19 paths per upload
 * invalidations were ~99 % of the variable cost, and 3,000 paths in progress cap a national peak): pages and JSON
 * are fresh for a minute and then served stale for up to five more while the edge revalidates, so a publication
 * is visible within about a minute; assets have content-hashed names (`assets/site.{hash}.css`) and never change.
 */
export const PAGE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export function cacheControl(path: string): string {
  return path.startsWith('assets/') ? ASSET_CACHE_CONTROL : PAGE_CACHE_CONTROL;
}

export class S3SiteWriter implements SiteWriter {
  constructor(
    private readonly bucket: string,
    private readonly s3: S3Client = s3Client(),
  ) {}

  async write(files: readonly SiteFile[]): Promise<void> {
    // Bounded parallelism: a publication writes about a dozen files.
    const queue = [...files];
    const worker = async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        await this.s3.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: f.path,
            Body: f.body,
            ContentType: f.contentType,
            CacheControl: cacheControl(f.path),
          }),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(6, queue.length) }, worker));
  }

  /** Deletes site files (a withdrawn disclosure's open data); deleting a missing key is no error in S3. */
  async remove(paths: readonly string[]): Promise<void> {
    for (const path of paths) await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: path }));
  }
}
