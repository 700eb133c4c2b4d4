import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatReportText } from '../../shared/report/format-text.ts';
import { renderReportHtml } from '../../shared/report/render-report-html.ts';
import { validateWorkbook } from '../../shared/validate-workbook.ts';

/** Issue #10 item 7: the unit sees how its workbook was read — per table the sheet, layout and column mapping. */
const yichuan = readFileSync(fileURLToPath(new URL('../fixtures/real/shpt_yichuan_2025.xlsx', import.meta.url)));

describe('how the workbook was read', () => {
  it('the HTML report shows one line per table with its columns, escaped', async () => {
    const { report } = await validateWorkbook(yichuan);
    const html = renderReportHtml(report, {
      unitCode: 'YC01',
      year: 2025,
      fileName: 'a.xlsx',
      receivedAt: '2026-11-30T00:00:00Z',
      outcome: '未发布',
      url: null,
    });
    expect(html).toContain('<h2>工作簿读取情况</h2>');
    const section = html.slice(html.indexOf('工作簿读取情况'));
    expect(section.match(/<tr><th scope="row">/g)).toHaveLength(9);
    expect(section).toContain('栏12决算数公务接待费→L列');
    expect(section).toContain('合计行与本年支出子栏目共用一行');
    expect(section).toContain('工作表</th>');
  });

  it('the terminal report lists the same, before the findings', async () => {
    const { report } = await validateWorkbook(yichuan);
    const text = formatReportText(report);
    expect(text.indexOf('工作簿读取情况')).toBeLessThan(text.indexOf('1. [错误]'));
    expect(text).toContain('栏1→A 栏2→C 栏3→E');
  });
});
