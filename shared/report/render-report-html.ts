import { SEVERITY_LABEL } from '../disclosure/finding.ts';
import { TABLE_NAMES } from '../disclosure/model.ts';
import type { ValidationReport } from '../rules/validate.ts';
import { escapeHtml } from '../site/escape-html.ts';

/** Every value in the report is uploaded or derived text: escaped by the site's one escaping function. */
function esc(value: unknown): string {
  return escapeHtml(String(value ?? ''));
}

export interface ReportContext {
  unitCode: string | null;
  year: number | null;
  fileName: string;
  receivedAt: string;
  /** What happened beyond validation: published at a URL, superseded by a newer upload, … */
  outcome: string;
  url: string | null;
}

const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An ISO timestamp as Beijing time, as a unit reads it (`2024年10月12日 10:05:00（北京时间）`). */
function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${BEIJING.format(t)}（北京时间）`;
}

/** “How the workbook was read”: one line per table, so a unit sees at a glance whether its file was understood. */
function readingTable(report: ValidationReport): string {
  const tables = report.tables ?? [];
  if (tables.length === 0) return '';
  const rows = tables
    .map(
      (t) => `<tr><th scope="row">${esc(TABLE_NAMES[t.table])}</th><td>${esc(t.sheet)}</td><td>${esc(t.titleCell)}</td>
<td>${esc(t.headerRows ? `第${t.headerRows[0]}–${t.headerRows[1]}行` : '—')}</td><td>${esc(t.layout)}</td>
<td>${esc(t.columns.map((c) => `栏${c.number}${c.label}→${c.column}列`).join('；'))}</td><td class="n">${t.rows}</td></tr>`,
    )
    .join('\n');
  return `<h2>工作簿读取情况</h2>
<p>系统按标题、表头文字和科目编码识别各表各栏，不看工作表名称和位置。请核对各栏对应的列是否正确。</p>
<div class="scroll" role="region" aria-label="工作簿读取情况" tabindex="0"><table>
<caption>各表的读取方式</caption>
<thead><tr><th scope="col">表</th><th scope="col">工作表</th><th scope="col">标题单元格</th><th scope="col">表头</th><th scope="col">识别方式</th><th scope="col">各栏所在列</th><th scope="col">读取行数</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

/** The unit's report as a self-contained Chinese HTML page (no scripts, inline styles only). */
export function renderReportHtml(report: ValidationReport, ctx: ReportContext): string {
  const rows = report.findings
    .map(
      (f, i) => `<tr class="${f.severity}">
<td>${i + 1}</td><td>${esc(SEVERITY_LABEL[f.severity])}</td><td>${esc(f.rule)}</td>
<td>${esc(f.table ? TABLE_NAMES[f.table] : '')}</td><td>${esc(f.sheet ?? '')}</td><td>${esc(f.cell ?? '')}</td>
<td>${esc(f.message)}</td><td class="n">${esc(f.actual ?? '')}</td><td class="n">${esc(f.expected ?? '')}</td><td class="n">${esc(f.difference ?? '')}</td><td class="n">${esc(f.tolerance ?? '')}</td>
</tr>`,
    )
    .join('\n');
  const verdict = report.status === 'accepted' ? '校验通过' : '校验未通过';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(verdict)} — ${esc(report.unit ?? ctx.unitCode ?? '')} ${esc(report.year ?? ctx.year ?? '')} 决算公开报表校验报告</title>
<style>
body{font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;margin:1.5rem;line-height:1.6;color:#1a1a1a}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #999;padding:.3rem .4rem;vertical-align:top}
th{background:#eef}.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.error td:nth-child(2){color:#a00;font-weight:bold}tr.warning td:nth-child(2){color:#8a5a00}
.verdict{font-size:1.3rem;font-weight:bold}.accepted{color:#060}.rejected{color:#a00}
.scroll{overflow-x:auto}
td:nth-child(-n+3),td:nth-child(6){white-space:nowrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{color:#555}dd{margin:0}
@media print{.scroll{overflow:visible}tr{break-inside:avoid}thead{display:table-header-group}}
</style>
</head>
<body>
<main>
<h1>决算公开报表校验报告</h1>
<p class="verdict ${report.status}">${esc(verdict)}</p>
<dl>
<dt>单位</dt><dd>${esc(report.unit ?? '（未识别）')}${ctx.unitCode ? `（编码 ${esc(ctx.unitCode)}）` : ''}</dd>
<dt>年度</dt><dd>${esc(report.year ?? ctx.year ?? '（未识别）')}</dd>
<dt>文件</dt><dd>${esc(ctx.fileName)}</dd>
<dt>收到时间</dt><dd>${esc(beijingTime(ctx.receivedAt))}</dd>
<dt>处理结果</dt><dd>${esc(ctx.outcome)}${ctx.url ? `：<a href="${esc(ctx.url)}">${esc(ctx.url)}</a>` : ''}</dd>
</dl>
<p>错误 ${report.summary.errors} 项（必须修改），警告 ${report.summary.warnings} 项（请核实），提示 ${report.summary.notices} 项（尾数误差，已在容差以内）。</p>
${
  report.findings.length === 0
    ? '<p>未发现问题。</p>'
    : `<div class="scroll" role="region" aria-label="问题清单" tabindex="0"><table>
<caption>问题清单（错误在前）</caption>
<thead><tr><th scope="col">序号</th><th scope="col">级别</th><th scope="col">规则</th><th scope="col">表</th><th scope="col">工作表</th><th scope="col">单元格</th><th scope="col">说明</th><th scope="col">表中数</th><th scope="col">应为</th><th scope="col">差额</th><th scope="col">容差</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`
}
${readingTable(report)}
<p>规则说明见项目文档 docs/rules.md。金额单位：万元。</p>
</main>
</body>
</html>
`;
}
