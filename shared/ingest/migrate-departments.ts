import type { DisclosureStore, RegisteredUnit, UnitRegistry } from '../ports.ts';
import { DEPARTMENT_CODE, departmentKey } from '../site/paths.ts';
import type { CatalogEntry } from '../site/site-model.ts';
import { type PublishDeps, recordIndexChanges } from './publish-site.ts';

/**
 * Gives registered units their department code (issue 12: departments used to be a hash of their name, so the 教育局
 * of two cities merged and units without a department shared one `none` page).
 *
 * `mapping` maps a 主管部门 name (as registered) to its code. For each unit without a code whose department is in
 * the mapping: the registry gets the code; each of its published unit-years moves to the code's listing (the entry
 * there, a tombstone in the old listing, the unit's own entry updated, like a unit that changed 主管部门); both
 * department-years are recorded as changed, so their pages are rebuilt (from the queue, or right away without one).
 * Idempotent: a unit that has a code is left alone. Disclosure pages link the new department page from their next
 * publication on (the old department page then lists no unit and links page 1 of nothing: it says so).
 */
export interface MigrationResult {
  /** Units given a code. */
  migrated: { code: string; department: string | null; departmentCode: string }[];
  /** Units without a code whose department is not in the mapping (left as they are). */
  unmapped: { code: string; department: string | null }[];
  /** Unit-years moved to the new listing. */
  moved: number;
}

export class MigrationError extends Error {}

export async function migrateDepartments(
  deps: Pick<PublishDeps, 'store' | 'indexQueue' | 'site' | 'renderer' | 'log'> & { registry: UnitRegistry },
  mapping: ReadonlyMap<string, string>,
  options: { dryRun?: boolean } = {},
): Promise<MigrationResult> {
  for (const [name, code] of mapping) {
    if (!DEPARTMENT_CODE.test(code)) throw new MigrationError(`主管部门“${name}”的编码“${code}”无效。`);
  }
  const result: MigrationResult = { migrated: [], unmapped: [], moved: 0 };
  for (const unit of await deps.registry.list()) {
    if (unit.departmentCode) continue;
    const code = unit.department === null ? undefined : mapping.get(unit.department.trim());
    if (code === undefined) {
      result.unmapped.push({ code: unit.code, department: unit.department });
      continue;
    }
    result.migrated.push({ code: unit.code, department: unit.department, departmentCode: code });
    if (options.dryRun) continue;
    const next: RegisteredUnit = { ...unit, departmentCode: code };
    await deps.registry.put(next);
    result.moved += await moveEntries(deps, deps.store, next);
  }
  return result;
}

/** Moves the unit's published years to its department code's listings; returns how many moved. */
async function moveEntries(
  deps: Parameters<typeof recordIndexChanges>[0],
  store: DisclosureStore,
  unit: RegisteredUnit,
): Promise<number> {
  let moved = 0;
  for (const entry of await store.listUnitEntries(unit.code)) {
    const from = departmentKey(entry.unit);
    const to = departmentKey(unit);
    if (from === to) continue;
    const updated: CatalogEntry = { ...entry, unit: { ...entry.unit, departmentCode: unit.departmentCode ?? null } };
    await store.putCatalogEntry({ ...updated, movedFrom: from }, to, from);
    await recordIndexChanges(deps, entry.year, [to, from]);
    moved++;
  }
  return moved;
}

/** Reads a mapping file: CSV or tab-separated lines `主管部门名称,部门编码` (a header line is skipped). */
export function parseDepartmentMapping(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [i, raw] of text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(line.includes('\t') ? '\t' : ',');
    if (cut <= 0) throw new MigrationError(`第 ${i + 1} 行应为“主管部门名称,部门编码”：${line.slice(0, 80)}`);
    const name = line.slice(0, cut).trim();
    const code = line.slice(cut + 1).trim();
    if (i === 0 && !DEPARTMENT_CODE.test(code)) continue; // header
    if (!DEPARTMENT_CODE.test(code)) throw new MigrationError(`第 ${i + 1} 行的部门编码“${code}”无效。`);
    const seen = map.get(name);
    if (seen !== undefined && seen !== code) throw new MigrationError(`主管部门“${name}”有两个编码：${seen}、${code}`);
    map.set(name, code);
  }
  return map;
}
