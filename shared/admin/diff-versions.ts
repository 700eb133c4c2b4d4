import { type DisclosureTable, TABLE_IDS, TABLE_NAMES, type TableId, type TableRow } from '../disclosure/model.ts';
import type { StoredVersion } from '../ports.ts';
import type { FigureChange, TextChange, VersionDiff } from '../site/history-model.ts';
import type { Supplement } from '../supplement/model.ts';

export type { FigureChange, TextChange, VersionDiff };

/**
 * What changed from one published version of a unit-year to the next (更正说明), computed from the stored versions:
 * every figure that differs (table, row, column, old → new, exact decimal strings), rows added or removed, and the
 * text parts the unit supplied that differ. Figures keep the workbook's two decimals; nothing is rounded.
 */
function rowMap(t: DisclosureTable | undefined): Map<string, TableRow> {
  return new Map((t?.rows ?? []).map((r) => [r.key, r]));
}

function columnLabel(t: DisclosureTable | undefined, n: number): string | null {
  return t?.columns.find((c) => c.number === n)?.label ?? null;
}

function diffTable(id: TableId, before: DisclosureTable | undefined, after: DisclosureTable | undefined) {
  const figures: FigureChange[] = [];
  const texts: TextChange[] = [];
  const a = rowMap(before);
  const b = rowMap(after);
  const keys = [...(after?.rows ?? []).map((r) => r.key), ...(before?.rows ?? []).map((r) => r.key)];
  for (const key of [...new Set(keys)]) {
    const ra = a.get(key);
    const rb = b.get(key);
    const columns = new Set([...Object.keys(ra?.cells ?? {}), ...Object.keys(rb?.cells ?? {})].map(Number));
    for (const column of [...columns].sort((x, y) => x - y)) {
      const va = ra?.cells[column]?.value ?? null;
      const vb = rb?.cells[column]?.value ?? null;
      if (va !== null && vb !== null && va.eq(vb)) continue;
      figures.push({
        table: id,
        tableName: TABLE_NAMES[id],
        rowKey: key,
        rowName: (rb ?? ra)?.name ?? key,
        code: (rb ?? ra)?.code ?? null,
        column,
        columnLabel: columnLabel(after, column) ?? columnLabel(before, column) ?? `栏${column}`,
        old: va === null ? null : va.toFixed(2),
        new: vb === null ? null : vb.toFixed(2),
      });
    }
    if (ra && rb && ra.name !== rb.name) texts.push({ part: `${TABLE_NAMES[id]} ${rb.code ?? key} 行名称` });
  }
  if (JSON.stringify(before?.notes ?? []) !== JSON.stringify(after?.notes ?? []))
    texts.push({ part: `${TABLE_NAMES[id]} 表注` });
  if ((before?.emptyStatement ?? null) !== (after?.emptyStatement ?? null))
    texts.push({ part: `${TABLE_NAMES[id]} 无数据说明` });
  return { figures, texts };
}

/** The unit-supplied parts of the supplement, each compared as a whole, with the name the page gives it. */
const SUPPLEMENT_PARTS: [string, (s: Supplement) => unknown][] = [
  ['单位职责', (s) => s.profile.duties],
  ['机构设置', (s) => s.profile.organization],
  ['决算批复日期', (s) => s.profile.approvalDate],
  ['上年决算数', (s) => s.previousYear],
  ['年初预算', (s) => s.budgets],
  ['增减变化原因', (s) => s.reasons],
  ['项目支出用途', (s) => s.projectUse],
  ['“三公”经费数量', (s) => s.threePublic],
  ['机关运行经费', (s) => s.operatingCost],
  ['政府采购情况', (s) => s.procurement],
  ['国有资产占用情况', (s) => s.assets],
  ['预算绩效管理情况', (s) => ({ ...s.performance, evaluations: undefined })],
  ['项目支出绩效自评表', (s) => s.performance.evaluations.map((e) => ({ ...e, sheet: undefined, row: undefined }))],
  ['重点工作完成情况', (s) => s.keyWork],
];

/** Compares two versions of one unit-year: `before` is the earlier publication. */
export function diffVersions(before: StoredVersion, after: StoredVersion): VersionDiff {
  const figures: FigureChange[] = [];
  const texts: TextChange[] = [];
  for (const id of TABLE_IDS) {
    const d = diffTable(id, before.disclosure.tables[id], after.disclosure.tables[id]);
    figures.push(...d.figures);
    texts.push(...d.texts);
  }
  for (const [part, get] of SUPPLEMENT_PARTS) {
    const a = before.supplement ? JSON.stringify(get(before.supplement) ?? null) : 'null';
    const b = after.supplement ? JSON.stringify(get(after.supplement) ?? null) : 'null';
    if (a !== b) texts.push({ part });
  }
  return { figures, texts };
}
