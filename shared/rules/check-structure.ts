import { checkEconomicCode, OPTIONAL_T1_LEI, T1_EXPENSE_LEI } from '../codes/classification.ts';
import { TABLE_IDS, TABLE_NAMES } from '../disclosure/model.ts';
import { T1_LINES as L1, T4_LINES as L4 } from '../disclosure/table-layouts.ts';
import type { RuleContext, RuleDefinition } from './engine.ts';

/** Presence, headers and identity of the workbook (RULES.md §3 “Structure and identity”). */

const ALL_TABLES = TABLE_IDS;

/** Unit names compared without spaces and brackets. */
function normalizeUnit(name: string): string {
  return name.replace(/[\s\u3000（）()]/g, '');
}

/** Unit names quoted in messages are cut: a report must stay readable whatever was typed in the header. */
function quote(name: string): string {
  return name.length > 60 ? `${name.slice(0, 60)}…` : name;
}

function unitMatch(found: string, expected: string, aliases: readonly string[]): 'same' | 'variant' | 'other' {
  const f = normalizeUnit(found);
  const names = [expected, ...aliases].map(normalizeUnit);
  if (names.includes(f)) return 'same';
  // A missing region prefix (财政局信息中心 vs 武汉市财政局信息中心) is the same unit written shorter; the difference
  // must itself look like a place name (a few Chinese characters), not arbitrary text glued to the name.
  const prefixOnly = (long: string, short: string) =>
    short.length >= 4 &&
    long.endsWith(short) &&
    /^[\u4e00-\u9fff]{1,12}$/.test(long.slice(0, long.length - short.length));
  // Only the workbook writing the registered name *shorter* is a variant; a longer name with another region prefix
  // than the registry's may be another unit (信息中心 registered, 湖北省财政厅信息中心 in the workbook).
  if (names.some((n) => prefixOnly(n, f))) return 'variant';
  return 'other';
}

/** The 合计/总计 lines without which T1 or T4 cannot be checked. */
const T1_REQUIRED_LINES: Record<'T1' | 'T4', number[]> = {
  T1: [L1.incomeTotal, L1.grandTotalIncome, L1.expenseTotal, L1.grandTotalExpense],
  T4: [L4.incomeTotal, L4.grandTotalIncome, L4.expenseTotal, L4.grandTotalExpense],
};

export const STRUCTURE_RULES: readonly RuleDefinition[] = [
  {
    id: 'F-01',
    family: 'file',
    tables: [],
    severity: 'error',
    title: '文件必须是可读取的 Excel 工作簿（.xlsx）：非空、未加密、未损坏、不含宏、解压后体积正常',
  },
  {
    id: 'S-01',
    family: 'structure',
    tables: ALL_TABLES,
    severity: 'error',
    title: '九张表齐全（按标题识别，不按位置），金额单位为万元',
    check: (ctx) => {
      const stated = ALL_TABLES.map((id) => ctx.table(id)?.amountUnit ?? null).filter((u) => u !== null);
      for (const id of ALL_TABLES) {
        const t = ctx.table(id);
        if (!t) continue; // missing tables are reported while reading
        if (t.amountUnit === null) {
          // One table without its “单位：万元” line, the others in 万元: the document's unit applies (S-01a).
          if (stated.length > 0 && stated.every((u) => u === '万元')) {
            ctx.report('S-01a', id, 'A1', `${TABLE_NAMES[id]}的表头没有注明金额单位，按其他各表的“万元”读取。`, {
              expected: '万元',
            });
          } else {
            ctx.report('S-01', id, null, `${TABLE_NAMES[id]}的表头没有注明“金额单位：万元”。`, {
              expected: '万元',
            });
          }
        } else if (t.amountUnit !== '万元') {
          ctx.report(
            'S-01',
            id,
            null,
            `${TABLE_NAMES[id]}的金额单位是“${t.amountUnit}”。公开表的金额单位应为万元（保留两位小数），请换算后重新上传；系统不会自行换算，以免误读。`,
            { actual: t.amountUnit, expected: '万元' },
          );
        }
      }
    },
  },
  {
    id: 'S-01a',
    family: 'structure',
    tables: ALL_TABLES,
    severity: 'warning',
    title: '工作簿注明年度和单位名称（各表表头、或文档标题处写一次均可）；都没有写时由上传登记的单位和年度补足',
    check: (ctx) => {
      const { disclosure, expect } = ctx;
      if (Object.keys(disclosure.tables).length === 0) return;
      if (disclosure.year === null) {
        ctx.report(
          'S-01a',
          'T1',
          'A1',
          expect.year
            ? `工作簿中没有写明年度（表标题或文档标题中应有“${expect.year}年度”），按上传指定的年度 ${expect.year} 处理。`
            : '工作簿中没有写明年度（表标题或文档标题中应有“××××年度”）。',
          { expected: expect.year ? String(expect.year) : null },
        );
      }
      if (disclosure.unitName === null) {
        ctx.report(
          'S-01a',
          'T1',
          null,
          expect.unitName
            ? `工作簿中没有写明单位名称（表头“单位：××”或文档标题），按上传登记的单位“${expect.unitName}”处理。`
            : '工作簿中没有写明单位名称（表头“单位：××”或文档标题）。',
          { expected: expect.unitName ?? null },
        );
      }
    },
  },
  {
    id: 'S-02',
    family: 'structure',
    tables: ['T1', 'T4'],
    severity: 'warning',
    also: [{ severity: 'error', when: '缺少合计、总计行，或有金额的行无法识别、重复出现' }],
    title:
      '收入支出决算总表、财政拨款收入支出决算总表的支出类行符合固定目录（26行或不含债务还本/付息的24行）；合计、总计行必须有',
    check: (ctx) => {
      for (const id of ['T1', 'T4'] as const) {
        const t = ctx.table(id);
        if (!t) continue;
        const present = new Set(t.rows.map((r) => r.code).filter((c) => c !== null));
        const missing = T1_EXPENSE_LEI.filter((l) => !present.has(l.code) && !OPTIONAL_T1_LEI.has(l.code));
        if (missing.length > 0) {
          ctx.report(
            'S-02',
            id,
            null,
            `${TABLE_NAMES[id]}缺少支出功能分类类行：${missing.map((l) => l.name).join('、')}。`,
          );
        }
        for (const line of T1_REQUIRED_LINES[id]) {
          if (!t.rows.some((r) => r.line === line)) {
            ctx.report('S-02', id, null, `${TABLE_NAMES[id]}缺少第 ${line} 行（合计/总计行），无法核对。`, {
              severity: 'error',
            });
          }
        }
      }
    },
  },
  {
    id: 'S-03',
    family: 'structure',
    tables: ['T6'],
    severity: 'warning',
    also: [{ severity: 'error', when: '有金额的行没有可识别的经济分类科目代码' }],
    title: '基本支出决算明细表的经济分类科目符合当年《政府收支分类科目》',
    check: (ctx) => {
      for (const row of ctx.table('T6')?.rows ?? []) {
        if (!row.code) continue;
        const check = checkEconomicCode(row.code, row.name);
        const at = row.cells[1]?.at ?? null;
        if (check.status === 'unknown') {
          ctx.report('S-03', 'T6', at, `经济分类科目 ${row.code} ${row.name} 不在经济分类目录中，请核对。`, {
            actual: row.code,
          });
        } else if (check.status === 'name-variant') {
          ctx.report(
            'S-03',
            'T6',
            at,
            `经济分类科目 ${row.code} 的名称“${row.name}”与目录名称“${check.officialName}”不一致。`,
            {
              actual: row.name,
              expected: check.officialName,
            },
          );
        }
      }
    },
  },
  {
    id: 'S-04',
    family: 'structure',
    tables: ALL_TABLES,
    severity: 'error',
    also: [{ severity: 'warning', when: '单位名称只是写法不同（如缺少地区前缀）' }],
    title:
      '各表表头的单位名称和年度一致，并与上传所登记的单位、年度相同（其他单位：错误；名称缺少地区前缀等写法差异：警告）',
    check: (ctx) => checkIdentity(ctx),
  },
  {
    id: 'S-07',
    family: 'structure',
    tables: ['T1'],
    severity: 'error',
    title: '工作簿填列了决算数据（空白模板不能发布）',
    check: (ctx) => {
      const tables = Object.values(ctx.disclosure.tables);
      if (tables.length === 0) return;
      const anyFigure = tables.some((t) => t?.rows.some((r) => Object.values(r.cells).some((f) => !f.value.isZero())));
      if (!anyFigure) {
        ctx.report('S-07', 'T1', null, '工作簿中没有任何金额：这是一份尚未填写的空白表样。请填列决算数据后再上传。');
      }
    },
  },
  {
    id: 'S-05',
    family: 'structure',
    tables: ALL_TABLES,
    severity: 'error',
    title: '每张表只出现一次',
  },
  {
    id: 'S-06',
    family: 'structure',
    tables: ALL_TABLES,
    severity: 'error',
    also: [{ severity: 'warning', when: '个别金额栏在表头中找不到，按空白读取' }],
    title: '表格结构可识别（栏次行、项目列、科目代码表头等符合官方表样）',
  },
];

function checkIdentity(ctx: RuleContext): void {
  const { disclosure, expect } = ctx;
  const majorityUnit = disclosure.unitName;
  const majorityYear = disclosure.year;
  for (const id of ALL_TABLES) {
    const t = ctx.table(id);
    if (!t) continue;
    if (t.unitName !== null && majorityUnit !== null && t.unitName !== majorityUnit) {
      const match = unitMatch(t.unitName, majorityUnit, []);
      ctx.report(
        'S-04',
        id,
        null,
        `${TABLE_NAMES[id]}表头单位“${quote(t.unitName)}”与其他表“${quote(majorityUnit)}”不一致。`,
        { actual: quote(t.unitName), expected: quote(majorityUnit), severity: match === 'other' ? 'error' : 'warning' },
      );
    }
    if (t.year !== null && majorityYear !== null && t.year !== majorityYear) {
      ctx.report('S-04', id, 'A1', `${TABLE_NAMES[id]}的年度 ${t.year} 与其他表 ${majorityYear} 不一致。`, {
        actual: String(t.year),
        expected: String(majorityYear),
      });
    }
  }
  if (expect.unitName && majorityUnit !== null) {
    const match = unitMatch(majorityUnit, expect.unitName, expect.unitAliases ?? []);
    if (match !== 'same') {
      ctx.report(
        'S-04',
        'T1',
        null,
        match === 'other'
          ? `工作簿的单位“${quote(majorityUnit)}”不是本次上传登记的单位“${expect.unitName}”。单位只能上传本单位的决算。`
          : `工作簿的单位写作“${quote(majorityUnit)}”，登记名称为“${expect.unitName}”，请统一为全称。`,
        { actual: quote(majorityUnit), expected: expect.unitName, severity: match === 'other' ? 'error' : 'warning' },
      );
    }
  }
  if (expect.year && majorityYear !== null && majorityYear !== expect.year) {
    ctx.report('S-04', 'T1', 'A1', `工作簿的年度 ${majorityYear} 与上传指定的年度 ${expect.year} 不一致。`, {
      actual: String(majorityYear),
      expected: String(expect.year),
    });
  }
}
