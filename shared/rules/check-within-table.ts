import type { TableId } from '../disclosure/model.ts';
import { T1_LINES as L1, T4_LINES as L4, lineKey } from '../disclosure/table-layouts.ts';
import type { IdentityRuleId, RuleContext, RuleDefinition, Term } from './engine.ts';

/** Identities inside one table (RULES.md §3 “Within one table”). */

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** `lhs = Σ rhs` for lines of T1/T4 in one column. */
function lines(
  ctx: RuleContext,
  rule: IdentityRuleId,
  id: TableId,
  label: string,
  lhs: number,
  rhs: number[],
  col: number,
): void {
  ctx.identity({
    rule,
    table: id,
    label,
    lhs: ctx.term(id, lineKey(lhs), col),
    rhs: rhs.map((n) => ctx.term(id, lineKey(n), col)),
  });
}

/** For every row of a table: `cols[0] = Σ ± cols[1…]`. */
function eachRow(
  ctx: RuleContext,
  rule: IdentityRuleId,
  id: TableId,
  label: string,
  lhs: number,
  rhs: [number, 1 | -1][],
): void {
  const table = ctx.table(id);
  if (!table) return;
  for (const row of table.rows) {
    if (!(lhs in row.cells)) continue;
    const what = row.code ? `${row.code} ${row.name}` : row.name;
    ctx.identity({
      rule,
      table: id,
      label: `“${what}”行：${label}`,
      lhs: ctx.termOf(id, row, lhs),
      rhs: rhs.map(([c, sign]): Term => ctx.termOf(id, row, c, sign)),
    });
  }
}

const T4_EXPENSE_COLUMNS = [2, 3, 4, 5];

export const WITHIN_TABLE_RULES: readonly RuleDefinition[] = [
  {
    id: 'T1-01',
    family: 'table',
    tables: ['T1'],
    severity: 'error',
    title: '本年收入合计（27行）= 第1至8行之和',
    check: (ctx) =>
      lines(
        ctx,
        'T1-01',
        'T1',
        `本年收入合计（${L1.incomeTotal}行）应等于第${L1.firstIncome}至${L1.otherIncome}行之和`,
        L1.incomeTotal,
        range(L1.firstIncome, L1.otherIncome),
        1,
      ),
  },
  {
    id: 'T1-02',
    family: 'table',
    tables: ['T1'],
    severity: 'error',
    title: '收入总计（31行）= 27行 + 28行 + 29行',
    check: (ctx) =>
      lines(
        ctx,
        'T1-02',
        'T1',
        `收入总计（${L1.grandTotalIncome}行）应等于${L1.incomeTotal}、${L1.nonFiscalBalanceUsed}、${L1.opening}行之和`,
        L1.grandTotalIncome,
        [L1.incomeTotal, L1.nonFiscalBalanceUsed, L1.opening],
        1,
      ),
  },
  {
    id: 'T1-03',
    family: 'table',
    tables: ['T1'],
    severity: 'error',
    title: '本年支出合计（58行）= 第32至57行之和',
    check: (ctx) =>
      lines(
        ctx,
        'T1-03',
        'T1',
        `本年支出合计（${L1.expenseTotal}行）应等于第${L1.firstLei}至${L1.expenseTotal - 1}行之和`,
        L1.expenseTotal,
        range(L1.firstLei, L1.expenseTotal - 1),
        2,
      ),
  },
  {
    id: 'T1-04',
    family: 'table',
    tables: ['T1'],
    severity: 'error',
    title: '支出总计（62行）= 58行 + 59行 + 60行',
    check: (ctx) =>
      lines(
        ctx,
        'T1-04',
        'T1',
        `支出总计（${L1.grandTotalExpense}行）应等于${L1.expenseTotal}、${L1.distribution}、${L1.closing}行之和`,
        L1.grandTotalExpense,
        [L1.expenseTotal, L1.distribution, L1.closing],
        2,
      ),
  },
  {
    id: 'T1-05',
    family: 'table',
    tables: ['T1'],
    severity: 'error',
    title: '收入总计（31行）= 支出总计（62行）',
    check: (ctx) =>
      ctx.identity({
        rule: 'T1-05',
        table: 'T1',
        label: `收入总计（${L1.grandTotalIncome}行）应等于支出总计（${L1.grandTotalExpense}行）`,
        lhs: ctx.term('T1', lineKey(L1.grandTotalIncome), 1),
        rhs: [ctx.term('T1', lineKey(L1.grandTotalExpense), 2)],
      }),
  },
  {
    id: 'T2-01',
    family: 'table',
    tables: ['T2'],
    severity: 'error',
    title: '各行：栏1 本年收入合计 = 栏2至栏7之和',
    check: (ctx) =>
      eachRow(
        ctx,
        'T2-01',
        'T2',
        '栏1 本年收入合计应等于栏2至栏7之和',
        1,
        range(2, 7).map((c) => [c, 1]),
      ),
  },
  {
    id: 'T3-01',
    family: 'table',
    tables: ['T3'],
    severity: 'error',
    title: '各行：栏1 本年支出合计 = 栏2至栏6之和',
    check: (ctx) =>
      eachRow(
        ctx,
        'T3-01',
        'T3',
        '栏1 本年支出合计应等于栏2至栏6之和',
        1,
        range(2, 6).map((c) => [c, 1]),
      ),
  },
  {
    id: 'T4-01',
    family: 'table',
    tables: ['T4'],
    severity: 'error',
    title: '本年收入合计（27行）= 1行 + 2行 + 3行',
    check: (ctx) =>
      lines(
        ctx,
        'T4-01',
        'T4',
        `本年收入合计（${L4.incomeTotal}行）应等于${L4.generalBudgetIncome}、${L4.governmentFundIncome}、${L4.stateCapitalIncome}行之和`,
        L4.incomeTotal,
        [L4.generalBudgetIncome, L4.governmentFundIncome, L4.stateCapitalIncome],
        1,
      ),
  },
  {
    id: 'T4-02',
    family: 'table',
    tables: ['T4'],
    severity: 'error',
    title: '年初财政拨款结转和结余（28行）= 29行 + 30行 + 31行',
    check: (ctx) =>
      lines(
        ctx,
        'T4-02',
        'T4',
        `年初财政拨款结转和结余（${L4.opening}行）应等于${L4.openingFirstFund}、${L4.openingGovernmentFund}、${L4.openingStateCapital}行之和`,
        L4.opening,
        [L4.openingFirstFund, L4.openingGovernmentFund, L4.openingStateCapital],
        1,
      ),
  },
  {
    id: 'T4-03',
    family: 'table',
    tables: ['T4'],
    severity: 'error',
    title: '收入总计（32行）= 27行 + 28行',
    check: (ctx) =>
      lines(
        ctx,
        'T4-03',
        'T4',
        `收入总计（${L4.grandTotalIncome}行）应等于${L4.incomeTotal}、${L4.opening}行之和`,
        L4.grandTotalIncome,
        [L4.incomeTotal, L4.opening],
        1,
      ),
  },
  {
    id: 'T4-04',
    family: 'table',
    tables: ['T4'],
    severity: 'error',
    title: '本年支出合计（59行）= 第33至58行之和（栏2至栏5各栏）',
    check: (ctx) => {
      for (const c of T4_EXPENSE_COLUMNS)
        lines(
          ctx,
          'T4-04',
          'T4',
          `本年支出合计（${L4.expenseTotal}行）栏${c} 应等于第${L4.firstLei}至${L4.expenseTotal - 1}行之和`,
          L4.expenseTotal,
          range(L4.firstLei, L4.expenseTotal - 1),
          c,
        );
    },
  },
  {
    id: 'T4-05',
    family: 'table',
    tables: ['T4'],
    severity: 'error',
    title: '支出总计（64行）= 59行 + 60行（栏2至栏5各栏）',
    check: (ctx) => {
      for (const c of T4_EXPENSE_COLUMNS)
        lines(
          ctx,
          'T4-05',
          'T4',
          `支出总计（${L4.grandTotalExpense}行）栏${c} 应等于${L4.expenseTotal}、${L4.closing}行之和`,
          L4.grandTotalExpense,
          [L4.expenseTotal, L4.closing],
          c,
        );
    },
  },
  {
    id: 'T4-06',
    family: 'table',
    tables: ['T4'],
    severity: 'error',
    title: '各支出行：栏2 合计 = 栏3 + 栏4 + 栏5',
    check: (ctx) =>
      eachRow(ctx, 'T4-06', 'T4', '栏2 合计应等于栏3、栏4、栏5之和', 2, [
        [3, 1],
        [4, 1],
        [5, 1],
      ]),
  },
  {
    id: 'T4-07',
    family: 'table',
    tables: ['T4'],
    severity: 'error',
    title: '收入总计（32行）= 支出总计（64行）',
    check: (ctx) =>
      ctx.identity({
        rule: 'T4-07',
        table: 'T4',
        label: `收入总计（${L4.grandTotalIncome}行）应等于支出总计（${L4.grandTotalExpense}行）栏2`,
        lhs: ctx.term('T4', lineKey(L4.grandTotalIncome), 1),
        rhs: [ctx.term('T4', lineKey(L4.grandTotalExpense), 2)],
      }),
  },
  {
    id: 'T4-08',
    family: 'table',
    tables: ['T4'],
    severity: 'warning',
    title: '分资金来源：本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余（存在调整事项时可不等，提示核实）',
    check: (ctx) => {
      const funds: [string, number, number, number][] = [
        ['一般公共预算财政拨款', L4.generalBudgetIncome, L4.openingFirstFund, 3],
        ['政府性基金预算财政拨款', L4.governmentFundIncome, L4.openingGovernmentFund, 4],
        ['国有资本经营预算财政拨款', L4.stateCapitalIncome, L4.openingStateCapital, 5],
      ];
      for (const [name, income, opening, col] of funds) {
        ctx.identity({
          rule: 'T4-08',
          table: 'T4',
          label: `${name}：本年收入与年初结转和结余之和应等于本年支出与年末结转和结余之和（如有调整事项请说明）`,
          lhs: ctx.term('T4', lineKey(income), 1),
          rhs: [
            ctx.term('T4', lineKey(opening), 1, -1),
            ctx.term('T4', lineKey(L4.expenseTotal), col),
            ctx.term('T4', lineKey(L4.closing), col),
          ],
        });
      }
    },
  },
  {
    id: 'T5-01',
    family: 'table',
    tables: ['T5'],
    severity: 'error',
    title: '各行：栏1 小计 = 栏2 基本支出 + 栏3 项目支出',
    check: (ctx) =>
      eachRow(ctx, 'T5-01', 'T5', '栏1 小计应等于栏2 基本支出与栏3 项目支出之和', 1, [
        [2, 1],
        [3, 1],
      ]),
  },
  {
    id: 'T6-01',
    family: 'table',
    tables: ['T6'],
    severity: 'error',
    title: '经济分类各类（301、302、303、310…）= 其所属各款之和',
    check: (ctx) => {
      const t6 = ctx.table('T6');
      if (!t6) return;
      for (const lei of t6.rows.filter((r) => r.kind === 'econ-lei')) {
        const kuan = t6.rows.filter((r) => r.kind === 'econ-kuan' && r.code?.startsWith(lei.code ?? '-'));
        if (kuan.length === 0) continue;
        ctx.identity({
          rule: 'T6-01',
          table: 'T6',
          label: `${lei.code} ${lei.name} 应等于其所属各款之和`,
          lhs: ctx.termOf('T6', lei, 1),
          rhs: kuan.map((k) => ctx.termOf('T6', k, 1)),
        });
      }
    },
  },
  {
    id: 'T6-02',
    family: 'table',
    tables: ['T6'],
    severity: 'error',
    title: '人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助',
    check: (ctx) => {
      if (!ctx.table('T6')) return;
      ctx.identity({
        rule: 'T6-02',
        table: 'T6',
        label: '人员经费合计应等于 301 工资福利支出与 303 对个人和家庭的补助之和',
        lhs: ctx.term('T6', 'personnel-total', 1),
        rhs: [ctx.term('T6', '301', 1), ctx.term('T6', '303', 1)],
      });
    },
  },
  {
    id: 'T6-03',
    family: 'table',
    tables: ['T6'],
    severity: 'error',
    title: '公用经费合计 = 302 商品和服务支出 + 310 资本性支出（及表中其他公用经费类）',
    check: (ctx) => {
      const t6 = ctx.table('T6');
      if (!t6) return;
      const lei = t6.rows.filter((r) => r.kind === 'econ-lei' && r.side === 'public');
      ctx.identity({
        rule: 'T6-03',
        table: 'T6',
        label: `公用经费合计应等于 ${lei.map((r) => r.code).join('、') || '302、310'} 各类之和`,
        lhs: ctx.term('T6', 'public-total', 1),
        rhs: lei.map((r) => ctx.termOf('T6', r, 1)),
      });
    },
  },
  {
    id: 'T7-01',
    family: 'table',
    tables: ['T7'],
    severity: 'error',
    title: '各行：栏6 年末结转和结余 = 栏1 + 栏2 − 栏3',
    check: (ctx) =>
      eachRow(ctx, 'T7-01', 'T7', '栏6 年末结转和结余应等于栏1 年初结转和结余 + 栏2 本年收入 − 栏3 本年支出', 6, [
        [1, 1],
        [2, 1],
        [3, -1],
      ]),
  },
  {
    id: 'T7-02',
    family: 'table',
    tables: ['T7'],
    severity: 'error',
    title: '各行：栏3 本年支出小计 = 栏4 基本支出 + 栏5 项目支出',
    check: (ctx) =>
      eachRow(ctx, 'T7-02', 'T7', '栏3 本年支出小计应等于栏4 基本支出与栏5 项目支出之和', 3, [
        [4, 1],
        [5, 1],
      ]),
  },
  {
    id: 'T8-01',
    family: 'table',
    tables: ['T8'],
    severity: 'error',
    title: '各行：栏1 合计 = 栏2 基本支出 + 栏3 项目支出（6栏表样：同 T7-01、T7-02）',
    check: (ctx) => {
      const t8 = ctx.table('T8');
      if (!t8) return;
      if (t8.columns.length === 6) {
        eachRow(ctx, 'T8-01', 'T8', '栏6 年末结转和结余应等于栏1 + 栏2 − 栏3', 6, [
          [1, 1],
          [2, 1],
          [3, -1],
        ]);
        eachRow(ctx, 'T8-01', 'T8', '栏3 本年支出小计应等于栏4 与栏5 之和', 3, [
          [4, 1],
          [5, 1],
        ]);
      } else {
        eachRow(ctx, 'T8-01', 'T8', '栏1 合计应等于栏2 基本支出与栏3 项目支出之和', 1, [
          [2, 1],
          [3, 1],
        ]);
      }
    },
  },
  ...(
    [
      ['T9-01', 1, [2, 3, 6], '预算数：栏1 合计 = 栏2 + 栏3 + 栏6'],
      ['T9-02', 3, [4, 5], '预算数：栏3 公务用车购置及运行维护费 = 栏4 + 栏5'],
      ['T9-03', 7, [8, 9, 12], '决算数：栏7 合计 = 栏8 + 栏9 + 栏12'],
      ['T9-04', 9, [10, 11], '决算数：栏9 公务用车购置及运行维护费 = 栏10 + 栏11'],
    ] as const
  ).map(
    ([id, lhs, rhs, title]): RuleDefinition => ({
      id,
      family: 'table',
      tables: ['T9'],
      severity: 'error',
      title,
      check: (ctx) => {
        if (!ctx.table('T9')) return;
        ctx.identity({
          rule: id,
          table: 'T9',
          label: title,
          lhs: ctx.term('T9', 'row', lhs),
          rhs: rhs.map((c) => ctx.term('T9', 'row', c)),
        });
      },
    }),
  ),
];
