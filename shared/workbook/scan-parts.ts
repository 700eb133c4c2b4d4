import { SaxesParser } from 'saxes';

/**
 * The XML half of the package inspection: every part exceljs 4.4.0 would load is classified the way exceljs
 * classifies it, and the parts that can make it expand a range cell by cell (worksheets and the workbook) are read
 * with a real XML parser (saxes, streaming, the parser exceljs itself uses), so attribute quoting, whitespace,
 * character references and namespace prefixes cannot hide a range. Only the constructs exceljs expands are bounded
 * (checked in node_modules/exceljs/lib — see docs/security-reliability.md):
 * - `<mergeCell ref>`: every cell of the range becomes a Cell object; each new merge is compared with every earlier
 *   one of its sheet (quadratic in the number of merges);
 * - `<dataValidation sqref>`: every address of every range in the list becomes a key while the part is parsed;
 * - `<definedName>` in workbook.xml (except print areas and print titles): every cell of every range is added to a
 *   cell matrix;
 * - `<col min max>`: one Column object per column up to the largest `max`;
 * - row numbers (`<row r>`, `<c r>`), `<dimension ref>`: beyond the sheet's 1,048,576 × 16,384 a file is malformed.
 * Conditional formats and selections keep their range as a string in exceljs, so they cost nothing and are not
 * limited (a whole-sheet selection is what Excel writes after Ctrl+A).
 */

export interface RangeLimits {
  /** Largest cell area of one merged range, one data-validation range or one defined-name range. */
  maxRangeCells: number;
  /** All expanded cells of the workbook together (merges, data validations, defined names). */
  maxTotalRangeCells: number;
  /** Merged ranges in the workbook (exceljs checks each against every earlier one of its sheet). */
  maxMerges: number;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** How exceljs 4.4.0 (lib/xlsx/xlsx.js `load`) treats a zip entry, by name. */
export type PartKind = 'workbook' | 'worksheet' | 'xml' | 'other';

/**
 * exceljs strips one leading `/`, compares a few exact names, then tests unanchored regular expressions in this
 * order — so `xl/worksheets/sheet10.xml.bak` and `zz/xl/worksheets/sheet99.xml` ARE worksheets to it.
 */
export function partKind(entryName: string): PartKind {
  const name = entryName.startsWith('/') ? entryName.slice(1) : entryName;
  switch (name) {
    case 'xl/workbook.xml':
      return 'workbook';
    case '_rels/.rels':
    case 'xl/_rels/workbook.xml.rels':
    case 'xl/sharedStrings.xml':
    case 'xl/styles.xml':
    case 'docProps/app.xml':
    case 'docProps/core.xml':
      return 'xml';
  }
  if (/xl\/worksheets\/sheet(\d+)[.]xml/.test(name)) return 'worksheet';
  if (
    /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/.test(name) ||
    (!/xl\/theme\/([a-zA-Z0-9]+)[.]xml/.test(name) &&
      !/xl\/media\/([a-zA-Z0-9]+[.][a-zA-Z0-9]{3,4})$/.test(name) &&
      (/xl\/drawings\/([a-zA-Z0-9]+)[.]xml/.test(name) ||
        /xl\/(comments\d+)[.]xml/.test(name) ||
        /xl\/tables\/(table\d+)[.]xml/.test(name) ||
        /xl\/drawings\/_rels\/([a-zA-Z0-9]+)[.]xml[.]rels/.test(name) ||
        /xl\/drawings\/(vmlDrawing\d+)[.]vml/.test(name)))
  ) {
    return 'xml';
  }
  return 'other';
}

/** Why a part was refused; `message` is what the unit reads (Chinese). */
export class PartProblem extends Error {
  constructor(
    readonly reason: 'too-large' | 'encoding' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

const RESAVE = '请用 Excel 或 WPS 打开后另存为 Excel 工作簿（.xlsx）再上传。';

/**
 * exceljs decodes every part as UTF-8 (JSZip `async('string')`). A part in another encoding (UTF-16 with or without
 * a byte-order mark, a declared GBK) is never what Excel or WPS writes; it is refused with a clear reason instead of
 * being parsed as garbage.
 */
export function decodeUtf8Part(part: string, data: Uint8Array): string {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff) || data.indexOf(0) !== -1) {
    throw encodingProblem(part);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw encodingProblem(part);
  }
}

/** The cheap form for parts without ranges: a byte-order mark or a NUL byte in the first bytes is enough to tell. */
export function sniffUtf16(part: string, data: Uint8Array): void {
  const head = data.subarray(0, 64);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || head.indexOf(0) !== -1) {
    throw encodingProblem(part);
  }
}

function encodingProblem(part: string): PartProblem {
  return new PartProblem(
    'encoding',
    `工作簿内部文件“${shortName(part)}”不是 UTF-8 编码（Excel 和 WPS 保存的工作簿都使用 UTF-8），无法安全读取。${RESAVE}`,
  );
}

/** Part names are attacker-chosen: shown short and without control characters. */
function shortName(part: string): string {
  const clean = [...part].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

/** Running totals over all parts of one package. */
export class RangeBudget {
  merges = 0;
  cells = 0;
  constructor(readonly limits: RangeLimits) {}

  /** Adds one expanded range; `what` names it for the unit. */
  add(part: string, what: string, ref: string, cells: number): void {
    if (cells > this.limits.maxRangeCells) {
      throw new PartProblem(
        'too-large',
        `工作表中的${what}“${shortRef(ref)}”覆盖约 ${formatCount(cells)} 个单元格（${shortName(part)}），远超决算表的范围，已拒绝处理。请删除多余的整行/整列${what}后重新保存上传。`,
      );
    }
    this.cells += cells;
    if (this.cells > this.limits.maxTotalRangeCells) {
      throw new PartProblem(
        'too-large',
        `工作簿中的合并单元格、数据验证和名称共覆盖超过 ${formatCount(this.limits.maxTotalRangeCells)} 个单元格，远超决算表的范围，已拒绝处理。请删除多余的合并单元格、数据验证或名称后重新保存上传。`,
      );
    }
  }

  addMerge(part: string, ref: string): void {
    this.merges++;
    if (this.merges > this.limits.maxMerges) {
      throw new PartProblem(
        'too-large',
        `工作簿中的合并单元格超过 ${formatCount(this.limits.maxMerges)} 处，远超决算表的需要（一份决算公开表通常只有几十到几百处），已拒绝处理。请取消多余的合并单元格后重新保存上传。`,
      );
    }
    this.add(part, '合并单元格', ref, rangeCells(ref));
  }
}

function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '无穷多';
}

function shortRef(ref: string): string {
  return shortName(ref.length > 60 ? `${ref.slice(0, 57)}…` : ref);
}

/**
 * exceljs's `colCache.decodeAddress`, reproduced: upper-case letters before the first digit make the column (any
 * other character is skipped), then digits (and `$`) make the row until another character follows both.
 */
export function decodeAddress(value: string): { col: number | undefined; row: number | undefined } {
  let hasCol = false;
  let hasRow = false;
  let col = 0;
  let row = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!hasRow && c >= 65 && c <= 90) {
      hasCol = true;
      col = col * 26 + c - 64;
    } else if (c >= 48 && c <= 57) {
      hasRow = true;
      row = row * 10 + c - 48;
    } else if (hasRow && hasCol && c !== 36) break;
  }
  return { col: hasCol ? col : undefined, row: hasRow ? row : undefined };
}

/**
 * Cells exceljs 4.4.0 visits for one range (`new Range(ref).forEachAddress`, `DefinedNames.addEx`): both corners
 * decoded as {@link decodeAddress} (after an optional `Sheet!` prefix, up to the first line break), the area when
 * the top row is a positive number, 1 cell otherwise (`A:A` is one cell to exceljs). Without columns (`1:3`) exceljs
 * still loops over the rows (with nothing to do in each), so the rows are counted.
 * A column beyond XFD makes exceljs throw, which a corrupt-file report already covers; it counts as infinite here so
 * the inspection, not a stack trace, says why.
 */
export function rangeCells(ref: string): number {
  const reference = stripSheet(ref);
  const colon = reference.indexOf(':');
  if (colon === -1) return 1;
  const second = reference.indexOf(':', colon + 1);
  const a = decodeAddress(reference.slice(0, colon));
  const b = decodeAddress(reference.slice(colon + 1, second === -1 ? undefined : second));
  if ((a.col ?? 0) > MAX_COLUMNS || (b.col ?? 0) > MAX_COLUMNS) return Number.POSITIVE_INFINITY;
  const top = Math.min(a.row ?? Number.NaN, b.row ?? Number.NaN);
  const bottom = Math.max(a.row ?? Number.NaN, b.row ?? Number.NaN);
  if (!top) return 1;
  const left = Math.min(a.col ?? Number.NaN, b.col ?? Number.NaN);
  const right = Math.max(a.col ?? Number.NaN, b.col ?? Number.NaN);
  if (!Number.isFinite(left) || !Number.isFinite(right)) return bottom - top + 1;
  return (bottom - top + 1) * (right - left + 1);
}

/** `colCache.decodeEx`'s sheet prefix (`'My sheet'!` or `Sheet1!`) and its `.*` (which stops at a line break). */
function stripSheet(ref: string): string {
  let rest = ref;
  if (rest.startsWith("'")) {
    let i = 1;
    while (i < rest.length) {
      if (rest[i] === "'") {
        if (rest[i + 1] === "'") i += 2;
        else break;
      } else i++;
    }
    if (i < rest.length && rest[i + 1] === '!') rest = rest.slice(i + 2);
  } else {
    for (let i = 0; i < rest.length; i++) {
      const ch = rest[i];
      if (ch === '!') {
        rest = rest.slice(i + 1);
        break;
      }
      if (ch === "'" || ch === '^' || ch === ' ') break;
    }
  }
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') return rest.slice(0, i);
  }
  return rest;
}

/** exceljs's `parseInt(attribute, 10)`: leading whitespace and trailing junk are accepted. */
function intAttribute(value: string | undefined): number {
  return Number.parseInt(value ?? '0', 10);
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function parser(part: string): SaxesParser {
  // Namespaces off, as in exceljs: a prefixed element keeps its prefix; local names are compared below so a prefix
  // never hides a range from us (exceljs ignores prefixed elements, so counting them only errs on the safe side).
  const p = new SaxesParser({ position: false });
  p.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) throw encodingProblem(part);
  });
  return p;
}

function run(part: string, p: SaxesParser, text: string): void {
  try {
    p.write(text);
    p.close();
  } catch (error) {
    if (error instanceof PartProblem) throw error;
    throw new PartProblem(
      'malformed',
      `工作簿内部文件“${shortName(part)}”不是格式正确的 XML（文件已损坏或被改动），无法安全读取。${RESAVE}`,
    );
  }
}

function outOfSheet(part: string, what: string): PartProblem {
  return new PartProblem(
    'malformed',
    `工作表（${shortName(part)}）中的${what}超出 Excel 工作表的范围（最多 1,048,576 行、16,384 列），文件格式异常，已拒绝处理。${RESAVE}`,
  );
}

/** Reads one worksheet part (as exceljs would load it) and charges its ranges to the budget. */
export function scanWorksheet(part: string, data: Uint8Array, budget: RangeBudget): void {
  const text = decodeUtf8Part(part, data);
  const p = parser(part);
  p.on('opentag', (node) => {
    const a = node.attributes as Record<string, string>;
    switch (localName(node.name)) {
      case 'c': {
        const r = a.r;
        if (r !== undefined) {
          const { col, row } = decodeAddress(r);
          if ((col ?? 0) > MAX_COLUMNS || (row ?? 0) > MAX_ROWS) throw outOfSheet(part, `单元格地址“${shortRef(r)}”`);
        }
        return;
      }
      case 'row':
        if (a.r !== undefined && intAttribute(a.r) > MAX_ROWS) throw outOfSheet(part, `行号“${shortRef(a.r)}”`);
        return;
      case 'mergeCell':
        budget.addMerge(part, a.ref ?? '');
        return;
      case 'dataValidation':
        // exceljs splits the list at whitespace and expands every token that holds a colon.
        for (const token of (a.sqref ?? '').split(/\s+/)) {
          budget.add(part, '数据验证区域', token, token.includes(':') ? rangeCells(token) : 1);
        }
        return;
      case 'col': {
        const min = intAttribute(a.min);
        const max = intAttribute(a.max);
        if (min > MAX_COLUMNS || max > MAX_COLUMNS) throw outOfSheet(part, `列宽设置（第 ${min}–${max} 列）`);
        return;
      }
      case 'dimension': {
        const ref = stripSheet(a.ref ?? '');
        for (const corner of ref.split(':')) {
          const { col, row } = decodeAddress(corner);
          if ((col ?? 0) > MAX_COLUMNS || (row ?? 0) > MAX_ROWS) throw outOfSheet(part, `区域“${shortRef(ref)}”`);
        }
        return;
      }
      default:
        return;
    }
  });
  run(part, p, text);
}

/** Names exceljs turns into page setup instead of a cell matrix (WorkbookXform.reconcile). */
const PAGE_SETUP_NAMES = new Set(['_xlnm.Print_Area', '_xlnm.Print_Titles']);

/** Reads workbook.xml and charges every defined name's ranges to the budget. */
export function scanWorkbook(part: string, data: Uint8Array, budget: RangeBudget): void {
  const text = decodeUtf8Part(part, data);
  const p = parser(part);
  let name: string | null = null;
  let chunks: string[] = [];
  p.on('opentag', (node) => {
    if (localName(node.name) === 'definedName') {
      name = (node.attributes as Record<string, string>).name ?? '';
      chunks = [];
    }
  });
  p.on('text', (t) => {
    if (name !== null) chunks.push(t);
  });
  p.on('closetag', (node) => {
    if (localName(node.name) !== 'definedName' || name === null) return;
    const definedName = name;
    name = null;
    if (PAGE_SETUP_NAMES.has(definedName)) return;
    // exceljs splits at commas (re-joining quoted sheet names); every piece is counted here, which can only count
    // more than exceljs expands, never less.
    for (const range of chunks.join('').split(',')) {
      budget.add(part, `名称“${shortRef(definedName)}”引用的区域`, range, rangeCells(range));
    }
  });
  run(part, p, text);
}
