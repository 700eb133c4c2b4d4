import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../shared/rules/finding.ts';
import { validateWorkbook } from '../../shared/validate-workbook.ts';
import { loadSeed } from '../helpers/seed.ts';
import { CORPUS } from '../hostile/corpus.ts';
import { FAILING_CASES, MORE_CASES } from './cases.ts';

/**
 * Every (rule, severity) pair the validator emits over everything the tests know: the seed, the full seed, the two
 * real documents, every failing case of the catalog and every case of the hostile corpus.
 */
export async function emittedPairs(): Promise<Map<string, string>> {
  const pairs = new Map<string, string>();
  const note = (source: string, findings: readonly Finding[]) => {
    for (const f of findings) {
      const key = `${f.rule} ${f.severity}`;
      if (!pairs.has(key)) pairs.set(key, source);
    }
  };
  const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)));
  for (const name of [
    'seed-2023-wuhan-info-center.xlsx',
    'seed-2023-full.xlsx',
    'real/shpt_shiquan_2025.xlsx',
    'real/shpt_yichuan_2025.xlsx',
  ]) {
    note(name, (await validateWorkbook(fixture(name))).report.findings);
  }
  const seed = await loadSeed();
  for (const c of [...FAILING_CASES, ...MORE_CASES]) note(`case ${c.rule}: ${c.change}`, await c.run(seed));
  for (const c of CORPUS) note(`hostile ${c.id}`, (await validateWorkbook(await c.build())).report.findings);
  return pairs;
}
