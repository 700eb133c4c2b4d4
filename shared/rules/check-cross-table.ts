import { T1_EXPENSE_LEI } from '../codes/classification.ts';
import type { Figure, TableId, TableRow } from '../disclosure/model.ts';
import { T1_LINES as L1, T4_LINES as L4, lineKey } from '../disclosure/table-layouts.ts';
import { formatAmount } from '../money/amount.ts';
import type { IdentityRuleId, RuleContext, RuleDefinition } from './engine.ts';

/** Identities between tables (RULES.md §3 “Across tables”). */

/** `T1/T4 line of 类 code` — the canonical line of a 类 in T1 (32…) or T4 (33…). */
function leiLine(id: 'T1' | 'T4', code: string): number {
  return (id === 'T1' ? L1.firstLei : L4.firstLei) + T1_EXPENSE_LEI.findIndex((l) => l.code === code);
}

function same(
  ctx: RuleContext,
  rule: IdentityRuleId,
  label: string,
  a: [TableId, string, number],
  b: [TableId, string, number],
) {
  if (!ctx.table(a[0]) || !ctx.table(b[0])) return;
  ctx.identity({ rule, table: a[0], label, lhs: ctx.term(...a), rhs: [ctx.term(...b)] });
}

/** A T8 expenditure column: 栏1 合计 in the 3-column layout, 栏3 本年支出小计 in the 6-column one. */
function t8SpendingColumn(ctx: RuleContext): number {
  return ctx.table('T8')?.columns.length === 6 ? 3 : 1;
}

function anyNonZero(ctx: RuleContext, id: TableId): boolean {
  return ctx.table(id)?.rows.some((r) => Object.values(r.cells).some((f) => !f.value.isZero())) ?? false;
}

function firstNonZero(ctx: RuleContext, id: TableId) {
  for (const r of ctx.table(id)?.rows ?? []) for (const f of Object.values(r.cells)) if (!f.value.isZero()) return f;
  return null;
}

/**
 * For every 类 of the fixed list: the T1/T4 line of that 类 (column `totalCol`) equals the 类 row of a
 * classification table (column `classCol`). `skip` leaves out pairs that say nothing (both absent, or nothing on
 * either side), as each rule defines it.
 */
function eachLei(
  ctx: RuleContext,
  rule: IdentityRuleId,
  total: ['T1' | 'T4', number],
  classified: [TableId, number],
  label: (lei: { code: string; name: string }) => string,
  skip: (totalRow: TableRow | null, classRow: TableRow | null) => boolean,
): void {
  const [totalId, totalCol] = total;
  const [classId, classCol] = classified;
  if (!ctx.table(totalId) || !ctx.table(classId)) return;
  for (const lei of T1_EXPENSE_LEI) {
    const t = ctx.row(totalId, lineKey(leiLine(totalId, lei.code)));
    const c = ctx.row(classId, lei.code);
    if (skip(t, c)) continue;
    ctx.identity({
      rule,
      table: totalId,
      label: label(lei),
      lhs: ctx.termOf(totalId, t, totalCol),
      rhs: [ctx.termOf(classId, c, classCol)],
    });
  }
}

/** T1's 财政拨款收入 lines, one per fund: 1 一般公共预算, 2 政府性基金, 3 国有资本经营. */
const fiscalIncome = [L1.generalBudgetIncome, L1.governmentFundIncome, L1.stateCapitalIncome];

const bothAbsent = (t: TableRow | null, c: TableRow | null) => !t && !c;
/** Fund columns: a 类 with no row in the fund table and nothing in the T4 column is not reported. */
const fundSkip = (col: number) => (t: TableRow | null, c: TableRow | null) =>
  !c && (t?.cells[col]?.value.isZero() ?? true);

export const CROSS_TABLE_RULES: readonly RuleDefinition[] = [
  {
    id: 'X-01',
    family: 'cross',
    tables: ['T1', 'T2'],
    severity: 'error',
    title: '收入支出决算总表 本年收入合计（27行）= 收入决算表 合计 栏1',
    check: (ctx) =>
      same(
        ctx,
        'X-01',
        `收入支出决算总表本年收入合计（${L1.incomeTotal}行）应等于收入决算表合计栏1`,
        ['T1', lineKey(L1.incomeTotal), 1],
        ['T2', 'total', 1],
      ),
  },
  {
    id: 'X-02',
    family: 'cross',
    tables: ['T1', 'T2'],
    severity: 'error',
    title: '收入支出决算总表 1 + 2 + 3 行（财政拨款收入）= 收入决算表 合计 栏2 财政拨款收入',
    check: (ctx) => {
      if (!ctx.table('T1') || !ctx.table('T2')) return;
      ctx.identity({
        rule: 'X-02',
        table: 'T2',
        label: `收入决算表合计栏2 财政拨款收入应等于收入支出决算总表${fiscalIncome.join('、')}行之和`,
        lhs: ctx.term('T2', 'total', 2),
        rhs: fiscalIncome.map((n) => ctx.term('T1', lineKey(n), 1)),
      });
    },
  },
  {
    id: 'X-03',
    family: 'cross',
    tables: ['T1', 'T2'],
    severity: 'error',
    title: '收入支出决算总表 4/5/6/7/8 行 = 收入决算表 合计 栏3/4/5/6/7',
    check: (ctx) => {
      for (let line = L1.superiorSubsidyIncome; line <= L1.otherIncome; line++) {
        const col = 3 + line - L1.superiorSubsidyIncome;
        same(
          ctx,
          'X-03',
          `收入支出决算总表第${line}行应等于收入决算表合计栏${col}`,
          ['T1', lineKey(line), 1],
          ['T2', 'total', col],
        );
      }
    },
  },
  {
    id: 'X-04',
    family: 'cross',
    tables: ['T1', 'T3'],
    severity: 'error',
    title: '收入支出决算总表 本年支出合计（58行）= 支出决算表 合计 栏1',
    check: (ctx) =>
      same(
        ctx,
        'X-04',
        `收入支出决算总表本年支出合计（${L1.expenseTotal}行）应等于支出决算表合计栏1`,
        ['T1', lineKey(L1.expenseTotal), 2],
        ['T3', 'total', 1],
      ),
  },
  {
    id: 'X-05',
    family: 'cross',
    tables: ['T1', 'T3'],
    severity: 'error',
    title: '收入支出决算总表 各支出类行 = 支出决算表 该类编码行 栏1',
    check: (ctx) =>
      eachLei(
        ctx,
        'X-05',
        ['T1', 2],
        ['T3', 1],
        (lei) => `收入支出决算总表“${lei.name}”（${lei.code}）应等于支出决算表该类栏1`,
        bothAbsent,
      ),
  },
  {
    id: 'X-06',
    family: 'cross',
    tables: ['T4', 'T1'],
    severity: 'error',
    title: '财政拨款收入支出决算总表 1/2/3 行 = 收入支出决算总表 1/2/3 行',
    check: (ctx) => {
      const pairs: [number, number][] = [
        [L4.generalBudgetIncome, L1.generalBudgetIncome],
        [L4.governmentFundIncome, L1.governmentFundIncome],
        [L4.stateCapitalIncome, L1.stateCapitalIncome],
      ];
      for (const [l4, l1] of pairs) {
        same(
          ctx,
          'X-06',
          `财政拨款收入支出决算总表第${l4}行应等于收入支出决算总表第${l1}行`,
          ['T4', lineKey(l4), 1],
          ['T1', lineKey(l1), 1],
        );
      }
    },
  },
  {
    id: 'X-07',
    family: 'cross',
    tables: ['T4', 'T5'],
    severity: 'error',
    title: '财政拨款收入支出决算总表 59行 栏3 = 一般公共预算财政拨款支出决算表 合计 栏1',
    check: (ctx) =>
      same(
        ctx,
        'X-07',
        '财政拨款收入支出决算总表本年支出合计栏3 应等于一般公共预算财政拨款支出决算表合计栏1',
        ['T4', lineKey(L4.expenseTotal), 3],
        ['T5', 'total', 1],
      ),
  },
  {
    id: 'X-08',
    family: 'cross',
    tables: ['T4', 'T5'],
    severity: 'error',
    title: '财政拨款收入支出决算总表 各类行 栏3 = 一般公共预算财政拨款支出决算表 该类 栏1',
    check: (ctx) =>
      eachLei(
        ctx,
        'X-08',
        ['T4', 3],
        ['T5', 1],
        (lei) => `财政拨款收入支出决算总表“${lei.name}”栏3 应等于一般公共预算财政拨款支出决算表该类栏1`,
        bothAbsent,
      ),
  },
  {
    id: 'X-09',
    family: 'cross',
    tables: ['T4', 'T7'],
    severity: 'error',
    title: '财政拨款收入支出决算总表 59行及各类行 栏4 = 政府性基金预算财政拨款收入支出决算表 合计及该类 栏3',
    check: (ctx) => {
      if (!ctx.table('T4') || !ctx.table('T7')) return;
      same(
        ctx,
        'X-09',
        '财政拨款收入支出决算总表本年支出合计栏4 应等于政府性基金表合计栏3',
        ['T4', lineKey(L4.expenseTotal), 4],
        ['T7', 'total', 3],
      );
      eachLei(
        ctx,
        'X-09',
        ['T4', 4],
        ['T7', 3],
        (lei) => `财政拨款收入支出决算总表“${lei.name}”栏4 应等于政府性基金表该类栏3`,
        fundSkip(4),
      );
    },
  },
  {
    id: 'X-10',
    family: 'cross',
    tables: ['T4', 'T7'],
    severity: 'error',
    title: '财政拨款收入支出决算总表 2行 = 政府性基金表 合计 栏2；30行 = 合计 栏1；60行 栏4 = 合计 栏6',
    check: (ctx) => {
      same(
        ctx,
        'X-10',
        `财政拨款收入支出决算总表第${L4.governmentFundIncome}行应等于政府性基金表合计栏2 本年收入`,
        ['T4', lineKey(L4.governmentFundIncome), 1],
        ['T7', 'total', 2],
      );
      same(
        ctx,
        'X-10',
        `财政拨款收入支出决算总表第${L4.openingGovernmentFund}行应等于政府性基金表合计栏1 年初结转和结余`,
        ['T4', lineKey(L4.openingGovernmentFund), 1],
        ['T7', 'total', 1],
      );
      same(
        ctx,
        'X-10',
        `财政拨款收入支出决算总表第${L4.closing}行栏4 应等于政府性基金表合计栏6 年末结转和结余`,
        ['T4', lineKey(L4.closing), 4],
        ['T7', 'total', 6],
      );
    },
  },
  {
    id: 'X-11',
    family: 'cross',
    tables: ['T4', 'T8'],
    severity: 'error',
    title: '财政拨款收入支出决算总表 59行及各类行 栏5 = 国有资本经营预算财政拨款支出决算表 合计及该类（本年支出）',
    check: (ctx) => {
      if (!ctx.table('T4') || !ctx.table('T8')) return;
      const col = t8SpendingColumn(ctx);
      same(
        ctx,
        'X-11',
        `财政拨款收入支出决算总表本年支出合计栏5 应等于国有资本经营表合计栏${col}`,
        ['T4', lineKey(L4.expenseTotal), 5],
        ['T8', 'total', col],
      );
      eachLei(
        ctx,
        'X-11',
        ['T4', 5],
        ['T8', col],
        (lei) => `财政拨款收入支出决算总表“${lei.name}”栏5 应等于国有资本经营表该类栏${col}`,
        fundSkip(5),
      );
    },
  },
  {
    id: 'X-12',
    family: 'cross',
    tables: ['T5', 'T6'],
    severity: 'error',
    title: '一般公共预算财政拨款支出决算表 合计 栏2 基本支出 = 基本支出决算明细表 人员经费合计 + 公用经费合计',
    check: (ctx) => {
      if (!ctx.table('T5') || !ctx.table('T6')) return;
      ctx.identity({
        rule: 'X-12',
        table: 'T5',
        label: '一般公共预算财政拨款支出决算表合计栏2 基本支出应等于基本支出明细表人员经费合计与公用经费合计之和',
        lhs: ctx.term('T5', 'total', 2),
        rhs: [ctx.term('T6', 'personnel-total', 1), ctx.term('T6', 'public-total', 1)],
      });
    },
  },
  {
    id: 'X-13',
    family: 'cross',
    tables: ['T5', 'T3'],
    severity: 'error',
    also: [{ severity: 'warning', when: '某科目在一般公共预算财政拨款支出决算表中的金额大于支出决算表' }],
    title:
      '一般公共预算财政拨款支出决算表的每个科目都在支出决算表中（缺失：错误），且各栏金额不大于支出决算表（大于：警告）',
    check: (ctx) => {
      const t5 = ctx.table('T5');
      if (!t5 || !ctx.table('T3')) return;
      for (const row of t5.rows) {
        if (!row.code) continue;
        const t3 = ctx.row('T3', row.code);
        if (!t3) {
          ctx.report(
            'X-13',
            'T5',
            row.cells[1]?.at ?? null,
            `科目 ${row.code} ${row.name} 在一般公共预算财政拨款支出决算表中有、在支出决算表中没有。`,
            {
              actual: row.code,
            },
          );
          continue;
        }
        for (const col of [1, 2, 3]) {
          const a = row.cells[col];
          const b = t3.cells[col];
          if (a && b && a.value.greaterThan(b.value.plus('0.01'))) {
            ctx.report(
              'X-13',
              'T5',
              a.at,
              `科目 ${row.code} ${row.name} 栏${col} 一般公共预算财政拨款支出 ${formatAmount(a.value)} 大于支出决算表同科目 ${formatAmount(b.value)}。`,
              { actual: a.value, expected: `≤ ${formatAmount(b.value)}`, severity: 'warning' },
            );
          }
        }
      }
    },
  },
  {
    id: 'X-14',
    family: 'cross',
    tables: ['T4', 'T1'],
    severity: 'warning',
    title:
      '财政拨款年初结转和结余（T4 28行）≤ 年初结转和结余（T1 29行）；财政拨款年末结转和结余（T4 60行栏2）≤ 年末结转和结余（T1 60行）',
    check: (ctx) => {
      if (!ctx.table('T4') || !ctx.table('T1')) return;
      const pairs: [string, number, number, number, number][] = [
        ['年初', L4.opening, 1, L1.opening, 1],
        ['年末', L4.closing, 2, L1.closing, 2],
      ];
      for (const [when, l4, c4, l1, c1] of pairs) {
        const a = ctx.fig('T4', lineKey(l4), c4);
        const b = ctx.fig('T1', lineKey(l1), c1);
        if (a.value.greaterThan(b.value.plus('0.01'))) {
          const message = `财政拨款${when}结转和结余（${l4}行）不应大于收入支出决算总表${when}结转和结余（${l1}行）`;
          ctx.report('X-14', 'T4', a.at, `${message}。`, {
            actual: a.value,
            expected: `≤ ${formatAmount(b.value)}`,
          });
        }
      }
    },
  },
  {
    id: 'X-15',
    family: 'cross',
    tables: ['T1', 'T4'],
    severity: 'warning',
    title: '本年支出合计（T1 58行）不小于财政拨款本年支出合计（T4 59行栏2）',
    check: (ctx) => {
      if (!ctx.table('T4') || !ctx.table('T1')) return;
      const all = ctx.fig('T1', lineKey(L1.expenseTotal), 2);
      const fiscal = ctx.fig('T4', lineKey(L4.expenseTotal), 2);
      if (all.value.plus('0.01').lessThan(fiscal.value)) {
        ctx.report('X-15', 'T1', all.at, '收入支出决算总表本年支出合计小于财政拨款本年支出合计，请核实。', {
          actual: all.value,
          expected: `≥ ${formatAmount(fiscal.value)}`,
        });
      }
    },
  },
  {
    id: 'X-16',
    family: 'cross',
    tables: ['T1', 'T4', 'T7', 'T8', 'T9'],
    severity: 'error',
    also: [{ severity: 'warning', when: '表中无数据，但缺少“本单位当年无……”的说明' }],
    title: '无政府性基金（国有资本经营、“三公”）数据 ⇔ 对应表为空并有“本单位当年无…”说明（矛盾：错误；缺少说明：警告）',
    check: (ctx) => {
      // The figures that say the unit has such funds, with their table (to point at the first non-zero one).
      const sources: [TableId, string, [TableId, Figure][], string][] = [
        [
          'T7',
          '政府性基金预算财政拨款',
          [
            ['T1', ctx.fig('T1', lineKey(L1.governmentFundIncome), 1)],
            ['T4', ctx.fig('T4', lineKey(L4.governmentFundIncome), 1)],
            ['T4', ctx.fig('T4', lineKey(L4.openingGovernmentFund), 1)],
            ['T4', ctx.fig('T4', lineKey(L4.expenseTotal), 4)],
            ['T4', ctx.fig('T4', lineKey(L4.closing), 4)],
          ],
          '本单位当年无政府性基金预算财政拨款收入支出。',
        ],
        [
          'T8',
          '国有资本经营预算财政拨款',
          [
            ['T1', ctx.fig('T1', lineKey(L1.stateCapitalIncome), 1)],
            ['T4', ctx.fig('T4', lineKey(L4.stateCapitalIncome), 1)],
            ['T4', ctx.fig('T4', lineKey(L4.openingStateCapital), 1)],
            ['T4', ctx.fig('T4', lineKey(L4.expenseTotal), 5)],
            ['T4', ctx.fig('T4', lineKey(L4.closing), 5)],
          ],
          '本单位当年无国有资本经营预算财政拨款支出。',
        ],
      ];
      for (const [id, name, figures, sentence] of sources) {
        const table = ctx.table(id);
        if (!table) continue;
        const here = anyNonZero(ctx, id);
        const elsewhere = figures.find(([, f]) => !f.value.isZero()) ?? null;
        if (elsewhere && !here) {
          ctx.report(
            'X-16',
            elsewhere[0],
            elsewhere[1].at,
            `总表中有${name}收支，但${table.title || id}没有填列金额。`,
          );
        } else if (!elsewhere && here) {
          ctx.report(
            'X-16',
            id,
            firstNonZero(ctx, id)?.at ?? null,
            `${table.title || id}填列了金额，但收入支出决算总表和财政拨款收入支出决算总表中没有${name}收支。`,
          );
        } else if (!here && table.emptyStatement === null) {
          ctx.report('X-16', id, null, `本表为空表，应注明“${sentence}”。`, {
            expected: sentence,
            severity: 'warning',
          });
        }
        if (here && table.emptyStatement !== null) {
          ctx.report('X-16', id, null, `本表填列了金额，却注明“${table.emptyStatement}”，两者矛盾。`, {
            actual: table.emptyStatement,
          });
        }
      }
      const t9 = ctx.table('T9');
      if (t9) {
        const here = anyNonZero(ctx, 'T9');
        if (!here && t9.emptyStatement === null) {
          ctx.report('X-16', 'T9', null, '“三公”经费表为空表，应注明“本单位当年无财政拨款“三公”经费支出。”', {
            expected: '本单位当年无财政拨款“三公”经费支出。',
            severity: 'warning',
          });
        }
        if (here && t9.emptyStatement !== null) {
          ctx.report(
            'X-16',
            'T9',
            firstNonZero(ctx, 'T9')?.at ?? null,
            `“三公”经费表填列了金额，却注明“${t9.emptyStatement}”，两者矛盾。`,
            {
              actual: t9.emptyStatement,
            },
          );
        }
      }
    },
  },
  {
    id: 'X-17',
    family: 'cross',
    tables: ['T9', 'T6'],
    severity: 'warning',
    title: '“三公”经费决算数不小于基本支出明细表对应科目：栏8 ≥ 30212，栏10 ≥ 31013，栏11 ≥ 30231，栏12 ≥ 30217',
    check: (ctx) => {
      if (!ctx.table('T9') || !ctx.table('T6')) return;
      const pairs: [number, string, string][] = [
        [8, '30212', '因公出国（境）费用'],
        [10, '31013', '公务用车购置'],
        [11, '30231', '公务用车运行维护费'],
        [12, '30217', '公务接待费'],
      ];
      for (const [col, code, name] of pairs) {
        const t9 = ctx.fig('T9', 'row', col);
        const t6 = ctx.fig('T6', code, 1);
        if (t9.value.plus('0.01').lessThan(t6.value)) {
          ctx.report(
            'X-17',
            'T9',
            t9.at,
            `“三公”经费决算数栏${col} 小于基本支出明细表 ${code} ${name}（${formatAmount(t6.value)}），请核实。`,
            {
              actual: t9.value,
              expected: `≥ ${formatAmount(t6.value)}`,
            },
          );
        }
      }
    },
  },
];
