import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { diffVersions } from '../../shared/admin/diff-versions.ts';
import type { StoredVersion } from '../../shared/ports.ts';
import type { DisclosureHistory } from '../../shared/site/history-model.ts';
import type { PublishedDisclosure } from '../../shared/site/site-model.ts';
import { validateWorkbook } from '../../shared/validate-workbook.ts';
import { FULL_SEED_PATH, SEED_CODE, SEED_UNIT } from '../site/helpers.ts';

/**
 * The correction of the acceptance test: the full seed with 基本工资 (T6 30101) raised by 0.01 together with its
 * totals (301 工资福利支出, 人员经费合计) — one figure and its totals changed, still accepted (the 0.01 against T5 is
 * a rounding notice).
 */
export const T6_SHEET = '一般公共预算财政拨款基本支出决算明细表';
export const CORRECTION = { C7: 68.37, C6: 466.33, C34: 467.18 } as const;
/** The three changed cells as the 更正说明 must list them: row key, old, new (栏1 决算数). */
export const CHANGED_CELLS = [
  { rowKey: '301', old: '466.32', new: '466.33' },
  { rowKey: '30101', old: '68.36', new: '68.37' },
  { rowKey: 'personnel-total', old: '467.17', new: '467.18' },
];

export async function fullSeedBytes(): Promise<Buffer> {
  return readFile(FULL_SEED_PATH);
}

export async function correctedSeedBytes(changes: Record<string, number> = CORRECTION): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await fullSeedBytes()) as never);
  const ws = wb.getWorksheet(T6_SHEET);
  if (!ws) throw new Error(`no sheet ${T6_SHEET}`);
  for (const [cell, value] of Object.entries(changes)) ws.getCell(cell).value = value;
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function stored(bytes: Uint8Array, version: string): Promise<StoredVersion> {
  const { report, read, supplement } = await validateWorkbook(bytes);
  if (read.status !== 'read' || report.status !== 'accepted') throw new Error(`${version} not accepted`);
  return {
    unit: { code: SEED_CODE, name: SEED_UNIT, department: '武汉市财政局' },
    year: 2023,
    version,
    disclosure: read.disclosure,
    supplement,
    findings: report.findings,
  };
}

/** Two versions of the seed and the corrected page as the pipeline renders it (history and the earlier version). */
export async function correctedPublication(code = SEED_CODE) {
  const first = await stored(await fullSeedBytes(), 'u-first');
  const second = await stored(await correctedSeedBytes(), 'u-second');
  const history: DisclosureHistory = {
    currentVersion: second.version,
    versions: [
      { version: first.version, publishedAt: '2024-10-12T02:00:00.000Z', importedFrom: null, diff: null },
      {
        version: second.version,
        publishedAt: '2024-11-03T06:30:00.000Z',
        importedFrom: null,
        diff: diffVersions(first, second),
      },
    ],
    firstPublishedAt: '2024-10-12T02:00:00.000Z',
    updatedAt: '2024-11-03T06:30:00.000Z',
    approvalDate: '2024-09-25',
    approvalSource: 'workbook',
  };
  const page = (v: StoredVersion, publishedAt: string): PublishedDisclosure => ({
    unit: { ...v.unit, code },
    year: 2023,
    version: v.version,
    publishedAt,
    disclosure: v.disclosure,
    supplement: v.supplement,
    findings: v.findings,
    previous: null,
    history,
  });
  const published: PublishedDisclosure = {
    ...page(second, '2024-11-03T06:30:00.000Z'),
    earlier: [page(first, '2024-11-03T06:30:00.000Z')],
  };
  return { first, second, history, published };
}
