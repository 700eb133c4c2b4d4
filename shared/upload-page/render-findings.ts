import { TABLE_NAMES } from '../disclosure/model.ts';
import { SEVERITY_LABEL } from '../rules/finding.ts';
import type { ValidationReport } from '../rules/validate.ts';
import { type Html, html } from '../site/escape-html.ts';

/**
 * The upload page's view of a validation report — the in-browser check's and the server's alike, so the unit sees
 * the same list twice: the verdict, the counts, every finding with its rule, table, sheet, cell, value found, value
 * expected, difference and tolerance (the columns of the HTML report, shared/report/render-report-html.ts), and how
 * the workbook was read. Pure string building through the `html` tag (every value escaped): no DOM needed.
 */
export function renderVerdict(report: ValidationReport, context: 'browser' | 'server'): Html {
  const { errors, warnings, notices } = report.summary;
  const passed = report.status === 'accepted';
  const title =
    context === 'browser'
      ? passed
        ? '检查通过：可以提交'
        : '检查未通过：请先修改工作簿'
      : passed
        ? '校验通过'
        : '校验未通过';
  return html`<p class="verdict ${passed ? 'accepted' : 'rejected'}"><strong>${title}</strong></p>
<p class="counts">错误 <strong>${errors}</strong> 项（必须修改），警告 <strong>${warnings}</strong> 项（请核实），提示 <strong>${notices}</strong> 项（尾数误差，已在容差以内）。</p>`;
}

export function renderFindings(report: ValidationReport, caption: string): Html {
  if (report.findings.length === 0) return html`<p>未发现问题。</p>`;
  const rows = report.findings.map(
    (f, i) => html`<tr class="finding-${f.severity}">
<td class="seq">${i + 1}</td><td class="severity">${SEVERITY_LABEL[f.severity]}</td><td class="rule">${f.rule}</td>
<td>${f.table ? TABLE_NAMES[f.table] : ''}</td><td>${f.sheet ?? ''}</td><td class="code">${f.cell ?? ''}</td>
<td class="message">${f.message}</td><td class="num">${f.actual ?? ''}</td><td class="num">${f.expected ?? ''}</td><td class="num">${f.difference ?? ''}</td><td class="num">${f.tolerance ?? ''}</td>
</tr>`,
  );
  return html`<div class="table-scroll" role="region" aria-label="${caption}" tabindex="0"><table class="fin findings-table">
<caption>${caption}（错误在前；金额单位：万元）</caption>
<thead><tr><th scope="col">序号</th><th scope="col">级别</th><th scope="col">规则</th><th scope="col">表</th><th scope="col">工作表</th><th scope="col">单元格</th><th scope="col">说明</th><th scope="col">表中数</th><th scope="col">应为</th><th scope="col">差额</th><th scope="col">容差</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

/** “How the workbook was read” (report.tables), as the HTML report shows it. */
export function renderReading(report: ValidationReport): Html {
  const tables = report.tables ?? [];
  if (tables.length === 0) return html``;
  const rows = tables.map(
    (t) => html`<tr><th scope="row">${TABLE_NAMES[t.table]}</th><td>${t.sheet}</td><td class="code">${t.titleCell}</td>
<td>${t.headerRows ? `第${t.headerRows[0]}–${t.headerRows[1]}行` : '—'}</td><td>${t.layout}</td>
<td>${t.columns.map((c) => `栏${c.number}${c.label}→${c.column}列`).join('；')}</td><td class="num">${t.rows}</td></tr>`,
  );
  return html`<details class="reading"><summary>工作簿读取情况（各表所在工作表、标题、表头和各栏所在列）</summary>
<p>系统按标题、表头文字和科目编码识别各表各栏，不看工作表名称和位置。请核对各栏对应的列是否正确。</p>
<div class="table-scroll" role="region" aria-label="工作簿读取情况" tabindex="0"><table class="fin">
<caption>各表的读取方式</caption>
<thead><tr><th scope="col">表</th><th scope="col">工作表</th><th scope="col">标题单元格</th><th scope="col">表头</th><th scope="col">识别方式</th><th scope="col">各栏所在列</th><th scope="col">读取行数</th></tr></thead>
<tbody>${rows}</tbody></table></div></details>`;
}

/** Verdict, findings and reading together. */
export function renderReport(report: ValidationReport, context: 'browser' | 'server'): Html {
  const caption = context === 'browser' ? '本机检查发现的问题' : '校验报告的问题清单';
  return html`${renderVerdict(report, context)}${renderFindings(report, caption)}${renderReading(report)}`;
}
