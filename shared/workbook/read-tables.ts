import { functionalLeiCodeForLabel, T1_EXPENSE_LEI } from '../codes/classification.ts';
import type { DisclosureTable, Figure, RowKind, TableColumn, TableId, TableRow } from '../disclosure/model.ts';
import { parseAmount, toHalfWidth, ZERO } from '../money/amount.ts';
import { type Finding, finding } from '../rules/finding.ts';
import { address, cellText, type RawCell, type SheetGrid } from './sheet-grid.ts';
import {
  COLUMN_LABELS,
  identifyTitle,
  LEI_FIRST_LINE,
  normalizeLabel,
  T1_EXPENSE_FIXED,
  T1_INCOME_LINES,
  T4_EXPENSE_FIXED,
  T4_FUNDS,
  T4_INCOME_FIXED,
  T8_WIDE_LABELS,
} from './table-layouts.ts';

/**
 * Reads one worksheet holding one of the nine tables into the normalized model. Pure over a {@link SheetGrid};
 * every problem met while reading becomes a finding with its cell, never an exception.
 */

/** How far below the title the header lines and the 栏次 row may be. */
const HEADER_SCAN_ROWS = 15;
/** A table longer than this is not a 决算 table (the 项-level list of one unit has at most a few hundred rows). */
export const MAX_TABLE_ROWS = 3000;
export const MAX_TABLE_COLUMNS = 60;

const MONEY_UNITS = /^(万元|元|千元|亿元|百万元)$/;

export interface TableHeader {
  id: TableId;
  title: string;
  titleRow: number;
  year: number | null;
  mark: string | null;
  unitName: string | null;
  unitCell: string | null;
  amountUnit: string | null;
  amountUnitCell: string | null;
}

function text(grid: SheetGrid, row: number, col: number): string {
  return cellText(grid.cell(row, col)).trim();
}

function lastColumn(grid: SheetGrid): number {
  return Math.min(grid.columnCount, MAX_TABLE_COLUMNS);
}

/** Finds the table title in the first rows of a sheet and reads the header lines (unit, year, 金额单位, mark). */
export function findTableHeader(grid: SheetGrid): TableHeader | null {
  const rows = Math.min(grid.rowCount, 8);
  const cols = lastColumn(grid);
  let header: TableHeader | null = null;
  for (let r = 1; r <= rows && header === null; r++) {
    for (let c = 1; c <= cols; c++) {
      const t = toHalfWidth(text(grid, r, c));
      const id = t ? identifyTitle(t) : null;
      if (id === null) continue;
      const year = /(\d{4})\s*年/.exec(t);
      header = {
        id,
        title: t.replace(/\s+/g, ''),
        titleRow: r,
        year: year?.[1] ? Number(year[1]) : null,
        mark: null,
        unitName: null,
        unitCell: null,
        amountUnit: null,
        amountUnitCell: null,
      };
      break;
    }
  }
  if (header === null) return null;
  for (let r = 1; r <= Math.min(grid.rowCount, header.titleRow + 4); r++) {
    for (let c = 1; c <= cols; c++) {
      let t = toHalfWidth(text(grid, r, c)).replace(/\u3000/g, ' ');
      if (!t) continue;
      const mark = /公开\s*(\d{1,2})\s*表/.exec(t);
      if (mark?.[1]) header.mark = `公开${mark[1].padStart(2, '0')}表`;
      const amountUnit = /金额单位\s*[:：]\s*(\S+)/.exec(t);
      if (amountUnit?.[1]) {
        header.amountUnit = amountUnit[1];
        header.amountUnitCell = address(r, c);
        t = t.replace(amountUnit[0], '');
      }
      const unit = /(?:编制)?单位(?:名称)?\s*[:：]\s*(\S[\s\S]*?)\s*$/.exec(t);
      if (unit?.[1]) {
        if (MONEY_UNITS.test(unit[1])) {
          header.amountUnit ??= unit[1];
          header.amountUnitCell ??= address(r, c);
        } else if (header.unitName === null) {
          header.unitName = unit[1].trim();
          header.unitCell = address(r, c);
        }
      }
      if (header.year === null && r !== header.titleRow) {
        const y = /^(\d{4})\s*年度?$/.exec(t);
        if (y?.[1]) header.year = Number(y[1]);
      }
    }
  }
  return header;
}

interface Context {
  grid: SheetGrid;
  header: TableHeader;
  findings: Finding[];
}

function isInteger(c: RawCell): number | null {
  if (c.kind === 'number') return Number.isInteger(c.value) ? c.value : null;
  if (c.kind === 'text') {
    const t = toHalfWidth(c.value).trim();
    return /^\d{1,2}$/.test(t) ? Number(t) : null;
  }
  return null;
}

/** The 栏次 row: integer cells 1, 2, 3 … left to right (at least two). Returns column → 栏次. */
function findColumnNumbers(grid: SheetGrid, from: number): { row: number; columns: Map<number, number> } | null {
  const to = Math.min(grid.rowCount, from + HEADER_SCAN_ROWS);
  const cols = lastColumn(grid);
  for (let r = from; r <= to; r++) {
    const columns = new Map<number, number>();
    let expected = 1;
    let ok = true;
    let decimals = false;
    for (let c = 1; c <= cols; c++) {
      const cell = grid.cell(r, c);
      if (cell.kind === 'number' && !Number.isInteger(cell.value)) decimals = true;
      const n = isInteger(cell);
      if (n === null) continue;
      if (n !== expected) {
        ok = false;
        break;
      }
      columns.set(c, n);
      expected++;
    }
    if (ok && !decimals && columns.size >= 2) return { row: r, columns };
  }
  return null;
}

const NOTE = /^(注|说明|备注)|栏各行|栏\s*=|行\s*=|^本单位|^本表|尾数误差|^\d+\s*栏/;

function isNoteText(t: string): boolean {
  return NOTE.test(t.replace(/\s/g, ''));
}

/** The note text of a row whose only content is text that reads like a note, else null. */
function noteOf(grid: SheetGrid, r: number): string | null {
  const cols = lastColumn(grid);
  const parts: string[] = [];
  for (let c = 1; c <= cols; c++) {
    const cell = grid.cell(r, c);
    if (cell.kind === 'empty') continue;
    if (cell.kind !== 'text') return null;
    parts.push(cell.value.trim());
  }
  if (parts.length === 0) return null;
  const joined = parts.join(' ');
  return isNoteText(joined) ? joined : null;
}

function rowIsEmpty(grid: SheetGrid, r: number): boolean {
  const cols = lastColumn(grid);
  for (let c = 1; c <= cols; c++) if (grid.cell(r, c).kind !== 'empty') return false;
  return true;
}

/** Reads one amount cell into a figure; a bad cell yields a finding and counts as zero so checks can go on. */
function readFigure(ctx: Context, row: number, col: number): Figure {
  const at = { sheet: ctx.grid.name, cell: address(row, col) };
  const cell = ctx.grid.cell(row, col);
  const bad = (rule: string, message: string, actual: string | null): Figure => {
    ctx.findings.push(
      finding({ rule, severity: 'error', table: ctx.header.id, sheet: at.sheet, cell: at.cell, message, actual }),
    );
    return { value: ZERO, at, blank: false };
  };
  switch (cell.kind) {
    case 'empty':
      return { value: ZERO, at, blank: true };
    case 'formula-without-result':
      return bad(
        'C-01',
        `单元格是公式（=${cell.formula.slice(0, 80)}），但文件中没有保存计算结果。请在 Excel/WPS 中打开后重新计算并保存，或将公式转为数值。`,
        null,
      );
    case 'error':
      return bad('H-05', `金额单元格是错误值 ${cell.value}，请修正公式或填写数值。`, cell.value);
    case 'other':
      return bad('H-05', `金额单元格不是数字（“${cell.value.slice(0, 40)}”）。`, cell.value.slice(0, 40));
    default: {
      const parsed = parseAmount(cell.value);
      if (parsed.kind === 'blank') return { value: ZERO, at, blank: true };
      if (parsed.kind === 'amount') {
        if (parsed.value.isNegative()) {
          ctx.findings.push(
            finding({
              rule: 'H-05',
              severity: 'warning',
              table: ctx.header.id,
              sheet: at.sheet,
              cell: at.cell,
              message: '金额为负数，请确认是否正确（决算表金额一般不为负）。',
              actual: parsed.value.toFixed(2),
            }),
          );
        }
        return { value: parsed.value, at, blank: false };
      }
      const shown = parsed.text.slice(0, 40);
      const reason =
        parsed.reason === 'too-many-decimals'
          ? `金额“${shown}”超过两位小数；金额单位为万元时应保留两位小数。`
          : parsed.reason === 'out-of-range'
            ? `金额“${shown}”超出合理范围。`
            : `金额单元格不是数字（“${shown}”）。`;
      return bad('H-05', reason, shown);
    }
  }
}

/**
 * Whether a figure says something about the row it is on. Zero written as `0`, `0.00` or `-` means nothing (RULES.md
 * §1), so a template row left unlabelled but filled with zeros is not a row with an amount.
 */
function holdsAmount(f: Figure): boolean {
  return !f.blank && !f.value.isZero();
}

/** A cell holding a zero in any of its written forms (`0`, `0.00`, `-`, `０.００`). */
function isZeroCell(cell: RawCell): boolean {
  if (cell.kind === 'number') return cell.value === 0;
  if (cell.kind !== 'text') return false;
  const parsed = parseAmount(cell.value);
  return parsed.kind === 'blank' || (parsed.kind === 'amount' && parsed.value.isZero());
}

function blankFigure(ctx: Context, row: number, col: number): Figure {
  return { value: ZERO, at: { sheet: ctx.grid.name, cell: address(row, col) }, blank: true };
}

function layoutProblem(ctx: Context, message: string, row?: number, col?: number): void {
  ctx.findings.push(
    finding({
      rule: 'S-06',
      severity: 'error',
      table: ctx.header.id,
      sheet: ctx.grid.name,
      cell: row !== undefined && col !== undefined ? address(row, col) : null,
      message,
    }),
  );
}

function makeTable(ctx: Context, labels: readonly string[]): DisclosureTable {
  const h = ctx.header;
  return {
    id: h.id,
    title: h.title,
    sheet: ctx.grid.name,
    mark: h.mark,
    unitName: h.unitName,
    year: h.year,
    amountUnit: h.amountUnit,
    columns: labels.map((label, i): TableColumn => ({ number: i + 1, label })),
    rows: [],
    notes: [],
    emptyStatement: null,
  };
}

function addNote(table: DisclosureTable, note: string): void {
  const t = note.trim();
  if (/^本单位.*无/.test(t.replace(/\s/g, ''))) table.emptyStatement = t;
  else table.notes.push(t);
}

/** Reads a sheet whose header was found; `null` when the layout cannot be recognised (finding added). */
export function readTable(grid: SheetGrid, header: TableHeader, findings: Finding[]): DisclosureTable | null {
  const ctx: Context = { grid, header, findings };
  if (grid.rowCount > MAX_TABLE_ROWS + 50) {
    layoutProblem(ctx, `工作表有 ${grid.rowCount} 行，超过决算表的合理行数上限 ${MAX_TABLE_ROWS}。`);
    return null;
  }
  switch (header.id) {
    case 'T1':
    case 'T4':
      return readTotalsTable(ctx);
    case 'T6':
      return readBasicExpenditureTable(ctx);
    case 'T9':
      return readSanGongTable(ctx);
    default:
      return readClassificationTable(ctx);
  }
}

/** Header rows between the title and the 栏次 row: column → the label cells stacked above it. */
function headerTexts(grid: SheetGrid, from: number, to: number): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (let r = from; r <= to; r++) {
    for (let c = 1; c <= lastColumn(grid); c++) {
      const t = text(grid, r, c).replace(/\s/g, '');
      if (!t) continue;
      const list = map.get(c) ?? [];
      list.push(t);
      map.set(c, list);
    }
  }
  return map;
}

// ── T2 T3 T5 T7 T8: rows 合计 + 类/款/项 ─────────────────────────────────────────────────────────────────────

function readClassificationTable(ctx: Context): DisclosureTable {
  const { grid, header } = ctx;
  const numbers = findColumnNumbers(grid, header.titleRow + 1);
  if (numbers === null) {
    layoutProblem(ctx, '未找到栏次行（1、2、3…），无法确定各栏位置。请使用官方表样。', header.titleRow + 1, 1);
    return makeTable(ctx, COLUMN_LABELS[header.id]);
  }
  const amountColumns = [...numbers.columns.entries()];
  let labels = COLUMN_LABELS[header.id];
  if (header.id === 'T8' && amountColumns.length === 6) labels = T8_WIDE_LABELS;
  if (amountColumns.length !== labels.length) {
    layoutProblem(
      ctx,
      `栏次行有 ${amountColumns.length} 栏，本表应为 ${labels.length} 栏（${labels.join('、')}）。`,
      numbers.row,
      amountColumns[0]?.[0] ?? 1,
    );
  }
  const table = makeTable(ctx, labels.slice(0, amountColumns.length));
  const firstAmountCol = Math.min(...amountColumns.map(([c]) => c));
  // 类/款/项 header cells tell split-code layouts apart from codes joined in one cell.
  const heads = headerTexts(grid, header.titleRow + 1, numbers.row);
  const partColumn = (name: string) => [...heads.entries()].find(([, t]) => t.includes(name))?.[0] ?? null;
  const kuanCol = partColumn('款');
  const xiangCol = partColumn('项');
  let currentLei = '';
  let currentKuan = '';
  let notes = false;
  for (let r = numbers.row + 1; r <= grid.rowCount; r++) {
    const note = noteOf(grid, r);
    if (note !== null) {
      addNote(table, note);
      notes = true;
      continue;
    }
    if (notes || rowIsEmpty(grid, r)) continue;
    const tokens: { text: string; col: number }[] = [];
    let codeCell: string | null = null;
    let nameCell: string | null = null;
    const nameParts: string[] = [];
    for (let c = 1; c < firstAmountCol; c++) {
      const raw = toHalfWidth(text(grid, r, c)).replace(/[\s\u200B-\u200F\u2060\uFEFF]/g, '');
      if (!raw || raw === '栏次') continue;
      if (/^\d+$/.test(raw)) {
        tokens.push({ text: raw, col: c });
        codeCell ??= address(r, c);
      } else {
        nameParts.push(text(grid, r, c).trim());
        nameCell ??= address(r, c);
      }
    }
    // Split layouts write 201 | 06 | 99; some leave the 类 (or 款) of a row implicit, written only on its parent row.
    let code = tokens.map((t) => t.text).join('');
    const head = tokens[0];
    if (head && head.text.length === 2) {
      if (head.col === kuanCol && currentLei) code = currentLei + code;
      else if (head.col === xiangCol && currentKuan) code = currentKuan + code;
    }
    const name = nameParts.join('');
    const isTotal = /^(合计|总计)$/.test(name.replace(/\s/g, '')) && code === '';
    const cells: Record<number, Figure> = {};
    let hasAmount = false;
    for (const [col, n] of amountColumns) {
      const f = readFigure(ctx, r, col);
      cells[n] = f;
      if (holdsAmount(f)) hasAmount = true;
    }
    if (!isTotal && code === '' && name === '' && !hasAmount) continue;
    if (isTotal) {
      table.rows.push(row('total', 'total', null, name || '合计', cells));
      continue;
    }
    const kind: RowKind | null =
      code.length === 3 ? 'lei' : code.length === 5 ? 'kuan' : code.length === 7 ? 'xiang' : null;
    if (kind === null) {
      ctx.findings.push(
        finding({
          rule: 'H-03',
          severity: 'error',
          table: header.id,
          sheet: grid.name,
          cell: codeCell ?? address(r, 1),
          message:
            code === ''
              ? `第 ${r} 行有科目名称或金额（${name || '无名称'}），但没有功能分类科目编码。`
              : `科目编码“${code}”不是 3 位（类）、5 位（款）或 7 位（项）数字。`,
          actual: code || null,
        }),
      );
      continue;
    }
    if (kind === 'lei') currentLei = code;
    if (kind === 'kuan') currentKuan = code;
    table.rows.push(row(code, kind, code, name, cells, { code: codeCell, name: nameCell }));
  }
  if (!table.rows.some((r) => r.kind === 'total')) {
    // Empty T7/T8 often keep the 合计 line with no figures; without it the table still has a total of zero.
    const r = numbers.row + 1;
    const cells: Record<number, Figure> = {};
    for (const [col, n] of amountColumns) cells[n] = blankFigure(ctx, r, col);
    if (table.rows.length > 0) {
      layoutProblem(ctx, '未找到“合计”行。', r, 1);
    }
    table.rows.unshift(row('total', 'total', null, '合计', cells));
  }
  return table;
}

function row(
  key: string,
  kind: RowKind,
  code: string | null,
  name: string,
  cells: Record<number, Figure>,
  labels?: { code: string | null; name: string | null },
): TableRow {
  const at = { ...(labels?.code ? { codeCell: labels.code } : {}), ...(labels?.name ? { nameCell: labels.name } : {}) };
  return { key, kind, code, name, line: null, printedLine: null, side: null, cells, ...at };
}

// ── T1 T4: two-sided fixed rows ────────────────────────────────────────────────────────────────────────────────

interface Side {
  side: 'income' | 'expense';
  labelCol: number;
  lineCol: number | null;
  /** column → 栏次 */
  amounts: [number, number][];
}

function readTotalsTable(ctx: Context): DisclosureTable {
  const { grid, header } = ctx;
  const id = header.id;
  const table = makeTable(ctx, COLUMN_LABELS[id]);
  const numbers = findColumnNumbers(grid, header.titleRow + 1);
  const headerEnd = numbers?.row ?? Math.min(grid.rowCount, header.titleRow + 4);
  const heads = headerTexts(grid, header.titleRow + 1, headerEnd);
  const itemCols = [...heads.entries()].filter(([, t]) => t.includes('项目')).map(([c]) => c);
  const lineCols = [...heads.entries()].filter(([, t]) => t.includes('行次')).map(([c]) => c);
  if (itemCols.length < 2) {
    layoutProblem(ctx, '未找到收入、支出两侧的“项目”列，无法识别本表。请使用官方表样。', header.titleRow + 1, 1);
    return table;
  }
  const [incomeLabel, expenseLabel] = itemCols as [number, number];
  const last = lastColumn(grid);
  const sideOf = (side: 'income' | 'expense', from: number, to: number, firstNumber: number): Side => {
    const lineCol = lineCols.find((c) => c > from && c <= to) ?? null;
    let amounts: [number, number][] = [];
    if (numbers) amounts = [...numbers.columns.entries()].filter(([c]) => c > from && c <= to);
    else {
      let n = firstNumber;
      for (let c = from + 1; c <= to; c++) if (c !== lineCol) amounts.push([c, n++]);
    }
    return { side, labelCol: from, lineCol, amounts };
  };
  const sides = [sideOf('income', incomeLabel, expenseLabel - 1, 1), sideOf('expense', expenseLabel, last, 2)];
  const expectedExpense = id === 'T1' ? 1 : 4;
  if (sides[1] && sides[1].amounts.length !== expectedExpense) {
    layoutProblem(
      ctx,
      `支出侧应有 ${expectedExpense} 个金额栏，实际找到 ${sides[1].amounts.length} 个。`,
      headerEnd,
      expenseLabel,
    );
  }
  let afterOpening = false; // T4: the three fund lines after 年初财政拨款结转和结余 are 29–31
  let afterClosing = false; // T4: … and after 年末财政拨款结转和结余, 61–63
  let notes = false;
  for (let r = headerEnd + 1; r <= grid.rowCount; r++) {
    const note = noteOf(grid, r);
    if (note !== null) {
      addNote(table, note);
      notes = true;
      continue;
    }
    if (notes) continue;
    for (const side of sides) {
      const label = text(grid, r, side.labelCol);
      if (label === '栏次') continue;
      const printed = side.lineCol === null ? null : isInteger(grid.cell(r, side.lineCol));
      const cells: Record<number, Figure> = {};
      let hasAmount = false;
      for (const [col, n] of side.amounts) {
        const f = readFigure(ctx, r, col);
        cells[n] = f;
        if (holdsAmount(f)) hasAmount = true;
      }
      const norm = normalizeLabel(label);
      if (!norm) {
        if (hasAmount) {
          ctx.findings.push(
            finding({
              rule: 'S-02',
              severity: 'error',
              table: id,
              sheet: grid.name,
              cell: address(r, side.labelCol),
              message: `第 ${r} 行${side.side === 'income' ? '收入' : '支出'}侧有金额但没有项目名称，无法确定行次。`,
            }),
          );
        }
        continue;
      }
      let line: number | null = null;
      let code: string | null = null;
      if (side.side === 'income') {
        if (id === 'T1') line = T1_INCOME_LINES.get(norm) ?? null;
        else {
          const fund = T4_FUNDS.findIndex((f) => norm === f || norm === `${f}收入`);
          if (fund >= 0) line = (afterOpening ? 29 : 1) + fund;
          else line = T4_INCOME_FIXED.get(norm) ?? null;
          if (line === 28) afterOpening = true;
        }
      } else {
        const fixed = (id === 'T1' ? T1_EXPENSE_FIXED : T4_EXPENSE_FIXED).get(norm);
        if (fixed !== undefined) {
          line = fixed;
          if (id === 'T4' && fixed === 60) afterClosing = true;
        } else if (id === 'T4' && afterClosing) {
          const fund = (T4_FUNDS as readonly string[]).indexOf(norm);
          if (fund >= 0) line = 61 + fund;
        }
        if (line === null) {
          code = functionalLeiCodeForLabel(label);
          const index = code === null ? -1 : T1_EXPENSE_LEI.findIndex((l) => l.code === code);
          if (index >= 0) line = (LEI_FIRST_LINE[id] ?? 0) + index;
        }
      }
      if (line === null) {
        ctx.findings.push(
          finding({
            rule: 'S-02',
            severity: hasAmount ? 'error' : 'warning',
            table: id,
            sheet: grid.name,
            cell: address(r, side.labelCol),
            message: `无法识别的项目“${label.slice(0, 40)}”，不在本表的固定行目录中。`,
            actual: label.slice(0, 40),
          }),
        );
        continue;
      }
      const key = `L${line}`;
      if (table.rows.some((x) => x.key === key)) {
        ctx.findings.push(
          finding({
            rule: 'S-02',
            severity: 'error',
            table: id,
            sheet: grid.name,
            cell: address(r, side.labelCol),
            message: `项目“${label}”在本表中重复出现。`,
          }),
        );
        continue;
      }
      table.rows.push({
        key,
        kind: 'line',
        code,
        name: label.trim(),
        line,
        printedLine: printed,
        side: side.side,
        cells,
      });
    }
  }
  table.rows.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return table;
}

// ── T6: 经济分类 in three side-by-side column groups ──────────────────────────────────────────────────────────

function readBasicExpenditureTable(ctx: Context): DisclosureTable {
  const { grid, header } = ctx;
  const table = makeTable(ctx, COLUMN_LABELS.T6);
  const last = lastColumn(grid);
  let headerRow = -1;
  let codeCols: number[] = [];
  for (let r = header.titleRow + 1; r <= Math.min(grid.rowCount, header.titleRow + HEADER_SCAN_ROWS); r++) {
    const cols: number[] = [];
    for (let c = 1; c <= last; c++) if (/^科目(代码|编码)$/.test(text(grid, r, c).replace(/\s/g, ''))) cols.push(c);
    if (cols.length > 0) {
      headerRow = r;
      codeCols = cols;
      break;
    }
  }
  if (headerRow < 0) {
    layoutProblem(ctx, '未找到“科目代码”表头，无法识别基本支出明细表。', header.titleRow + 1, 1);
    return table;
  }
  const groups = codeCols.map((codeCol, i) => {
    const end = (codeCols[i + 1] ?? last + 1) - 1;
    let amountCol = end;
    for (let c = codeCol + 1; c <= end; c++) if (/决算数|金额/.test(text(grid, headerRow, c))) amountCol = c;
    let nameCol = codeCol + 1;
    for (let c = codeCol + 1; c <= end; c++) if (/名称/.test(text(grid, headerRow, c))) nameCol = c;
    return { codeCol, nameCol, amountCol };
  });
  // Rows are collected per column group so the model lists 人员经费 then 公用经费, each in printed order.
  const byGroup: TableRow[][] = groups.map(() => []);
  const footers: TableRow[] = [];
  let notes = false;
  for (let r = headerRow + 1; r <= grid.rowCount; r++) {
    const note = noteOf(grid, r);
    if (note !== null) {
      addNote(table, note);
      notes = true;
      continue;
    }
    if (notes) continue;
    // Footer: 人员经费合计 / 公用经费合计, each followed by its amount somewhere to its right.
    const footerLabels: { col: number; key: 'personnel' | 'public'; label: string }[] = [];
    for (let c = 1; c <= last; c++) {
      const t = text(grid, r, c).replace(/\s/g, '');
      if (/^人员经费合计/.test(t)) footerLabels.push({ col: c, key: 'personnel', label: t });
      else if (/^公用经费合计/.test(t)) footerLabels.push({ col: c, key: 'public', label: t });
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
      const raw = toHalfWidth(text(grid, r, g.codeCol)).replace(/\s/g, '');
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
      byGroup[gi]?.push({
        key: raw,
        kind: raw.length === 3 ? 'econ-lei' : 'econ-kuan',
        code: raw,
        name: text(grid, r, g.nameCol),
        line: null,
        printedLine: null,
        side: lei === '301' || lei === '303' ? 'personnel' : 'public',
        cells: { 1: readFigure(ctx, r, g.amountCol) },
      });
    }
  }
  table.rows = [...byGroup.flat(), ...footers];
  return table;
}

// ── T9: one row of 12 columns ─────────────────────────────────────────────────────────────────────────────────

function readSanGongTable(ctx: Context): DisclosureTable {
  const { grid, header } = ctx;
  const table = makeTable(ctx, COLUMN_LABELS.T9);
  const numbers = findColumnNumbers(grid, header.titleRow + 1);
  if (numbers === null || numbers.columns.size !== 12) {
    layoutProblem(
      ctx,
      numbers === null
        ? '未找到栏次行（1…12），无法识别“三公”经费表。'
        : `“三公”经费表应有 12 栏，实际 ${numbers.columns.size} 栏。`,
      numbers?.row ?? header.titleRow + 1,
      1,
    );
    if (numbers === null) return table;
  }
  let dataRow: number | null = null;
  for (let r = numbers.row + 1; r <= grid.rowCount; r++) {
    const note = noteOf(grid, r);
    if (note !== null) {
      addNote(table, note);
      continue;
    }
    if (dataRow === null && !rowIsEmpty(grid, r)) dataRow = r;
  }
  const r = dataRow ?? numbers.row + 1;
  const cells: Record<number, Figure> = {};
  for (const [col, n] of numbers.columns) cells[n] = readFigure(ctx, r, col);
  table.rows.push({
    key: 'row',
    kind: 'single',
    code: null,
    name: '“三公”经费',
    line: null,
    printedLine: null,
    side: null,
    cells,
  });
  return table;
}
