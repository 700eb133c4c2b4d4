import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { writeSupplementSheets } from '../../shared/supplement/write-supplement-sheets.ts';
import { writeDisclosureWorkbook } from '../../shared/workbook/write-workbook.ts';

/**
 * `template [--year YYYY] [--unit NAME] --out FILE.xlsx`: a blank workbook in the official layout, with the
 * supplementary sheets (单位概况, 补充信息, 重点工作, 绩效自评) after the nine tables.
 */
export async function runTemplate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { year: { type: 'string' }, out: { type: 'string' }, unit: { type: 'string' } },
  });
  const year = values.year === undefined ? new Date().getFullYear() - 1 : Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    process.stderr.write(`--year 应为四位年度，例如 2024，收到“${values.year}”。\n`);
    return 2;
  }
  if (!values.out) {
    process.stderr.write('请用 --out 指定输出文件，例如 --out 2024决算公开表.xlsx\n');
    return 2;
  }
  const bytes = await writeDisclosureWorkbook(null, {
    year,
    unitName: values.unit ?? '',
    extraSheets: (wb) => writeSupplementSheets(wb, null, year),
  });
  await writeFile(values.out, bytes);
  process.stdout.write(`已生成 ${year} 年度决算公开表样：${values.out}\n`);
  return 0;
}
