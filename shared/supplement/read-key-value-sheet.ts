import { type Finding, finding } from '../disclosure/finding.ts';
import type { CellRef } from '../disclosure/model.ts';
import { address, cellText, type SheetGrid } from '../workbook/sheet-grid.ts';
import type { Supplement } from './model.ts';
import { type CellRead, readAmount, readCount, readDate, readScore, readText } from './read-cells.ts';
import { type FieldKind, type FieldSpec, normalizeLabel, type SectionSpec } from './sheet-layout.ts';

/**
 * Key/value sheets (单位概况, the key/value part of 补充信息): label in column A, value in column B. Labels are found
 * wherever they are (rows may be moved, deleted or repeated); a label the template does not have is reported, so a
 * typo does not silently drop a value.
 */

/** Rows that are part of the template's furniture, not values. */
const FURNITURE = new Set(['项目', '填写说明', '说明', '内容']);

export interface KeyValueContext {
  supplement: Supplement;
  findings: Finding[];
}

/** A table inside a key/value sheet: `starts` recognises its header row, `read` consumes it and returns the next row. */
export interface EmbeddedTable {
  starts: (label: string) => boolean;
  read: (grid: SheetGrid, headerRow: number, ctx: KeyValueContext) => number;
}

export function readKeyValueSheet(
  grid: SheetGrid,
  sections: readonly SectionSpec[],
  ctx: KeyValueContext,
  tables: readonly EmbeddedTable[] = [],
): void {
  const fields = new Map<string, FieldSpec>();
  for (const f of sections.flatMap((s) => s.fields)) {
    for (const label of [f.label, ...(f.aliases ?? [])]) fields.set(normalizeLabel(label), f);
  }
  let r = 1;
  while (r <= grid.rowCount) {
    const rawLabel = cellText(grid.cell(r, 1)).trim();
    const label = normalizeLabel(rawLabel);
    const table = tables.find((t) => t.starts(label));
    if (table) {
      r = table.read(grid, r, ctx);
      continue;
    }
    const field = fields.get(label);
    if (field) readField(grid, r, field, ctx);
    else if (label !== '' && !FURNITURE.has(label) && !rawLabel.startsWith('【')) reportUnknown(grid, r, rawLabel, ctx);
    r++;
  }
}

function reportUnknown(grid: SheetGrid, r: number, rawLabel: string, ctx: KeyValueContext): void {
  // Title and instruction rows have no value; only a label with a value is a lost value.
  if (cellText(grid.cell(r, 2)).trim() === '') return;
  ctx.findings.push(
    finding({
      rule: 'P-13',
      sheet: grid.name,
      cell: address(r, 1),
      message: `工作表“${grid.name}”第${r}行的项目“${rawLabel}”不是表样中的项目，其数值没有被读取。请使用 gongkai template 生成的表样中的项目名称。`,
    }),
  );
}

const READERS: Record<FieldKind, (c: ReturnType<SheetGrid['cell']>) => CellRead<string | number>> = {
  text: readText,
  amount: readAmount,
  count: readCount,
  date: readDate,
  score: readScore,
};

function readField(grid: SheetGrid, r: number, field: FieldSpec, ctx: KeyValueContext): void {
  const got = READERS[field.kind](grid.cell(r, 2));
  const at: CellRef = { sheet: grid.name, cell: address(r, 2) };
  if (got.kind === 'invalid') {
    ctx.findings.push(
      finding({
        rule: 'P-13',
        sheet: grid.name,
        cell: at.cell,
        message: `工作表“${grid.name}”中“${field.label}”的值无法读取：${got.reason}。`,
        actual: cellText(grid.cell(r, 2)),
      }),
    );
    return;
  }
  if (got.kind === 'empty') return;
  setField(ctx.supplement, field.path, got.value);
  ctx.supplement.sources[field.path] = at;
}

/** Writes a value at a field path of the supplement (the paths of sheet-layout.ts). */
export function setField(s: Supplement, path: string, value: string | number): void {
  const [head, key, ...rest] = path.split('.');
  if (head === 'assets' && key === 'vehicleKinds' && typeof value === 'number') {
    s.assets.vehicleKinds.push({ kind: rest.join('.'), count: value });
    return;
  }
  if (key === undefined) {
    (s as unknown as Record<string, unknown>)[head ?? ''] = value;
    return;
  }
  const group = (s as unknown as Record<string, Record<string, unknown>>)[head ?? ''];
  if (group) group[key] = value;
}
