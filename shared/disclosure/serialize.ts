import { Dec } from '../money/amount.ts';
import type { Disclosure, DisclosureTable, Figure, TableRow } from './model.ts';

/**
 * The storage form of a disclosure: the same shape with every amount as an exact decimal string (`"635.55"`), so
 * DynamoDB items and JSON never hold a binary float.
 */
export interface StoredFigure {
  v: string;
  at: { sheet: string; cell: string } | null;
  b?: true;
}
export type StoredRow = Omit<TableRow, 'cells'> & { cells: Record<string, StoredFigure> };
export type StoredTable = Omit<DisclosureTable, 'rows'> & { rows: StoredRow[] };

export function tableToStored(t: DisclosureTable): StoredTable {
  return {
    ...t,
    rows: t.rows.map((r) => ({
      ...r,
      cells: Object.fromEntries(
        Object.entries(r.cells).map(([k, f]): [string, StoredFigure] => [
          k,
          { v: f.value.toFixed(), at: f.at, ...(f.blank ? { b: true as const } : {}) },
        ]),
      ),
    })),
  };
}

export function tableFromStored(t: StoredTable): DisclosureTable {
  return {
    ...t,
    rows: t.rows.map((r) => ({
      ...r,
      cells: Object.fromEntries(
        Object.entries(r.cells).map(([k, f]): [string, Figure] => [
          k,
          { value: new Dec(f.v), at: f.at, blank: f.b === true },
        ]),
      ),
    })),
  };
}

export function disclosureToJson(d: Disclosure): string {
  return JSON.stringify({
    unitName: d.unitName,
    year: d.year,
    ...(d.kind ? { kind: d.kind } : {}),
    tables: Object.fromEntries(Object.entries(d.tables).map(([id, t]) => [id, t ? tableToStored(t) : null])),
  });
}

export function disclosureFromJson(json: string): Disclosure {
  const raw = JSON.parse(json) as {
    unitName: string | null;
    year: number | null;
    kind?: Disclosure['kind'];
    tables: Record<string, StoredTable | null>;
  };
  const tables: Disclosure['tables'] = {};
  for (const [id, t] of Object.entries(raw.tables))
    if (t) tables[id as keyof Disclosure['tables']] = tableFromStored(t);
  return { unitName: raw.unitName, year: raw.year, ...(raw.kind ? { kind: raw.kind } : {}), tables };
}
