import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MigrationError, migrateDepartments, parseDepartmentMapping } from '../../shared/ingest/migrate-departments.ts';
import { siteRenderer } from '../../shared/site/index.ts';
import type { DynamoUnitRegistry } from '../../shared/storage/dynamo-store.ts';
import { DynamoDisclosureStore } from '../../shared/storage/dynamo-store.ts';
import { S3SiteWriter } from '../../shared/storage/s3-store.ts';
import { inertText } from '../../shared/text/terminal.ts';
import { resolveTarget } from '../stack-target.ts';

/**
 * `units migrate-departments --map 主管部门编码.csv [--dry-run] [--site-bucket B]`: gives units registered before
 * department codes their code (shared/ingest/migrate-departments.ts), moves their published years to the code's
 * listing and rebuilds both department pages (and the year page). The map file has lines `主管部门名称,部门编码`.
 */
export async function migrateDepartmentsCommand(
  values: {
    map?: string | undefined;
    'dry-run'?: boolean | undefined;
    'site-bucket'?: string | undefined;
    table?: string | undefined;
    region?: string | undefined;
  },
  registry: DynamoUnitRegistry,
  fail: (message: string) => number,
): Promise<number> {
  if (!values.map)
    return fail('用法：units migrate-departments --map 主管部门编码.csv [--dry-run] [--site-bucket 站点桶]');
  let mapping: Map<string, string>;
  try {
    mapping = parseDepartmentMapping(await readFile(values.map, 'utf8'));
  } catch (error) {
    return fail(
      error instanceof MigrationError ? error.message : `无法读取 ${values.map}：${(error as Error).message}`,
    );
  }
  const target = resolveTarget({ table: values.table, region: values.region });
  let siteBucket = values['site-bucket'] ?? process.env.GONGKAI_SITE_BUCKET ?? null;
  if (target.local && siteBucket === null) {
    // The running `npm start` stack names its site bucket in its stack.json.
    const file = `${process.env.GONGKAI_DATA_DIR ?? fileURLToPath(new URL('../../.data', import.meta.url))}/stack.json`;
    if (existsSync(file))
      siteBucket = String((JSON.parse(readFileSync(file, 'utf8')) as { siteBucket?: string }).siteBucket);
  }
  if (!values['dry-run'] && !siteBucket)
    return fail('请用 --site-bucket 或 GONGKAI_SITE_BUCKET 指定站点桶（迁移后要重建部门页面）。');
  const store = new DynamoDisclosureStore(target.tableName ?? '');
  const result = await migrateDepartments(
    {
      registry,
      store,
      site: new S3SiteWriter(siteBucket ?? ''),
      renderer: siteRenderer,
    },
    mapping,
    { dryRun: values['dry-run'] ?? false },
  );
  for (const m of result.migrated)
    process.stdout.write(`${inertText(`${m.code}\t${m.department ?? ''}\t→ ${m.departmentCode}`)}\n`);
  for (const u of result.unmapped)
    process.stdout.write(`${inertText(`${u.code}\t${u.department ?? '（未填主管部门）'}\t未在对照表中，未迁移`)}\n`);
  process.stdout.write(
    `${values['dry-run'] ? '（试运行）' : ''}迁移 ${result.migrated.length} 个单位，移动 ${result.moved} 个年度公开；${result.unmapped.length} 个单位未在对照表中。\n`,
  );
  return result.unmapped.length > 0 ? 1 : 0;
}
