import { TABLE_NAMES } from '../disclosure/model.ts';
import { type Finding, SEVERITY_LABEL, sortFindings } from '../rules/finding.ts';
import { type Html, html } from './escape-html.ts';

/**
 * 数据说明: the warnings and notices of the accepted workbook, disclosed rather than hidden — rounding differences
 * (尾数误差) within tolerance, and figures the unit's own text quotes that differ from the tables. Requests to the
 * unit to fill something in (P- rules) concern the upload, not the reader, and are left out.
 */
export function publicFindings(findings: readonly Finding[]): Finding[] {
  return sortFindings(findings).filter((f) => f.severity !== 'error' && !f.rule.startsWith('P-'));
}

function where(f: Finding): string {
  const table = f.table ? TABLE_NAMES[f.table] : f.sheet;
  return [table, f.cell ? `单元格 ${f.cell}` : null].filter((x) => x).join('，');
}

export function renderDataNotes(findings: readonly Finding[]): Html {
  const shown = publicFindings(findings);
  const rounding = shown.filter((f) => f.severity === 'notice').length;
  const intro =
    shown.length === 0
      ? html`<p>本页数据由单位上传的决算公开表生成，经自动校验，未发现需要说明的问题。</p>`
      : html`<p>本页数据由单位上传的决算公开表生成并经自动校验。表中金额由元换算为万元时四舍五入，可能产生尾数误差。校验发现${[
          rounding > 0 ? `尾数误差${rounding}处（均在容差以内）` : '',
          shown.length > rounding ? `其他需要说明的情况${shown.length - rounding}处` : '',
        ]
          .filter((x) => x !== '')
          .join('，')}，列示如下。</p>`;
  const list =
    shown.length === 0
      ? html``
      : html`<ol class="findings">${shown.map(
          (f) =>
            html`<li class="finding ${f.severity}"><span class="badge">${SEVERITY_LABEL[f.severity]}</span> <span class="rule">${f.rule}</span> <span class="where">${where(f)}</span><p>${f.message}</p></li>`,
        )}</ol>`;
  return html`${intro}${list}`;
}
