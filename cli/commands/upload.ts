import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../shared/config.ts';
import { UNIT_CODE } from '../../shared/ingest/upload-key.ts';
import { formatReportText } from '../../shared/report/format-text.ts';
import { finding } from '../../shared/rules/finding.ts';
import { summarize, type ValidationReport } from '../../shared/rules/validate.ts';
import { s3Client } from '../../shared/storage/s3-store.ts';
import { inertJson, inertText } from '../../shared/text/terminal.ts';
import { resolveTarget, TargetError } from '../stack-target.ts';

/**
 * `upload <file.xlsx> --unit CODE --year YYYY [--json] [--timeout S]`: puts the workbook under
 * `uploads/{unit}/{year}/`, waits for the pipeline's report and prints it. Exit 0 published, 1 rejected, 2 the file
 * could not be uploaded or no report came back in time.
 */
export async function runUpload(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      unit: { type: 'string' },
      year: { type: 'string' },
      json: { type: 'boolean', default: false },
      bucket: { type: 'string' },
      table: { type: 'string' },
      region: { type: 'string' },
      'site-url': { type: 'string' },
      timeout: { type: 'string', default: '120' },
    },
  });
  const json = values.json ?? false;
  const couldNot = (message: string) => {
    const report = summarize([finding({ rule: 'F-01', message })], null, null, false);
    process.stdout.write(json ? `${inertJson({ ...report, url: null })}\n` : `${inertText(`上传失败：${message}`)}\n`);
    return 2;
  };
  const file = positionals[0];
  if (!file) return couldNot('没有指定文件：upload <file.xlsx> --unit CODE --year YYYY');
  if (!values.unit || !UNIT_CODE.test(values.unit))
    return couldNot('请用 --unit 指定有效的单位编码（字母、数字、下划线或连字符）。');
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return couldNot('请用 --year 指定四位年度，例如 2023。');
  let target: ReturnType<typeof resolveTarget>;
  try {
    target = resolveTarget({
      bucket: values.bucket,
      table: values.table,
      region: values.region,
      siteUrl: values['site-url'],
    });
  } catch (error) {
    if (error instanceof TargetError) return couldNot(error.message);
    throw error;
  }
  if (!target.uploadBucket) return couldNot('请用 --bucket 或 GONGKAI_UPLOAD_BUCKET 指定上传存储桶。');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return couldNot(`无法读取文件“${file}”。`);
  }
  if (bytes.length > DEFAULT_MAX_UPLOAD_BYTES) {
    return couldNot(
      `文件大小 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过上限 ${DEFAULT_MAX_UPLOAD_BYTES / 1024 / 1024} MB，未上传。`,
    );
  }
  // The trigger matches a lower-case `.xlsx` suffix; keep the unit's file name otherwise.
  const name =
    basename(file)
      .replace(/\.xlsx$/i, '')
      .replace(/[/\\]/g, '_') || 'workbook';
  const key = `uploads/${values.unit}/${year}/${name}.xlsx`;
  const uploadId = randomUUID();
  const s3 = s3Client();
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: target.uploadBucket,
        Key: key,
        Body: bytes,
        ContentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        Metadata: { 'upload-id': uploadId },
      }),
    );
  } catch (error) {
    return couldNot(`上传到存储桶失败：${(error as Error).message}`);
  }
  if (!json) process.stdout.write(`已上传 ${key}，等待校验与发布…\n`);
  const reportKey = `reports/${values.unit}/${year}/${uploadId}.json`;
  const deadline = Date.now() + Number(values.timeout) * 1000;
  while (Date.now() < deadline) {
    try {
      const r = await s3.send(new GetObjectCommand({ Bucket: target.uploadBucket, Key: reportKey }));
      const report = JSON.parse(await (r.Body?.transformToString() ?? '{}')) as ValidationReport & {
        url: string | null;
        outcome?: string;
      };
      const out = {
        status: report.status,
        unit: report.unit,
        year: report.year,
        summary: report.summary,
        findings: report.findings,
        url: report.url,
      };
      if (json) process.stdout.write(`${inertJson(out)}\n`);
      else {
        process.stdout.write(formatReportText(report, key));
        if (report.url) process.stdout.write(`\n已发布：${report.url}\n`);
        else if (report.outcome === 'superseded')
          process.stdout.write('\n校验通过，但已有更新的上传，本次未替换现行公开内容。\n');
        process.stdout.write(`报告：s3://${target.uploadBucket}/reports/${values.unit}/${year}/${uploadId}.html\n`);
      }
      // A run that failed after its retries (K-04) is not a verdict on the file: exit 2, like an upload that failed.
      if (report.outcome === 'failed') return 2;
      return report.status === 'accepted' ? 0 : 1;
    } catch (error) {
      const name = (error as Error).name;
      // A unit's policy has no bucket-wide ListBucket, so S3 answers a not-yet-written report with AccessDenied.
      if (name !== 'NoSuchKey' && name !== 'NotFound' && name !== 'AccessDenied') {
        return couldNot(`读取报告失败：${(error as Error).message}`);
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return couldNot(
    `在 ${values.timeout} 秒内没有收到校验报告（${reportKey}）。请稍后查看报告目录，或检查处理函数的日志。`,
  );
}
