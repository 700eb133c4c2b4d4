import { type Finding, finding } from '../disclosure/finding.ts';
import { address, cellText, type SheetGrid } from '../workbook/sheet-grid.ts';
import type { Indicator, SelfEvaluation } from './model.ts';
import { type CellRead, readAmount, readPercent, readScore, readText } from './read-cells.ts';
import { EVALUATION_ALIASES, EVALUATION_FIELDS, type EvaluationField, normalizeLabel } from './sheet-layout.ts';

/**
 * 绩效自评 sheets: one or more blocks, each starting at a `项目名称` row. A block is key/value rows (label in A,
 * value in B), the indicator table (header `一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 实际完成值 | 得分`)
 * and closing key/value rows (总分, 偏差原因, 改进措施, 自评综述).
 */

const FIELD_BY_LABEL = new Map<string, EvaluationField>();
for (const [field, label] of Object.entries(EVALUATION_FIELDS) as [EvaluationField, string][]) {
  for (const l of [label, ...(EVALUATION_ALIASES[field] ?? [])]) FIELD_BY_LABEL.set(normalizeLabel(l), field);
}

type TextField = 'projectName' | 'department' | 'implementer' | 'category' | 'attribute' | 'projectType';
type LongField = 'deviation' | 'improvement' | 'summary';

function blankEvaluation(sheet: string, row: number): SelfEvaluation {
  return {
    projectName: '',
    department: null,
    implementer: null,
    category: null,
    attribute: null,
    projectType: null,
    budget: null,
    actual: null,
    rate: null,
    rateScore: null,
    indicators: [],
    totalScore: null,
    deviation: null,
    improvement: null,
    summary: null,
    sheet,
    row,
  };
}

export function readSelfEvaluations(grid: SheetGrid, findings: Finding[]): SelfEvaluation[] {
  const out: SelfEvaluation[] = [];
  let current: SelfEvaluation | null = null;
  let inIndicators = false;
  let carry = { level1: '', level2: '' };
  for (let r = 1; r <= grid.rowCount; r++) {
    const label = normalizeLabel(cellText(grid.cell(r, 1)));
    const field = FIELD_BY_LABEL.get(label);
    if (field === 'projectName') {
      current = blankEvaluation(grid.name, r);
      out.push(current);
      inIndicators = false;
    }
    if (current === null) continue;
    if (label === '一级指标') {
      inIndicators = true;
      carry = { level1: '', level2: '' };
      continue;
    }
    if (field) {
      inIndicators = false;
      readEvaluationField(grid, r, field, current, findings);
    } else if (inIndicators) {
      const indicator = readIndicator(grid, r, carry, findings);
      if (indicator) current.indicators.push(indicator);
    }
  }
  return out.filter((e) => e.projectName !== '' || e.indicators.length > 0);
}

function invalid(grid: SheetGrid, r: number, c: number, what: string, got: CellRead<unknown>, findings: Finding[]) {
  if (got.kind !== 'invalid') return;
  findings.push(
    finding({
      rule: 'P-13',
      sheet: grid.name,
      cell: address(r, c),
      message: `工作表“${grid.name}”第${r}行${what}无法读取：${got.reason}。`,
      actual: cellText(grid.cell(r, c)),
    }),
  );
}

function readEvaluationField(
  grid: SheetGrid,
  r: number,
  field: EvaluationField,
  e: SelfEvaluation,
  findings: Finding[],
): void {
  const cell = grid.cell(r, 2);
  const label = EVALUATION_FIELDS[field];
  const put = (got: CellRead<string>, set: (v: string) => void) => {
    invalid(grid, r, 2, `“${label}”`, got, findings);
    if (got.kind === 'value') set(got.value);
  };
  if (field === 'budget' || field === 'actual') {
    put(readAmount(cell), (v) => {
      e[field] = v;
    });
  } else if (field === 'rate') {
    put(readPercent(cell), (v) => {
      e.rate = v;
    });
  } else if (field === 'rateScore' || field === 'totalScore') {
    put(readScore(cell), (v) => {
      e[field] = v;
    });
  } else if (field === 'projectName') {
    put(readText(cell), (v) => {
      e.projectName = v;
    });
  } else {
    put(readText(cell), (v) => {
      e[field as TextField | LongField] = v;
    });
  }
}

const WEIGHT_IN_NAME = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/;

function readIndicator(
  grid: SheetGrid,
  r: number,
  carry: { level1: string; level2: string },
  findings: Finding[],
): Indicator | null {
  const t = (c: number) => cellText(grid.cell(r, c)).trim();
  const name = t(3);
  if (name === '' && t(5) === '' && t(6) === '' && t(7) === '') return null;
  // Merged 一级/二级指标 cells leave the following rows empty: they belong to the row above.
  if (t(1) !== '') {
    carry.level1 = t(1);
    carry.level2 = '';
  }
  if (t(2) !== '') carry.level2 = t(2);
  const weightCell = readScore(grid.cell(r, 4));
  invalid(grid, r, 4, '的分值', weightCell, findings);
  const fromName = WEIGHT_IN_NAME.exec(name)?.[1];
  const weight = weightCell.kind === 'value' ? weightCell.value : (fromName ?? null);
  const score = readScore(grid.cell(r, 7));
  invalid(grid, r, 7, '的得分', score, findings);
  return {
    level1: carry.level1,
    level2: carry.level2,
    name,
    weight,
    target: t(5),
    actual: t(6),
    score: score.kind === 'value' ? score.value : null,
    row: r,
  };
}
