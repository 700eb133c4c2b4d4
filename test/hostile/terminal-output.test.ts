import { describe, expect, it } from 'vitest';
import { formatReportText } from '../../shared/report/format-text.ts';
import { finding } from '../../shared/rules/finding.ts';
import { summarize } from '../../shared/rules/validate.ts';
import { inertJson, inertLines, inertText } from '../../shared/text/terminal.ts';
import { runInProcess } from '../helpers/cli.ts';
import { editWorkbook, SEED_SHEETS, seedBytes } from '../helpers/seed.ts';

/**
 * Terminal output is inert (issue 11): text from workbooks and upload keys printed by the CLI (reports, `units list`,
 * `submissions`) carries no control character — no escape sequence can clear the screen or retitle the window, no
 * bidirectional override can make a reversed name read as another unit — and JSON output escapes them.
 */
const ESC_CLEAR = '\u001b[2J\u001b]0;pwned\u0007';
const C1_CSI = '\u009b31m';
const RTL = '\u202e心中息信局政财市汉武';
// Anything a terminal would act on: C0 except the line breaks we print, DEL, C1, bidi controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point of this test.
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('inert terminal text', () => {
  it('strips C0, C1 and bidi controls from text and escapes them in JSON', () => {
    expect(inertText(`a${ESC_CLEAR}b${C1_CSI}c${RTL}\r\n\t`)).toBe('a[2J]0;pwnedb31mc心中息信局政财市汉武');
    expect(inertLines(['x\u001b[1m', 'y'])).toBe('x[1m\ny');
    const json = inertJson({ name: `${RTL}${C1_CSI}`, key: 'uploads/1/2023/\u001b.xlsx' });
    expect(json).not.toMatch(ACTIVE);
    expect(JSON.parse(json)).toEqual({ name: `${RTL}${C1_CSI}`, key: 'uploads/1/2023/\u001b.xlsx' });
  });

  it('prints a report whose unit, sheet and messages carry escape sequences without them', () => {
    const report = summarize(
      [
        finding({
          rule: 'S-04',
          sheet: `表${ESC_CLEAR}`,
          table: 'T1',
          cell: 'A3',
          message: `单位名称“${RTL}${C1_CSI}”与登记不符\n伪造的第二行`,
        }),
      ],
      `单位${ESC_CLEAR}`,
      2023,
    );
    const text = formatReportText(report, `uploads/101017/2023/${ESC_CLEAR}.xlsx`);
    expect(text).not.toMatch(ACTIVE);
    expect(text).toContain('心中息信局政财市汉武');
    // The message's own line break cannot forge a line of the report.
    expect(text.split('\n').some((l) => l.startsWith('伪造的第二行'))).toBe(false);
  });

  it('gongkai validate prints a workbook’s hostile unit name inert, as text and as JSON', async () => {
    const bytes = await editWorkbook(await seedBytes(), (wb) => {
      for (const name of Object.values(SEED_SHEETS)) {
        const ws = wb.getWorksheet(name);
        if (ws) ws.getCell('A3').value = `单位：${RTL}${C1_CSI}`;
      }
    });
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'gongkai-term-')), 'rtl.xlsx');
    writeFileSync(file, bytes);
    for (const args of [[file], [file, '--json']]) {
      const r = await runInProcess(['validate', ...args, '--unit', '武汉市财政局信息中心', '--year', '2023']);
      expect(r.code).toBe(1);
      expect(r.stdout).not.toMatch(ACTIVE);
    }
  }, 60_000);
});
