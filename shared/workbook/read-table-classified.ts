import { finding } from '../disclosure/finding.ts';
import type { DisclosureTable, Figure, RowKind, TableId } from '../disclosure/model.ts';
import { COLUMN_LABELS, T8_WIDE_LABELS } from '../disclosure/table-layouts.ts';
import { toHalfWidth } from '../money/amount.ts';
import {
  addNote,
  blankFigure,
  type Context,
  classificationRow,
  compactText,
  findColumnNumbers,
  HEADER_SCAN_ROWS,
  headerStacks,
  headerText,
  holdsAmount,
  isHeaderWord,
  lastColumn,
  layoutProblem,
  makeTable,
  matchText,
  noteOf,
  readFigure,
  recordColumns,
  rowIsEmpty,
} from './read-table-common.ts';
import { address, cellText } from './sheet-grid.ts';

/**
 * T2 T3 T5 T7 T8: a 合计 row and 功能分类 类/款/项 rows, amounts in columns recognised by their header text (or by
 * the 栏次 row where the table prints one). Codes may be joined in one column, split into 类 | 款 | 项 columns (some
 * rows writing only their own part), merged across the code columns, or written in the name cell
 * (“201 一般公共服务支出”); 合计 may come first or last, its label in the code or the name column.
 */

type ColumnMatcher = (stack: string) => number | null;

const has = (s: string, ...words: string[]) => words.some((w) => s.includes(w));

/** Header text of a column (its stacked header lines joined) → 栏次, per table. Most specific words first. */
const MATCHERS: Record<'T2' | 'T3' | 'T5' | 'T7' | 'T8', ColumnMatcher> = {
  T2: (s) =>
    has(s, '附属单位')
      ? 6
      : has(s, '财政拨款')
        ? 2
        : has(s, '上级补助')
          ? 3
          : has(s, '事业收入')
            ? 4
            : has(s, '经营收入')
              ? 5
              : has(s, '其他收入')
                ? 7
                : has(s, '合计', '小计')
                  ? 1
                  : null,
  T3: (s) =>
    has(s, '附属单位')
      ? 6
      : has(s, '上缴上级')
        ? 4
        : has(s, '经营支出')
          ? 5
          : has(s, '基本支出')
            ? 2
            : has(s, '项目支出')
              ? 3
              : has(s, '合计', '小计')
                ? 1
                : null,
  T5: (s) => (has(s, '基本支出') ? 2 : has(s, '项目支出') ? 3 : has(s, '合计', '小计') ? 1 : null),
  T7: (s) =>
    has(s, '年初')
      ? 1
      : has(s, '年末')
        ? 6
        : has(s, '本年收入')
          ? 2
          : has(s, '基本支出')
            ? 4
            : has(s, '项目支出')
              ? 5
              : has(s, '本年支出', '合计', '小计')
                ? 3
                : null,
  T8: (s) => (has(s, '基本支出') ? 2 : has(s, '项目支出') ? 3 : has(s, '合计', '小计', '本年支出') ? 1 : null),
};

/** Header cells of the label columns (code and name): never amount columns. */
const LABEL_HEADER = /科目|编码|代码|名称|^项目$|^类$|^款$|^项$|^栏次$|^行次$/;

const TOTAL = /^(合计|总计)$/;
const CODE = /^\d{3}(?:\d{2}){0,2}$/;
/** A code written in the name cell, followed by its name: “201 一般公共服务支出”, “2010101行政运行”. */
const CODE_AND_NAME = /^(\d{3}(?:\d{2}){0,2})\s*([\u4e00-\u9fff（(].*)$/;

function isDataLabel(text: string): boolean {
  return TOTAL.test(text) || CODE.test(text) || CODE_AND_NAME.test(text);
}

export function readClassifiedTable(ctx: Context): DisclosureTable {
  const { grid, header } = ctx;
  const id = header.id as 'T2' | 'T3' | 'T5' | 'T7' | 'T8';
  const last = lastColumn(grid);
  const scanEnd = Math.min(grid.rowCount, header.titleRow + HEADER_SCAN_ROWS);

  // Label columns: those headed 科目编码 / 科目名称 / 项目 / 类 / 款 / 项 / 栏次 (codes, names and the 合计 label sit
  // there); without such headers, the first columns.
  const labelCols = new Set<number>();
  for (let r = header.titleRow + 1; r <= scanEnd; r++) {
    for (let c = 1; c <= last; c++) {
      const t = headerText(grid, r, c);
      if (t && LABEL_HEADER.test(t)) labelCols.add(c);
    }
  }
  const searchCols = labelCols.size > 0 ? [...labelCols].sort((a, b) => a - b) : [1, 2, 3, 4];
  // The first row of the table body: the first with 合计 or a code in a label column.
  let firstData: number | null = null;
  for (let r = header.titleRow + 1; r <= scanEnd && firstData === null; r++) {
    if (noteOf(grid, r) !== null) break;
    if (searchCols.some((c) => isDataLabel(compactText(grid, r, c)))) firstData = r;
  }
  const headerEnd = (firstData ?? scanEnd + 1) - 1;
  const numbers = findColumnNumbers(grid, header.titleRow + 1, headerEnd);
  const stacks = headerStacks(grid, header.titleRow + 1, headerEnd);
  let labelEnd = labelCols.size > 0 ? Math.max(...labelCols) : 0;

  // Amount columns: the 栏次 row where there is one; otherwise the header text of each column right of the labels,
  // including sub-headings printed on the 合计 row itself (合计 | 基本支出 | 项目支出 under 本年支出).
  let amountColumns: [number, number][] = [];
  const sharedHeaderCells = new Set<number>();
  const wide = id === 'T8' && [...stacks.values()].some((s) => has(s.join(''), '年初', '本年收入'));
  let labels = COLUMN_LABELS[id];
  if (id === 'T8' && (wide || (numbers?.columns.size ?? 0) === 6)) labels = T8_WIDE_LABELS;
  const matcher = id === 'T8' && labels === T8_WIDE_LABELS ? MATCHERS.T7 : MATCHERS[id];
  if (numbers !== null) {
    amountColumns = [...numbers.columns.entries()];
    ctx.reading.layout = '按栏次行识别各栏';
    if (amountColumns.length !== labels.length) {
      layoutProblem(
        ctx,
        `栏次行有 ${amountColumns.length} 栏，本表应为 ${labels.length} 栏（${labels.join('、')}）。`,
        numbers.row,
        amountColumns[0]?.[0] ?? 1,
      );
    }
  } else {
    const found = new Map<number, number>();
    const duplicates: string[] = [];
    for (let c = labelEnd + 1; c <= last; c++) {
      const stack = [...(stacks.get(c) ?? [])];
      if (firstData !== null) {
        const t = headerText(grid, firstData, c);
        if (t && isHeaderWord(t) && grid.cell(firstData, c).kind === 'text') {
          stack.push(t);
          sharedHeaderCells.add(c);
        }
      }
      if (stack.length === 0) continue;
      const n = matcher(stack.join('|'));
      if (n === null || n > labels.length) continue;
      if ([...found.values()].includes(n)) {
        duplicates.push(`${labels[n - 1]}（${address(headerEnd, c)}）`);
        continue;
      }
      found.set(c, n);
    }
    amountColumns = [...found.entries()];
    ctx.reading.layout = '按表头文字识别各栏（无栏次行）';
    if (sharedHeaderCells.size > 0) ctx.reading.layout += '；合计行与本年支出子栏目共用一行';
    const missing = labels.filter((_, i) => ![...found.values()].includes(i + 1));
    if (amountColumns.length === 0) {
      layoutProblem(
        ctx,
        `未能识别任何金额栏：既没有栏次行（1、2、3…），表头中也没有找到${labels.map((l) => `“${l}”`).join('、')}。请使用官方表样。`,
        header.titleRow + 1,
        1,
      );
    } else if (missing.length > 0 || duplicates.length > 0) {
      layoutProblem(
        ctx,
        `${[
          missing.length > 0 ? `表头中没有找到${missing.map((l) => `“${l}”`).join('、')}栏，按空白处理` : '',
          duplicates.length > 0 ? `重复的栏：${duplicates.join('、')}，只读取第一栏` : '',
        ]
          .filter((x) => x)
          .join('；')}。`,
        headerEnd,
        labelEnd + 1,
        'warning',
      );
    }
  }
  amountColumns.sort((a, b) => a[1] - b[1]);
  recordColumns(ctx, amountColumns, labels);
  const table = makeTable(ctx, numbers !== null ? labels.slice(0, amountColumns.length) : labels);
  const firstAmountCol = amountColumns.length > 0 ? Math.min(...amountColumns.map(([c]) => c)) : labelEnd + 1;
  if (labelEnd === 0 || labelEnd >= firstAmountCol) labelEnd = firstAmountCol - 1;
  const codeEnd = Math.max(1, labelEnd);

  // 类/款/项 header cells tell split-code layouts apart from codes joined in one cell.
  let kuanCol: number | null = null;
  let xiangCol: number | null = null;
  for (let r = header.titleRow + 1; r <= headerEnd; r++) {
    for (let c = 1; c <= codeEnd; c++) {
      const t = compactText(grid, r, c);
      if (t === '款') kuanCol = c;
      if (t === '项') xiangCol = c;
    }
  }

  let currentLei = '';
  let currentKuan = '';
  let notes = false;
  const bodyStart = firstData ?? (numbers ? numbers.row + 1 : headerEnd + 1);
  for (let r = bodyStart; r <= grid.rowCount; r++) {
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
    for (let c = 1; c <= codeEnd; c++) {
      const raw = compactText(grid, r, c);
      if (!raw || raw === '栏次') continue;
      if (/^\d+$/.test(raw)) {
        tokens.push({ text: raw, col: c });
        codeCell ??= address(r, c);
        continue;
      }
      const joined = tokens.length === 0 ? CODE_AND_NAME.exec(toHalfWidth(matchText(grid, r, c))) : null;
      if (joined?.[1] && joined[2]) {
        tokens.push({ text: joined[1], col: c });
        codeCell ??= address(r, c);
        nameParts.push(cellText(grid.cell(r, c)).trim().slice(joined[1].length).trim());
      } else nameParts.push(cellText(grid.cell(r, c)).trim());
      nameCell ??= address(r, c);
    }
    // Split layouts write 201 | 06 | 99; some leave the 类 (or 款) of a row implicit, written only on its parent row.
    let code = tokens.map((t) => t.text).join('');
    const head = tokens[0];
    if (head && head.text.length === 2) {
      if (head.col === kuanCol && currentLei) code = currentLei + code;
      else if (head.col === xiangCol && currentKuan) code = currentKuan + code;
    }
    const name = nameParts.join('');
    const isTotal = code === '' && TOTAL.test(name.replace(/\s/g, ''));
    const cells: Record<number, Figure> = {};
    let hasAmount = false;
    for (const [col, n] of amountColumns) {
      // On a 合计 row that also carries the sub-headings, those cells are headings, not figures.
      const f = r === firstData && sharedHeaderCells.has(col) ? blankFigure(ctx, r, col) : readFigure(ctx, r, col);
      cells[n] = f;
      if (holdsAmount(f)) hasAmount = true;
    }
    if (!isTotal && code === '' && name === '' && !hasAmount) continue;
    if (isTotal) {
      table.rows.push(classificationRow('total', 'total', null, name || '合计', cells));
      continue;
    }
    const kind: RowKind | null =
      code.length === 3 ? 'lei' : code.length === 5 ? 'kuan' : code.length === 7 ? 'xiang' : null;
    if (kind === null) {
      ctx.findings.push(
        finding({
          rule: 'H-03',
          table: header.id,
          sheet: grid.name,
          cell: codeCell ?? nameCell ?? address(r, 1),
          message:
            code === ''
              ? `第 ${r} 行有科目名称或金额（${name.slice(0, 40) || '无名称'}），但没有功能分类科目编码。`
              : `科目编码“${code.slice(0, 20)}”不是 3 位（类）、5 位（款）或 7 位（项）数字。`,
          actual: code.slice(0, 20) || null,
        }),
      );
      continue;
    }
    if (kind === 'lei') currentLei = code;
    if (kind === 'kuan') currentKuan = code;
    table.rows.push(classificationRow(code, kind, code, name, cells, { code: codeCell, name: nameCell }));
  }
  if (!table.rows.some((row) => row.kind === 'total')) {
    // Empty T7/T8 often keep the 合计 line with no figures; without it the table still has a total of zero.
    const r = bodyStart;
    const cells: Record<number, Figure> = {};
    for (const [col, n] of amountColumns) cells[n] = blankFigure(ctx, r, col);
    if (table.rows.length > 0) layoutProblem(ctx, '未找到“合计”行。', r, 1);
    table.rows.unshift(classificationRow('total', 'total', null, '合计', cells));
  }
  ctx.reading.headerRows = headerEnd > header.titleRow ? [header.titleRow + 1, headerEnd] : null;
  ctx.reading.rows = table.rows.length;
  return table;
}

export const CLASSIFIED_TABLES: readonly TableId[] = ['T2', 'T3', 'T5', 'T7', 'T8'];
