import type ExcelJS from 'exceljs';
import type { SelfEvaluation, Supplement } from './model.ts';
import {
  BUDGET_COLUMNS,
  BUDGET_HEADING,
  BUDGET_HINT,
  EVALUATION_FIELDS,
  type FieldSpec,
  INDICATOR_COLUMNS,
  INFO_SECTIONS,
  KEY_WORK_TABLE_COLUMNS,
  KEY_WORK_TEXT_COLUMNS,
  PROFILE_SECTIONS,
  type SectionSpec,
  SHEET,
} from './sheet-layout.ts';

/**
 * Writes the supplementary sheets after the nine tables: blank (the template units fill in, `gongkai template`) or
 * filled from a supplement (test fixtures). Hook for `writeDisclosureWorkbook(…, { extraSheets })`.
 */
export function writeSupplementSheets(wb: ExcelJS.Workbook, s: Supplement | null, year: number): void {
  writeKeyValueSheet(wb.addWorksheet(SHEET.profile), `${year}年度单位概况`, PROFILE_SECTIONS, s);
  const info = wb.addWorksheet(SHEET.info);
  const next = writeKeyValueSheet(info, `${year}年度补充信息（金额单位：万元）`, INFO_SECTIONS, s);
  writeBudgetTable(info, next + 1, s);
  writeKeyWork(wb.addWorksheet(SHEET.keyWork), year, s);
  writeEvaluations(wb.addWorksheet(SHEET.performance), year, s?.performance.evaluations ?? []);
}

const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

function setup(ws: ExcelJS.Worksheet, title: string, note: string, widths: number[]): void {
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = note;
}

/** The value at a field path, as the cell should hold it. */
function valueAt(s: Supplement | null, f: FieldSpec): ExcelJS.CellValue {
  if (s === null) return null;
  const [head, key, ...rest] = f.path.split('.');
  let v: unknown;
  if (head === 'assets' && key === 'vehicleKinds')
    v = s.assets.vehicleKinds.find((k) => k.kind === rest.join('.'))?.count;
  else if (key === undefined) v = (s as unknown as Record<string, unknown>)[head ?? ''];
  else v = (s as unknown as Record<string, Record<string, unknown>>)[head ?? '']?.[key];
  if (v === null || v === undefined) return null;
  // A number cell, as an accountant would type it: a two-decimal amount survives the double Excel stores (the
  // reader takes the shortest decimal that round-trips, see parseAmount), so the value reads back exactly.
  if (f.kind === 'amount' || f.kind === 'score') return Number(v);
  if (f.kind === 'date' && typeof v === 'string') return new Date(`${v}T00:00:00Z`);
  return v as ExcelJS.CellValue;
}

function writeKeyValueSheet(
  ws: ExcelJS.Worksheet,
  title: string,
  sections: readonly SectionSpec[],
  s: Supplement | null,
): number {
  setup(ws, title, '填写说明：A列为项目名称（请勿修改），B列填写数值或文字，C列为填写提示。', [40, 70, 50]);
  ws.getRow(3).values = ['项目', '内容', '填写提示'];
  ws.getRow(3).font = { bold: true };
  let r = 4;
  for (const section of sections) {
    ws.getCell(r, 1).value = section.heading;
    ws.getCell(r, 1).font = { bold: true };
    r++;
    for (const f of section.fields) {
      ws.getCell(r, 1).value = f.label;
      const v = valueAt(s, f);
      const c = ws.getCell(r, 2);
      if (v !== null) c.value = v;
      if (f.kind === 'amount') c.numFmt = '0.00';
      if (f.kind === 'date') c.numFmt = 'yyyy-mm-dd';
      c.alignment = WRAP;
      ws.getCell(r, 3).value = f.hint;
      r++;
    }
    r++;
  }
  return r;
}

function writeBudgetTable(ws: ExcelJS.Worksheet, start: number, s: Supplement | null): void {
  ws.getCell(start, 1).value = BUDGET_HEADING;
  ws.getCell(start, 1).font = { bold: true };
  ws.getCell(start, 3).value = BUDGET_HINT;
  ws.getRow(start + 1).values = [...BUDGET_COLUMNS];
  ws.getRow(start + 1).font = { bold: true };
  let r = start + 2;
  for (const b of s?.budgets ?? []) {
    const adjusted = b.adjustedBudget === null || b.adjustedBudget === undefined ? null : Number(b.adjustedBudget);
    ws.getRow(r).values = [b.code, b.name ?? '', Number(b.budget), adjusted, b.reason ?? ''];
    ws.getCell(r, 3).numFmt = '0.00';
    ws.getCell(r, 4).numFmt = '0.00';
    ws.getCell(r, 5).alignment = WRAP;
    r++;
  }
  ws.getColumn(5).width = 50;
}

function writeKeyWork(ws: ExcelJS.Worksheet, year: number, s: Supplement | null): void {
  setup(
    ws,
    `${year}年度重点工作完成情况`,
    '填写说明：上半部分每行一个重点工作（标题、内容）；下半部分为重点工作完成情况表。',
    [30, 40, 50, 70],
  );
  ws.getRow(3).values = [...KEY_WORK_TEXT_COLUMNS];
  ws.getRow(3).font = { bold: true };
  let r = 4;
  for (const sec of s?.keyWork.sections ?? []) {
    ws.getRow(r).values = [sec.title, sec.text];
    ws.getCell(r, 2).alignment = WRAP;
    r++;
  }
  r++;
  ws.getRow(r).values = [...KEY_WORK_TABLE_COLUMNS];
  ws.getRow(r).font = { bold: true };
  r++;
  for (const row of s?.keyWork.rows ?? []) {
    ws.getRow(r).values = [row.seq, row.matter, row.goal, row.result];
    for (const c of [2, 3, 4]) ws.getCell(r, c).alignment = WRAP;
    r++;
  }
}

function writeEvaluations(ws: ExcelJS.Worksheet, year: number, evaluations: readonly SelfEvaluation[]): void {
  setup(
    ws,
    `${year}年度项目支出绩效自评`,
    '填写说明：每个项目一块，从“项目名称”行开始；执行率得分 = 20分 × 执行率，各指标分值合计80分，总分100分。可复制整块填写多个项目。',
    [30, 30, 40, 10, 18, 18, 10],
  );
  let r = 4;
  for (const e of evaluations.length > 0 ? evaluations : [null]) r = writeEvaluation(ws, r, e) + 1;
}

/** A number written as `10.00` keeps its two decimals on screen (a number cell formatted `0.00`, as printed). */
function decimalsAsPrinted(cell: ExcelJS.Cell, printed: string | null | undefined): void {
  const decimals = /\.(\d+)$/.exec(printed ?? '')?.[1]?.length ?? 0;
  if (decimals > 0) cell.numFmt = `0.${'0'.repeat(decimals)}`;
}

function writeEvaluation(ws: ExcelJS.Worksheet, start: number, e: SelfEvaluation | null): number {
  let r = start;
  const kv = (label: string, value: ExcelJS.CellValue, printed?: string | null) => {
    ws.getCell(r, 1).value = label;
    if (value !== null && value !== '') ws.getCell(r, 2).value = value;
    decimalsAsPrinted(ws.getCell(r, 2), printed);
    ws.getCell(r, 2).alignment = WRAP;
    r++;
  };
  const num = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? null : Number(v));
  kv(EVALUATION_FIELDS.projectName, e?.projectName ?? null);
  kv(EVALUATION_FIELDS.department, e?.department ?? null);
  kv(EVALUATION_FIELDS.implementer, e?.implementer ?? null);
  kv(EVALUATION_FIELDS.category, e?.category ?? null);
  kv(EVALUATION_FIELDS.attribute, e?.attribute ?? null);
  kv(EVALUATION_FIELDS.projectType, e?.projectType ?? null);
  kv(EVALUATION_FIELDS.budget, num(e?.budget));
  kv(EVALUATION_FIELDS.actual, num(e?.actual));
  kv(EVALUATION_FIELDS.rate, e?.rate ? `${e.rate}%` : null);
  kv(EVALUATION_FIELDS.rateScore, num(e?.rateScore), e?.rateScore);
  ws.getRow(r).values = [...INDICATOR_COLUMNS];
  ws.getRow(r).font = { bold: true };
  r++;
  const indicators = e?.indicators ?? [];
  for (const i of indicators) {
    ws.getRow(r).values = [i.level1, i.level2, i.name, num(i.weight), i.target, i.actual, num(i.score)];
    decimalsAsPrinted(ws.getCell(r, 7), i.score);
    r++;
  }
  if (indicators.length === 0) r += 7; // room for the usual seven indicators of a blank template
  kv(EVALUATION_FIELDS.totalScore, num(e?.totalScore), e?.totalScore);
  kv(EVALUATION_FIELDS.deviation, e?.deviation ?? null);
  kv(EVALUATION_FIELDS.improvement, e?.improvement ?? null);
  kv(EVALUATION_FIELDS.summary, e?.summary ?? null);
  return r;
}
