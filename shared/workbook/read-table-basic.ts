import { finding } from '../disclosure/finding.ts';
import type { DisclosureTable, Figure, TableRow } from '../disclosure/model.ts';
import { COLUMN_LABELS } from '../disclosure/table-layouts.ts';
import {
  addNote,
  blankFigure,
  type Context,
  columnLetter,
  compactText,
  HEADER_SCAN_ROWS,
  isZeroCell,
  lastColumn,
  layoutProblem,
  makeTable,
  noteOf,
  readFigure,
} from './read-table-common.ts';
import { address, cellText } from './sheet-grid.ts';

/**
 * T6 一般公共预算财政拨款基本支出决算（明细）表: 经济分类 类 (3 digits) and 款 (5 digits) in two or three column groups
 * side by side (人员经费 | 公用经费, or 301/303 | 302 | 310), each group a code column (or 类 | 款 columns), a name
 * and an amount; a footer 人员经费合计 / 公用经费合计. Groups are found by their codes (columns holding 3xx/3xxxx
 * codes), so header wording (科目代码, 经济分类科目编码, 科目编码…) does not matter; the amount column of a group is
 * the one headed 决算数/金额/合计, else the last column of the group holding figures.
 */

const ECONOMIC_CODE = /^3\d{2}(?:\d{2})?$/;

interface Group {
  codeCol: number;
  /** Split layouts: a 款 column holding the two 款 digits. */
  kuanCol: number | null;
  nameCol: number;
  amountCol: number;
}

export function readBasicTable(ctx: Context): DisclosureTable {
  const { grid, header } = ctx;
  const table = makeTable(ctx, COLUMN_LABELS.T6);
  const last = lastColumn(grid);
  const scanTo = Math.min(grid.rowCount, header.titleRow + HEADER_SCAN_ROWS + 40);

  // Code columns: columns where at least two cells are economic codes; the first such row starts the body.
  const codeCounts = new Map<number, number>();
  let firstData: number | null = null;
  for (let r = header.titleRow + 1; r <= scanTo; r++) {
    for (let c = 1; c <= last; c++) {
      if (ECONOMIC_CODE.test(compactText(grid, r, c))) {
        codeCounts.set(c, (codeCounts.get(c) ?? 0) + 1);
        firstData ??= r;
      }
    }
  }
  // A 类 | 款 split group of one 类 (310 with its 款 02, 03… beside it) has one code in its 类 column.
  const twoDigitBeside = (c: number) => {
    let n = 0;
    for (let r = header.titleRow + 1; r <= scanTo && n < 2; r++) if (/^\d{2}$/.test(compactText(grid, r, c + 1))) n++;
    return n >= 2;
  };
  const codeCols = [...codeCounts.entries()]
    .filter(([c, n]) => n >= 2 || twoDigitBeside(c))
    .map(([c]) => c)
    .sort((a, b) => a - b);
  if (codeCols.length === 0 || firstData === null) {
    if (firstData === null && hasOnlyStatement(ctx, header.titleRow + 1)) return readEmpty(ctx, table);
    layoutProblem(
      ctx,
      '未找到经济分类科目编码列（应有一列或几列写着 301、30101、302、30201…），无法识别基本支出明细表。',
      header.titleRow + 1,
      1,
    );
    return table;
  }
  const headerEnd = firstData - 1;
  const headerTextOf = (c: number) => {
    const parts: string[] = [];
    for (let r = header.titleRow + 1; r <= headerEnd; r++) parts.push(compactText(grid, r, c));
    return parts.join('|');
  };
  const groups: Group[] = codeCols.map((codeCol, i) => {
    const end = (codeCols[i + 1] ?? last + 1) - 1;
    // 类 | 款 split: the next column holds two-digit 款 numbers on most rows.
    let kuanCol: number | null = null;
    let twoDigit = 0;
    for (let r = firstData; r <= Math.min(grid.rowCount, firstData + 30); r++) {
      if (/^\d{2}$/.test(compactText(grid, r, codeCol + 1))) twoDigit++;
    }
    if (twoDigit >= 2 && codeCol + 1 <= end) kuanCol = codeCol + 1;
    const afterCode = (kuanCol ?? codeCol) + 1;
    let nameCol = afterCode;
    for (let c = afterCode; c <= end; c++) {
      if (/名称/.test(headerTextOf(c))) {
        nameCol = c;
        break;
      }
    }
    let amountCol: number | null = null;
    for (let c = end; c > nameCol && amountCol === null; c--)
      if (/决算数|金额|合计/.test(headerTextOf(c))) amountCol = c;
    if (amountCol === null) {
      for (let c = end; c > nameCol && amountCol === null; c--) {
        for (let r = firstData; r <= Math.min(grid.rowCount, firstData + 40); r++) {
          if (grid.cell(r, c).kind === 'number') {
            amountCol = c;
            break;
          }
        }
      }
    }
    return { codeCol, kuanCol, nameCol, amountCol: amountCol ?? end };
  });
  ctx.reading.layout = `${groups.length} 组经济分类栏（按科目编码识别）${groups.some((g) => g.kuanCol !== null) ? '；类、款分列' : ''}`;
  ctx.reading.headerRows = headerEnd > header.titleRow ? [header.titleRow + 1, headerEnd] : null;
  ctx.reading.columns = groups.map((g, i) => ({
    number: 1,
    label: `决算数（第${i + 1}组，编码 ${columnLetter(g.codeCol)} 列）`,
    column: columnLetter(g.amountCol),
  }));

  // Rows are collected per column group so the model lists 人员经费 then 公用经费, each in printed order.
  const byGroup: TableRow[][] = groups.map(() => []);
  const footers: TableRow[] = [];
  const currentLei: string[] = groups.map(() => '');
  let notes = false;
  for (let r = firstData; r <= grid.rowCount; r++) {
    const note = noteOf(grid, r);
    if (note !== null) {
      addNote(table, note);
      notes = true;
      continue;
    }
    if (notes) continue;
    // Footer: 人员经费合计 / 公用经费合计, each followed by its amount somewhere to its right.
    const footerLabels: { col: number; key: 'personnel' | 'public' }[] = [];
    for (let c = 1; c <= last; c++) {
      const t = compactText(grid, r, c);
      if (/^人员经费合计/.test(t)) footerLabels.push({ col: c, key: 'personnel' });
      else if (/^公用经费合计/.test(t)) footerLabels.push({ col: c, key: 'public' });
    }
    if (footerLabels.length > 0) {
      footerLabels.forEach((f, i) => {
        const end = (footerLabels[i + 1]?.col ?? last + 1) - 1;
        let figure: Figure | null = null;
        for (let c = f.col + 1; c <= end && figure === null; c++) {
          if (grid.cell(r, c).kind !== 'empty') figure = readFigure(ctx, r, c);
        }
        if (figure === null) {
          const amountCols = groups.map((g) => g.amountCol).filter((c) => c > f.col && c <= end);
          figure = blankFigure(ctx, r, amountCols.at(-1) ?? end);
        }
        footers.push({
          key: `${f.key}-total`,
          kind: 'econ-total',
          code: null,
          name: f.key === 'personnel' ? '人员经费合计' : '公用经费合计',
          line: null,
          printedLine: null,
          side: f.key,
          cells: { 1: figure },
        });
      });
      continue;
    }
    for (const [gi, g] of groups.entries()) {
      let raw = compactText(grid, r, g.codeCol);
      if (g.kuanCol !== null) {
        const kuan = compactText(grid, r, g.kuanCol);
        if (/^\d{2}$/.test(kuan)) raw = (raw || currentLei[gi] || '') + kuan;
      }
      const amountCell = grid.cell(r, g.amountCol);
      const amount = amountCell.kind !== 'empty' && !isZeroCell(amountCell);
      if (!raw && !amount) continue;
      if (!/^\d{3}(\d{2})?$/.test(raw)) {
        ctx.findings.push(
          finding({
            rule: 'S-03',
            severity: amount ? 'error' : 'warning',
            table: 'T6',
            sheet: grid.name,
            cell: address(r, g.codeCol),
            message: raw
              ? `经济分类科目代码“${raw.slice(0, 20)}”不是 3 位（类）或 5 位（款）数字。`
              : `第 ${r} 行有金额但没有经济分类科目代码。`,
            actual: raw.slice(0, 20) || null,
          }),
        );
        continue;
      }
      const lei = raw.slice(0, 3);
      if (raw.length === 3) currentLei[gi] = raw;
      byGroup[gi]?.push({
        key: raw,
        kind: raw.length === 3 ? 'econ-lei' : 'econ-kuan',
        code: raw,
        name: cellText(grid.cell(r, g.nameCol)).trim(),
        line: null,
        printedLine: null,
        side: lei === '301' || lei === '303' ? 'personnel' : 'public',
        cells: { 1: readFigure(ctx, r, g.amountCol) },
      });
    }
  }
  table.rows = [...byGroup.flat(), ...footers];
  ctx.reading.rows = table.rows.length;
  return table;
}

/** A T6 that only states it is empty (本单位当年无一般公共预算财政拨款基本支出). */
function hasOnlyStatement(ctx: Context, from: number): boolean {
  for (let r = from; r <= ctx.grid.rowCount; r++) if (noteOf(ctx.grid, r) !== null) return true;
  return false;
}

function readEmpty(ctx: Context, table: DisclosureTable): DisclosureTable {
  for (let r = ctx.header.titleRow + 1; r <= ctx.grid.rowCount; r++) {
    const note = noteOf(ctx.grid, r);
    if (note !== null) addNote(table, note);
  }
  ctx.reading.layout = '空表（只有说明）';
  return table;
}
