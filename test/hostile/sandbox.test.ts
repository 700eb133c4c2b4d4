import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { Figure } from '../../shared/disclosure/model.ts';
import { Dec } from '../../shared/money/amount.ts';
import { fromWire, toWire } from '../../shared/sandbox/wire.ts';
import { tooComplexMessage, WorkbookSandbox } from '../../shared/sandbox/workbook-sandbox.ts';
import { validateWorkbook } from '../../shared/validate-workbook.ts';
import { SEED_UNIT, SEED_YEAR, seedBytes } from '../helpers/seed.ts';
import { denseWorkbook } from './dense-workbook.ts';

/**
 * The sandbox (shared/sandbox/workbook-sandbox.ts): the same answer as validating in this thread, a warm worker
 * reused, and the two hard limits — a workbook that needs more heap or more time than allowed gets an F-01 report
 * (工作簿过于复杂…), this process goes on, and the next workbook is validated normally by a fresh worker.
 */
const EXPECT = { unitName: SEED_UNIT, year: SEED_YEAR };
const sandboxes: WorkbookSandbox[] = [];
const sandbox = (heapMb: number, deadlineMs: number) => {
  const s = new WorkbookSandbox({ heapMb, deadlineMs });
  sandboxes.push(s);
  return s;
};
afterAll(async () => {
  for (const s of sandboxes) await s.close();
});

describe('workbook sandbox', () => {
  it('returns exactly what validating in this thread returns (amounts rebuilt as exact decimals)', async () => {
    const bytes = await seedBytes();
    const inside = await sandbox(256, 30_000).validate(bytes, EXPECT);
    const here = await validateWorkbook(bytes, EXPECT);
    expect(inside.report).toStrictEqual(here.report);
    expect(inside.supplement).toStrictEqual(here.supplement);
    if (inside.read.status !== 'read' || here.read.status !== 'read') throw new Error('seed not read');
    const { otherSheets: _a, ...insideRead } = inside.read;
    const { otherSheets: _b, ...hereRead } = here.read;
    // toStrictEqual also compares prototypes: a Decimal that crossed as a plain object would fail here.
    expect(insideRead).toStrictEqual(hereRead);
    expect(inside.read.otherSheets).toEqual([]);
    // Field order is the published report's contract: the compact crossing must not move a key.
    expect(JSON.stringify(inside.report)).toBe(JSON.stringify(here.report));
    expect(JSON.stringify(insideRead)).toBe(JSON.stringify(hereRead));
  });

  it('carries every figure of the real documents across exactly: cells on other sheets, rows without a cell', async () => {
    for (const name of ['shpt_shiquan_2025.xlsx', 'shpt_yichuan_2025.xlsx', 'seed-2023-full.xlsx']) {
      const file = name.startsWith('seed') ? `../fixtures/${name}` : `../fixtures/real/${name}`;
      const here = await validateWorkbook(await readFile(new URL(file, import.meta.url)), {});
      const crossed = fromWire(structuredClone(toWire(here)));
      expect(crossed.report).toStrictEqual(here.report);
      expect(crossed.supplement).toStrictEqual(here.supplement);
      if (here.read.status !== 'read' || crossed.read.status !== 'read') throw new Error(`${name} not read`);
      expect(crossed.read.disclosure).toStrictEqual(here.read.disclosure);
      expect(JSON.stringify(crossed.read.disclosure)).toBe(JSON.stringify(here.read.disclosure));
    }
    // The encoding's two special cases, whatever the fixtures happen to hold.
    const seed = await validateWorkbook(await seedBytes(), EXPECT);
    if (seed.read.status !== 'read') throw new Error('seed not read');
    const row = seed.read.disclosure.tables.T1?.rows[0];
    if (!row) throw new Error('no T1 row');
    const [first] = Object.keys(row.cells);
    const cells = row.cells as Record<string, Figure>;
    if (first) cells[first] = { ...(cells[first] as Figure), at: null };
    cells['9'] = { value: new Dec('-0.01'), at: { sheet: '另一张表', cell: 'Z9' }, blank: false };
    cells['10'] = { value: new Dec('-0'), at: { sheet: '另一张表', cell: 'Z10' }, blank: false };
    cells['11'] = { value: new Dec('0.00'), at: null, blank: true };
    const crossed = fromWire(structuredClone(toWire(seed)));
    if (crossed.read.status !== 'read') throw new Error('seed not read');
    const back = crossed.read.disclosure.tables.T1?.rows[0]?.cells as Record<string, Figure>;
    expect(back).toStrictEqual(row.cells);
    // toStrictEqual compares decimals by their fields; the sign of a zero is checked on its own.
    expect(back['10']?.value.isNegative()).toBe(true);
    expect(back['11']?.value.isZero()).toBe(true);
  });

  it('keeps one warm worker across uploads', async () => {
    const s = sandbox(256, 30_000);
    const bytes = await seedBytes();
    const results = await Promise.all([
      s.validate(bytes, EXPECT),
      s.validate(bytes, EXPECT),
      s.validate(bytes, EXPECT),
    ]);
    expect(results.map((r) => r.report.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(s.started).toBe(1);
  });

  it('answers F-01 when the heap limit is exceeded, and serves the next upload with a fresh worker', async () => {
    const s = sandbox(64, 60_000);
    const dense = await denseWorkbook();
    const heavy = await s.validate(dense.bytes, EXPECT);
    expect(heavy.report.status).toBe('rejected');
    expect(heavy.report.findings.map((f) => f.rule)).toEqual(['F-01']);
    expect(heavy.report.findings[0]?.message).toBe(tooComplexMessage('memory', s.limits));
    expect(heavy.report.findings[0]?.message).toContain('工作簿过于复杂，无法在限定资源内读取');
    const next = await s.validate(await seedBytes(), EXPECT);
    expect(next.report.status).toBe('accepted');
    expect(s.started).toBe(2);
  }, 120_000);

  it('answers F-01 when the deadline passes, at the deadline, and serves the next upload', async () => {
    // The deadline follows this machine's speed: half of what the dense workbook (the most work the package limits
    // let through) takes without one. The seed needs a small fraction of that, even in a cold worker.
    const dense = await denseWorkbook();
    const unlimited = sandbox(256, 120_000);
    let started = performance.now();
    await unlimited.validate(dense.bytes, EXPECT);
    const deadlineMs = Math.round((performance.now() - started) / 2);
    await unlimited.close();
    const s = sandbox(256, deadlineMs);
    const warm = await s.validate(await seedBytes(), EXPECT); // the deadline counts from a ready worker
    expect(warm.report.status).toBe('accepted');
    started = performance.now();
    const slow = await s.validate(dense.bytes, EXPECT);
    const ms = performance.now() - started;
    expect(slow.report.findings.map((f) => f.rule)).toEqual(['F-01']);
    expect(slow.report.findings[0]?.message).toBe(tooComplexMessage('deadline', s.limits));
    expect(ms).toBeGreaterThanOrEqual(deadlineMs - 10);
    expect(ms).toBeLessThan(deadlineMs + 2_500);
    // A fresh worker is started for the next one; its start-up is not charged to the deadline.
    const next = await s.validate(await seedBytes(), EXPECT);
    expect(next.report.status).toBe('accepted');
    expect(s.started).toBe(2);
  }, 120_000);
});
