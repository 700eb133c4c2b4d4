import { checkFunctionalCode } from '../codes/classification.ts';
import type { TableId, TableRow } from '../disclosure/model.ts';
import type { RuleDefinition } from './engine.ts';

/** 类/款/项 hierarchy of the classification tables (RULES.md §3 “类/款/项 hierarchy”). */

export const CLASSIFIED_TABLES: readonly TableId[] = ['T2', 'T3', 'T5', 'T7', 'T8'];

function columnsOf(row: TableRow): number[] {
  return Object.keys(row.cells).map(Number);
}

export const HIERARCHY_RULES: readonly RuleDefinition[] = [
  {
    id: 'H-01',
    family: 'hierarchy',
    tables: CLASSIFIED_TABLES,
    severity: 'error',
    title: '合计 = 各类（3位编码）之和（每一栏）',
    check: (ctx) => {
      for (const id of CLASSIFIED_TABLES) {
        const table = ctx.table(id);
        const total = table?.rows.find((r) => r.kind === 'total');
        if (!table || !total) continue;
        const lei = table.rows.filter((r) => r.kind === 'lei');
        for (const col of columnsOf(total)) {
          ctx.identity({
            rule: 'H-01',
            table: id,
            label: `合计行栏${col} 应等于各类之和`,
            lhs: ctx.termOf(id, total, col),
            rhs: lei.map((r) => ctx.termOf(id, r, col)),
          });
        }
      }
    },
  },
  {
    id: 'H-02',
    family: 'hierarchy',
    tables: CLASSIFIED_TABLES,
    severity: 'error',
    title: '类 = 其所属各款之和；款 = 其所属各项之和（每一栏）',
    check: (ctx) => {
      for (const id of CLASSIFIED_TABLES) {
        const table = ctx.table(id);
        if (!table) continue;
        // Children grouped once by parent code (款 under its 类, 项 under its 款).
        const byParent = new Map<string, TableRow[]>();
        for (const r of table.rows) {
          const parentCode =
            r.kind === 'kuan' ? r.code?.slice(0, 3) : r.kind === 'xiang' ? r.code?.slice(0, 5) : undefined;
          if (parentCode === undefined) continue;
          const list = byParent.get(parentCode) ?? [];
          list.push(r);
          byParent.set(parentCode, list);
        }
        for (const parent of table.rows.filter((r) => r.kind === 'lei' || r.kind === 'kuan')) {
          const childKind = parent.kind === 'lei' ? 'kuan' : 'xiang';
          const children = (byParent.get(parent.code ?? '-') ?? []).filter((r) => r.kind === childKind);
          if (children.length === 0) continue;
          for (const col of columnsOf(parent)) {
            ctx.identity({
              rule: 'H-02',
              table: id,
              label: `${parent.code} ${parent.name} 栏${col} 应等于其所属各${childKind === 'kuan' ? '款' : '项'}之和`,
              lhs: ctx.termOf(id, parent, col),
              rhs: children.map((r) => ctx.termOf(id, r, col)),
            });
          }
        }
      }
    },
  },
  {
    id: 'H-03',
    family: 'hierarchy',
    tables: CLASSIFIED_TABLES,
    severity: 'error',
    title: '编码为3/5/7位数字；款以其类开头、项以其款开头；每个项都有其款和类行；编码不重复',
    check: (ctx) => {
      for (const id of CLASSIFIED_TABLES) {
        const table = ctx.table(id);
        if (!table) continue;
        const seen = new Set<string>();
        const codes = new Set(table.rows.map((r) => r.code).filter((c): c is string => c !== null));
        for (const row of table.rows) {
          if (!row.code) continue;
          const at = row.cells[1]?.at ?? null;
          const codeCell = at ? { sheet: at.sheet, cell: row.codeCell ?? at.cell.replace(/^[A-Z]+/, 'A') } : null;
          if (seen.has(row.code)) {
            ctx.report('H-03', id, codeCell, `科目编码 ${row.code} 在本表中重复出现。`, { actual: row.code });
          }
          seen.add(row.code);
          if (row.kind === 'kuan' && !codes.has(row.code.slice(0, 3))) {
            ctx.report('H-03', id, codeCell, `款 ${row.code} ${row.name} 缺少所属的类 ${row.code.slice(0, 3)} 行。`, {
              actual: row.code,
            });
          }
          if (row.kind === 'xiang') {
            for (const parent of [row.code.slice(0, 5), row.code.slice(0, 3)]) {
              if (!codes.has(parent)) {
                ctx.report(
                  'H-03',
                  id,
                  codeCell,
                  `项 ${row.code} ${row.name} 缺少所属的 ${parent.length === 3 ? '类' : '款'} ${parent} 行。`,
                  {
                    actual: row.code,
                  },
                );
              }
            }
          }
        }
      }
    },
  },
  {
    id: 'H-04',
    family: 'hierarchy',
    tables: CLASSIFIED_TABLES,
    severity: 'warning',
    title: '编码在当年《政府收支分类科目》中且名称一致（名称不一致：警告；编码未收录：警告，目录尚不完整）',
    check: (ctx) => {
      const year = ctx.disclosure.year;
      // An unknown code is reported once, where it first appears: the same 项 in T2, T3 and T5 is one question for
      // the unit, not three (the list is still partial, so these warnings can be many).
      const unknownReported = new Set<string>();
      for (const id of CLASSIFIED_TABLES) {
        const table = ctx.table(id);
        if (!table) continue;
        for (const row of table.rows) {
          if (!row.code) continue;
          const at = row.cells[1]?.at ?? null;
          const nameCell = at ? { sheet: at.sheet, cell: row.nameCell ?? at.cell } : null;
          const check = checkFunctionalCode(row.code, row.name, year);
          if (check.status === 'name-variant') {
            ctx.report(
              'H-04',
              id,
              nameCell,
              `科目 ${row.code} 的名称“${row.name}”与分类科目名称“${check.officialName}”不一致，请核对。`,
              { actual: row.name, expected: check.officialName },
            );
          } else if (check.status === 'unknown' && !unknownReported.has(row.code)) {
            unknownReported.add(row.code);
            ctx.report(
              'H-04',
              id,
              at ? { sheet: at.sheet, cell: row.codeCell ?? at.cell } : null,
              `科目编码 ${row.code}（${row.name}）未在本系统的分类科目目录中，请核对编码是否正确（目录仍在补充中；其他表中的同一编码不再重复提示）。`,
              { actual: row.code },
            );
          }
        }
      }
    },
  },
  {
    id: 'H-05',
    family: 'hierarchy',
    tables: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'],
    severity: 'error',
    also: [{ severity: 'warning', when: '金额为负数（决算表金额一般不为负，请核实）' }],
    title: '金额为数字且最多两位小数（非数字、错误值、超过两位小数：错误；负数：警告）',
  },
  {
    id: 'C-01',
    family: 'hierarchy',
    tables: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'],
    severity: 'error',
    title: '公式单元格必须带有计算结果（由 Excel/WPS 保存）',
  },
];
