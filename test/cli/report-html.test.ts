import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_PATH } from '../helpers/seed.ts';

/** `validate --html`: the printable Chinese report a unit gets from the pipeline, offline. */
const dir = mkdtempSync(join(tmpdir(), 'gongkai-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function validate(file: string, html: string) {
  return spawnSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'cli/main.ts', 'validate', file, '--html', html],
    {
      encoding: 'utf8',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
}

describe('validate --html', () => {
  it('writes the report of a rejected workbook, every text escaped', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(SEED_PATH);
    const t1 = wb.worksheets.find((w) => String(w.getCell('A1').value).includes('收入支出决算总表'));
    if (!t1) throw new Error('no T1');
    t1.getCell('A3').value = '单位：<script>alert(1)</script>武汉市财政局信息中心';
    t1.getCell('C7').value = 636.55;
    const file = join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(file);
    const out = join(dir, 'bad.html');
    const r = validate(file, out);
    expect(r.status).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('校验未通过');
    expect(html).toContain('<td>C7</td>');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('writes the report of an accepted workbook with its rounding notices', () => {
    const out = join(dir, 'seed.html');
    const r = validate(SEED_PATH, out);
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('校验通过');
    expect(html.match(/<tr class="notice">/g)).toHaveLength(7);
  });
});
