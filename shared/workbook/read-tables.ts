import type { Finding } from '../disclosure/finding.ts';
import type { DisclosureTable } from '../disclosure/model.ts';
import { readBasicTable } from './read-table-basic.ts';
import { readClassifiedTable } from './read-table-classified.ts';
import { type Context, layoutProblem, MAX_TABLE_ROWS, type TableReading } from './read-table-common.ts';
import type { TableHeader } from './read-table-header.ts';
import { readThreePublicTable } from './read-table-three-public.ts';
import { readTwoSidedTable } from './read-table-two-sided.ts';
import { address, type SheetGrid } from './sheet-grid.ts';

/**
 * Reads one worksheet holding one of the nine tables into the normalized model, by layout family (the same
 * families as the pages: shared/site/render-table-*.ts):
 * - two-sided totals T1, T4 — read-table-two-sided.ts
 * - 功能分类 classified T2, T3, T5, T7, T8 — read-table-classified.ts
 * - 经济分类 basic expenditure T6 — read-table-basic.ts
 * - 三公 one-row T9 — read-table-three-public.ts
 * Tables, columns and rows are recognised from their content (titles, header text, codes, row labels), never from
 * positions; whatever cannot be recognised is a finding saying what was looked for.
 */

export { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, type TableReading } from './read-table-common.ts';
export { type DocumentHeading, findDocumentHeading, findTableHeader, type TableHeader } from './read-table-header.ts';

/** Reads a sheet whose header was found; `table` is null when the sheet is beyond the size a table can have. */
export function readTable(
  grid: SheetGrid,
  header: TableHeader,
  findings: Finding[],
): { table: DisclosureTable | null; reading: TableReading } {
  const reading: TableReading = {
    table: header.id,
    sheet: grid.name,
    titleCell: address(header.titleRow, header.titleCol),
    headerRows: null,
    layout: '',
    columns: [],
    rows: 0,
  };
  const ctx: Context = { grid, header, findings, reading };
  if (grid.rowCount > MAX_TABLE_ROWS + 50) {
    layoutProblem(ctx, `工作表有 ${grid.rowCount} 行，超过决算表的合理行数上限 ${MAX_TABLE_ROWS}。`);
    reading.layout = '未读取（行数超限）';
    return { table: null, reading };
  }
  switch (header.id) {
    case 'T1':
    case 'T4':
      return { table: readTwoSidedTable(ctx), reading };
    case 'T6':
      return { table: readBasicTable(ctx), reading };
    case 'T9':
      return { table: readThreePublicTable(ctx), reading };
    default:
      return { table: readClassifiedTable(ctx), reading };
  }
}
