import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CurrentPointer, RegisteredUnit, Submission } from '../shared/ports.ts';
import { departmentKey, sitePaths } from '../shared/site/paths.ts';
import type { CatalogEntry, DepartmentSummary } from '../shared/site/site-model.ts';
import { keys } from '../shared/storage/table-schema.ts';

/**
 * Puts N already-published units straight into the embedded stack's table and site bucket — the state that
 * N full ingests would leave behind, written in bulk (BatchWrite, 25 items a request; site files on s3rver's
 * filesystem) instead of N ingests, so 10,000 units take seconds.
 *
 * Per unit: its registry entry, its catalog entries (department-year and unit partitions), its current pointer and
 * submission record; per department its summary for the year; the year summary. Not written: the stored
 * versions' table items (nothing reads another unit's version during an upload; they would only make the table
 * larger). Site: the unit's disclosure page, data.json and unit page (small placeholders).
 */

/** Real-looking 主管部门 names: 25 bureaus in 4 jurisdictions. */
const BUREAUS = [
  '教育局',
  '卫生健康委员会',
  '民政局',
  '财政局',
  '人力资源和社会保障局',
  '住房和城乡建设局',
  '交通运输局',
  '农业农村局',
  '水务局',
  '文化和旅游局',
  '公安局',
  '司法局',
  '自然资源和规划局',
  '生态环境局',
  '城市管理执法委员会',
  '市场监督管理局',
  '应急管理局',
  '科学技术局',
  '商务局',
  '审计局',
  '统计局',
  '体育局',
  '退役军人事务局',
  '医疗保障局',
  '园林和林业局',
];
/** 40 jurisdictions × 25 bureaus = 1,000 departments (a province's scale), each with its own code. */
const JURISDICTIONS = [
  '武汉市',
  '江岸区',
  '江汉区',
  '硚口区',
  '汉阳区',
  '武昌区',
  '青山区',
  '洪山区',
  '东西湖区',
  '汉南区',
  '蔡甸区',
  '江夏区',
  '黄陂区',
  '新洲区',
  '黄石市',
  '十堰市',
  '宜昌市',
  '襄阳市',
  '鄂州市',
  '荆门市',
  '孝感市',
  '荆州市',
  '黄冈市',
  '咸宁市',
  '随州市',
  '恩施州',
  '仙桃市',
  '潜江市',
  '天门市',
  '神农架林区',
  '大冶市',
  '丹江口市',
  '宜都市',
  '当阳市',
  '枝江市',
  '老河口市',
  '枣阳市',
  '宜城市',
  '钟祥市',
  '京山市',
];

export const DEPARTMENTS: readonly string[] = JURISDICTIONS.flatMap((j) => BUREAUS.map((b) => `${j}${b}`));

/** The department's code (区划 + 部门 number): its identity and page address. */
export function departmentCodeOf(name: string): string {
  const k = DEPARTMENTS.indexOf(name);
  return `42${String(Math.floor(k / BUREAUS.length)).padStart(2, '0')}00-${String((k % BUREAUS.length) + 1).padStart(3, '0')}`;
}

/** A department of its own for the index rebuild benchmark (5,000 units). */
export const BENCH_DEPARTMENT_5K = '429900-500';

/**
 * Department sizes like reality: a few large departments (education, health: schools and hospitals) and a long tail
 * of small ones — Zipf weights (s = 0.8) over the departments.
 */
export function departmentWeights(count = DEPARTMENTS.length, s = 0.8): number[] {
  const w = Array.from({ length: count }, (_, k) => 1 / (k + 1) ** s);
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

const WEIGHTS = departmentWeights();

/**
 * The department of unit number `i`: a weighted pick driven by a low-discrepancy sequence (golden ratio), so any
 * prefix 0 … n-1 of the units is spread over the departments in proportion to their weights, whatever n is.
 */
export function departmentOf(i: number): string {
  const q = (i * 0.6180339887498949 + 0.5) % 1;
  let acc = 0;
  for (let k = 0; k < WEIGHTS.length; k++) {
    acc += WEIGHTS[k] ?? 0;
    if (q < acc) return DEPARTMENTS[k] as string;
  }
  return DEPARTMENTS[DEPARTMENTS.length - 1] as string;
}

export function unitCode(i: number): string {
  return `8${String(i).padStart(5, '0')}`;
}

export function populatedUnit(i: number): RegisteredUnit {
  const department = departmentOf(i);
  return {
    code: unitCode(i),
    name: `${department}所属单位${i}`,
    department,
    departmentCode: departmentCodeOf(department),
    aliases: [],
  };
}

type Item = Record<string, unknown>;

async function batchWrite(doc: DynamoDBDocumentClient, table: string, items: Item[], concurrency = 6): Promise<void> {
  const chunks: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  const worker = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 10) throw new Error(`BatchWrite left ${pending.length} items unprocessed`);
        const r = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (r.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export interface PopulateTarget {
  doc: DynamoDBDocumentClient;
  tableName: string;
  /** s3rver's data directory and the site bucket's name: objects are files there. */
  s3Directory: string;
  siteBucket: string;
  year: number;
}

/** s3rver's on-disk layout: `{dir}/{bucket}/{key}._S3rver_object` + metadata JSON + md5. */
async function putSiteFile(target: PopulateTarget, key: string, body: string, contentType: string): Promise<void> {
  const base = join(target.s3Directory, target.siteBucket, key);
  await mkdir(dirname(base), { recursive: true });
  await Promise.all([
    writeFile(`${base}._S3rver_object`, body),
    writeFile(`${base}._S3rver_object.md5`, createHash('md5').update(body).digest('hex')),
    writeFile(`${base}._S3rver_metadata.json`, JSON.stringify({ 'content-type': contentType })),
  ]);
}

/**
 * Publishes units `from` … `to - 1` (call with `from` = the previous `to` to grow a population). Department and
 * year summaries are rewritten for units 0 … to - 1.
 */
export async function populate(target: PopulateTarget, from: number, to: number): Promise<void> {
  const { year } = target;
  const publishedAt = '2024-06-30T08:00:00.000Z';
  const items: Item[] = [];
  for (let i = from; i < to; i++) {
    const unit = populatedUnit(i);
    const slug = departmentKey(unit);
    const version = `u${createHash('sha256').update(unit.code).digest('hex').slice(0, 24)}`;
    const key = `uploads/${unit.code}/${year}/决算公开.xlsx`;
    const entry: CatalogEntry = {
      year,
      unit: {
        code: unit.code,
        name: unit.name,
        department: unit.department,
        departmentCode: unit.departmentCode ?? null,
      },
      publishedAt,
      version,
      totalIncome: (1000 + (i % 997)).toFixed(2),
      totalExpenditure: (990 + (i % 991)).toFixed(2),
    };
    const pointer: CurrentPointer = {
      version,
      uploadId: version,
      key,
      eventTime: publishedAt,
      sequencer: '0000000000000001',
      publishedAt,
    };
    const submission: Submission = {
      uploadId: version,
      unitCode: unit.code,
      year,
      key,
      etag: null,
      versionId: null,
      sequencer: pointer.sequencer,
      eventTime: publishedAt,
      receivedAt: publishedAt,
      finishedAt: publishedAt,
      status: 'published',
      summary: { errors: 0, warnings: 0, notices: 0 },
      reportPath: `reports/${unit.code}/${year}/${version}`,
      version,
    };
    items.push(
      { pk: keys.registry(), sk: keys.unit(unit.code), ...unit },
      { pk: keys.departmentYear(year, slug), sk: keys.unit(unit.code), ...entry },
      { pk: keys.unitPublications(unit.code), sk: keys.year(year), ...entry },
      { pk: keys.unitYear(unit.code, year), sk: keys.current(), ...pointer },
      { pk: keys.unitYear(unit.code, year), sk: keys.submission(version), ...submission },
    );
  }
  await batchWrite(target.doc, target.tableName, items);

  const counts = new Map<string, number>();
  for (let i = 0; i < to; i++) {
    const d = departmentOf(i);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const summaries: Item[] = [...counts.entries()].map(([name, unitCount]) => {
    const summary: DepartmentSummary = { name, slug: departmentCodeOf(name), unitCount };
    return { pk: keys.yearPartition(year), sk: keys.department(summary.slug), ...summary };
  });
  summaries.push({ pk: keys.years(), sk: keys.year(year), year, unitCount: to });
  await batchWrite(target.doc, target.tableName, summaries);

  const files: [string, string, string][] = [];
  for (let i = from; i < to; i++) {
    const code = unitCode(i);
    files.push(
      [sitePaths.disclosure(year, code), `<!doctype html><title>${code}</title>`, 'text/html; charset=utf-8'],
      [sitePaths.disclosureData(year, code), JSON.stringify({ unit: code }), 'application/json'],
      [sitePaths.unit(code), `<!doctype html><title>${code}</title>`, 'text/html; charset=utf-8'],
    );
  }
  const queue = [...files];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let f = queue.shift(); f; f = queue.shift()) await putSiteFile(target, ...f);
    }),
  );
}

/** How many units each department has in a population of `total` (for the report), largest first. */
export function departmentSizes(total: number): number[] {
  const counts = new Map<string, number>();
  for (let i = 0; i < total; i++) {
    const d = departmentOf(i);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return [...counts.values()].sort((a, b) => b - a);
}

/** Lists `units` units in one department-year (catalog entries only, as publications would have left them). */
export async function populateDepartment(target: PopulateTarget, department: string, units: number): Promise<void> {
  const items: Item[] = [];
  for (let i = 0; i < units; i++) {
    const code = `9${String(i).padStart(5, '0')}`;
    const entry: CatalogEntry = {
      year: target.year,
      unit: { code, name: `基准测试主管部门所属单位${i}`, department: '基准测试主管部门', departmentCode: department },
      publishedAt: '2024-06-30T08:00:00.000Z',
      version: `u${createHash('sha256').update(code).digest('hex').slice(0, 24)}`,
      totalIncome: (1000 + (i % 997)).toFixed(2),
      totalExpenditure: (990 + (i % 991)).toFixed(2),
    };
    items.push({ pk: keys.departmentYear(target.year, department), sk: keys.unit(code), ...entry });
  }
  await batchWrite(target.doc, target.tableName, items);
}
