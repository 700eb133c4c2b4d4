import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

/** Workbooks for pipeline tests: the seed as published, and copies changed the way units get them wrong. */
export const SEED_PATH = new URL('../fixtures/seed-2023-wuhan-info-center.xlsx', import.meta.url);
export const SEED_UNIT = {
  code: '101017',
  name: '武汉市财政局信息中心',
  department: '武汉市财政局',
  aliases: [] as string[],
};

export function seedBytes(): Buffer {
  return readFileSync(SEED_PATH);
}

/** The seed with cells overwritten (`sheet → { A1: value }`), e.g. a figure off by 1.00 or another unit name. */
export async function seedWith(changes: Record<string, Record<string, string | number | null>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(seedBytes() as never);
  for (const [sheet, cells] of Object.entries(changes)) {
    const ws = wb.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet ${sheet}`);
    for (const [address, value] of Object.entries(cells)) ws.getCell(address).value = value;
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The seed with every figure of the nine tables scaled (a different, still consistent disclosure). */
export async function seedRenamed(unitName: string, year = 2023): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(seedBytes() as never);
  for (const ws of wb.worksheets) {
    const title = ws.getCell('A1');
    if (typeof title.value === 'string') title.value = title.value.replace('2023', String(year));
    const unit = ws.getCell('A3');
    if (typeof unit.value === 'string') unit.value = `单位：${unitName}`;
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
