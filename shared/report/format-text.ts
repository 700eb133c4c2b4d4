import { SEVERITY_LABEL } from '../disclosure/finding.ts';
import { TABLE_NAMES } from '../disclosure/model.ts';
import type { ValidationReport } from '../rules/validate.ts';
import { inertLines } from '../text/terminal.ts';

/** The report as plain Chinese text for a terminal: verdict, counts, then one block per finding. */
export function formatReportText(report: ValidationReport, source?: string): string {
  const lines: string[] = [];
  const verdict = report.status === 'accepted' ? '通过：可以发布' : '未通过：请修改后重新上传';
  lines.push(`决算公开报表校验结果${source ? `（${source}）` : ''}`);
  lines.push(`单位：${report.unit ?? '（未识别）'}    年度：${report.year ?? '（未识别）'}`);
  lines.push(`结论：${verdict}`);
  lines.push(
    `错误 ${report.summary.errors} 项，警告 ${report.summary.warnings} 项，提示（尾数误差）${report.summary.notices} 项`,
  );
  if (report.tables && report.tables.length > 0) {
    lines.push('', '工作簿读取情况（按标题、表头文字和科目编码识别）：');
    for (const t of report.tables) {
      lines.push(
        `  ${TABLE_NAMES[t.table]}：工作表“${t.sheet}”，${t.layout}，${t.rows} 行；${t.columns.map((c) => `栏${c.number}→${c.column}`).join(' ')}`,
      );
    }
  }
  if (report.findings.length === 0) lines.push('', '未发现问题。');
  report.findings.forEach((f, i) => {
    lines.push('');
    const where = [
      f.table ? TABLE_NAMES[f.table] : null,
      f.sheet && f.table && f.sheet !== TABLE_NAMES[f.table] ? `工作表“${f.sheet}”` : null,
      f.cell ? `单元格 ${f.cell}` : null,
    ]
      .filter(Boolean)
      .join('，');
    lines.push(`${i + 1}. [${SEVERITY_LABEL[f.severity]}] ${f.rule}${where ? `  ${where}` : ''}`);
    lines.push(`   ${f.message}`);
    const values = [
      f.actual !== null ? `表中数 ${f.actual}` : null,
      f.expected !== null ? `应为 ${f.expected}` : null,
      f.difference !== null ? `差额 ${f.difference}` : null,
      f.tolerance !== null ? `容差 ${f.tolerance}` : null,
    ].filter(Boolean);
    if (values.length > 0 && f.difference !== null) lines.push(`   ${values.join('；')}`);
  });
  // Every line holds text from the workbook (names, sheets, messages quoting cells): printed inert.
  return `${inertLines(lines)}\n`;
}
