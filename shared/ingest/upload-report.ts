import { finding, type RuleId } from '../disclosure/finding.ts';
import type { ReportSink } from '../ports.ts';
import { renderReportHtml } from '../report/render-report-html.ts';
import { summarize, type ValidationReport } from '../rules/validate.ts';
import type { UploadEvent } from './ingest-upload.ts';
import { REPORT_PREFIX } from './upload-key.ts';

/**
 * The report a unit gets for an upload, as JSON and HTML under `reports/{unitCode}/{year}/{uploadId}` in the upload
 * bucket: the same for every way an upload ends (published, superseded, rejected, or failed after its last attempt).
 */

/** How an upload ended, as its report says it. */
export type ReportOutcome = 'published' | 'superseded' | 'rejected' | 'failed';

/** The line above the findings in the HTML report. */
const HEADLINE: Record<ReportOutcome, string> = {
  published: '已发布',
  superseded: '校验通过，但同一单位同一年度已有更新的上传，本次未替换现行公开内容',
  rejected: '未发布：请根据问题清单修改后重新上传',
  failed: '处理失败：未发布，请稍后重新上传',
};

/** The upload a report is about. */
export interface ReportedUpload {
  event: UploadEvent;
  unitCode: string | null;
  year: number | null;
  uploadId: string;
  reportPath: string;
  receivedAt: string;
}

export function reportPathFor(unitCode: string | null, year: number | null, uploadId: string): string {
  return `${REPORT_PREFIX}${unitCode ?? '_unknown'}/${year ?? '_unknown'}/${uploadId}`;
}

/**
 * Writes the report of `upload`. A rejection's JSON has no `outcome` field (readers take it from `status`); the other
 * outcomes are named there. `url` is the published page (null unless published).
 */
export async function writeReport(
  reports: ReportSink,
  upload: ReportedUpload,
  report: ValidationReport,
  outcome: ReportOutcome,
  url: string | null,
): Promise<void> {
  const { event } = upload;
  await reports.putReport(
    upload.reportPath,
    JSON.stringify({
      ...report,
      uploadId: upload.uploadId,
      source: { key: event.key, etag: event.etag, versionId: event.versionId },
      url,
      ...(outcome === 'rejected' ? {} : { outcome }),
    }),
    renderReportHtml(report, {
      unitCode: upload.unitCode,
      year: upload.year,
      fileName: event.key.split('/').pop() ?? event.key,
      receivedAt: upload.receivedAt,
      outcome: HEADLINE[outcome],
      url,
    }),
  );
}

/**
 * The report of an upload refused for one reason before (or instead of) checking its tables; the finding has its
 * rule's own severity (K-01..K-04 and F-01 are errors).
 */
export function refusalReport(rule: RuleId, message: string, year: number | null): ValidationReport {
  return summarize([finding({ rule, message })], null, year, false);
}
