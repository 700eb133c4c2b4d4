import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../shared/config.ts';
import { formatReportText } from '../../shared/report/format-text.ts';
import { renderReportHtml } from '../../shared/report/render-report-html.ts';
import { finding } from '../../shared/rules/finding.ts';
import { summarize, type ValidationReport } from '../../shared/rules/validate.ts';
import { validateWorkbookSandboxed } from '../../shared/sandbox/workbook-sandbox.ts';
import { inertJson } from '../../shared/text/terminal.ts';

export function exitCodeFor(report: ValidationReport): number {
  if (report.findings.some((f) => f.rule === 'F-01')) return 2;
  return report.status === 'accepted' ? 0 : 1;
}

function print(report: ValidationReport, json: boolean, source: string): void {
  process.stdout.write(json ? `${inertJson(report)}\n` : formatReportText(report, source));
}

/** `validate <file.xlsx> [--json] [--unit NAME] [--year YYYY] [--html REPORT.html]` */
export async function runValidate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      unit: { type: 'string' },
      year: { type: 'string' },
      html: { type: 'string' },
    },
  });
  const file = positionals[0];
  const json = values.json ?? false;
  const unreadable = (message: string) => {
    const report = summarize([finding({ rule: 'F-01', message })], null, null, false);
    print(report, json, file ?? '');
    return 2;
  };
  if (!file) return unreadable('没有指定要校验的文件：gongkai validate <file.xlsx>');
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    return unreadable(`--year 应为四位年度，例如 2023，收到“${values.year}”。`);
  }
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) return unreadable(`“${file}”不是文件。`);
    if (info.size > DEFAULT_MAX_UPLOAD_BYTES) {
      return unreadable(
        `文件大小 ${(info.size / 1024 / 1024).toFixed(1)} MB，超过上限 ${DEFAULT_MAX_UPLOAD_BYTES / 1024 / 1024} MB。`,
      );
    }
    bytes = await readFile(file);
  } catch {
    return unreadable(`无法读取文件“${file}”：文件不存在或没有读取权限。`);
  }
  // The pipeline's sandbox: a file that would exhaust memory or time gets an F-01 report here too.
  const { report } = await validateWorkbookSandboxed(bytes, { unitName: values.unit ?? null, year: year ?? null });
  print(report, json, file);
  if (values.html) {
    // The same readable report the pipeline writes for the unit, to open in a browser or print.
    const html = renderReportHtml(report, {
      unitCode: null,
      year: year ?? report.year,
      fileName: basename(file),
      receivedAt: new Date().toISOString(),
      outcome: report.status === 'accepted' ? '离线校验通过（尚未上传）' : '离线校验未通过',
      url: null,
    });
    await writeFile(values.html, html);
    if (!json) process.stdout.write(`报告已保存：${values.html}\n`);
  }
  return exitCodeFor(report);
}
