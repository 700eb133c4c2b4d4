import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { RegisteredUnit } from '../shared/ports.ts';
import type { Expectation } from '../shared/rules/engine.ts';
import { readWorkbook } from '../shared/workbook/read-workbook.ts';
import { largeWorkbook } from './large-disclosure.ts';

/** The two workbooks every measurement runs on: the real seed and a generated large disclosure. */
export interface Workload {
  name: 'seed' | 'large';
  bytes: Buffer;
  /** The registered unit an upload of it belongs to (its name is the one in the workbook). */
  unit: RegisteredUnit;
  expect: Expectation;
  /** Rows of 支出决算表 (T3) and how many of them are 项. */
  rows: number;
  xiangRows: number;
}

export const SEED_FILE = fileURLToPath(new URL('../test/fixtures/seed-2023-wuhan-info-center.xlsx', import.meta.url));
export const YEAR = 2023;
export const SEED_UNIT: RegisteredUnit = {
  code: '101017',
  name: '武汉市财政局信息中心',
  department: '武汉市财政局',
  aliases: [],
};
export const LARGE_UNIT: RegisteredUnit = {
  code: '990001',
  name: '武汉市城市综合服务中心',
  department: '武汉市城市管理执法委员会',
  aliases: [],
};

export async function loadWorkloads(xiangCount?: number): Promise<Record<'seed' | 'large', Workload>> {
  const seedBytes = await readFile(SEED_FILE);
  const read = await readWorkbook(seedBytes);
  if (read.status !== 'read') throw new Error(`seed fixture unreadable: ${SEED_FILE}`);
  const large = await largeWorkbook({
    seed: read.disclosure,
    unitName: LARGE_UNIT.name,
    year: YEAR,
    ...(xiangCount === undefined ? {} : { xiangCount }),
  });
  const seedT3 = read.disclosure.tables.T3?.rows ?? [];
  return {
    seed: {
      name: 'seed',
      bytes: seedBytes,
      unit: SEED_UNIT,
      expect: { unitName: SEED_UNIT.name, unitAliases: [], year: YEAR },
      rows: seedT3.length,
      xiangRows: seedT3.filter((r) => r.kind === 'xiang').length,
    },
    large: {
      name: 'large',
      bytes: large.bytes,
      unit: LARGE_UNIT,
      expect: { unitName: LARGE_UNIT.name, unitAliases: [], year: YEAR },
      rows: large.rows,
      xiangRows: large.xiangRows,
    },
  };
}
