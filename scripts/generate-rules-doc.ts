/**
 * Writes docs/rules.md and shared/disclosure/rule-ids.generated.ts from the rule catalog (shared/rules/catalog.ts),
 * so neither the published list of rule IDs nor the `RuleId` type that findings are built with can drift from the
 * rules the validator runs. Run: `npm run docs:rules`. A test fails when either file is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TABLE_IDS, TABLE_NAMES } from '../shared/disclosure/model.ts';
import { RULES } from '../shared/rules/catalog.ts';
import type { RuleDefinition } from '../shared/rules/engine.ts';
import { SEVERITY_LABEL } from '../shared/rules/finding.ts';

export const RULES_DOC_PATH = fileURLToPath(new URL('../docs/rules.md', import.meta.url));
export const RULE_IDS_PATH = fileURLToPath(new URL('../shared/disclosure/rule-ids.generated.ts', import.meta.url));

const FAMILIES: readonly { family: RuleDefinition['family']; heading: string }[] = [
  { family: 'file', heading: '文件与上传（F、K）' },
  { family: 'structure', heading: '结构与身份（S）' },
  { family: 'table', heading: '表内勾稽（T1–T9）' },
  { family: 'hierarchy', heading: '类/款/项层级与金额格式（H、C）' },
  { family: 'cross', heading: '表间勾稽（X）' },
  { family: 'narrative', heading: '单位文字说明（N）' },
];

const INTRO = `# 校验规则 / Validation rules

> 本文件由 \`npm run docs:rules\` 根据 \`shared/rules/catalog.ts\` 生成，请勿手工修改。
> Generated from the rule catalog; do not edit by hand.

规则编号会出现在校验报告、\`validate --json\` 输出和测试中，一经发布不再改号。

## 严重程度

- **错误**（error）：阻止发布，须修改后重新上传。
- **警告**（warning）：可以发布，但提示单位核实。
- **提示**（notice）：尾数误差，即容差以内的差额，不影响发布。

## 尾数误差容差

公开表的金额由元四舍五入为万元（保留两位小数），表样本身注明“本套报表金额单位转换时可能存在尾数误差”。
因此勾稽关系不按固定的 0.01 判断，而按区间规则（XBRL Calculations 1.1 的思路）：

- 每个四舍五入后的金额代表一个 ±0.005 的区间；
- 由 n 个填列的加数相加、与一个四舍五入后的合计比较时，差额 |Δ| ≤ (n + 1) × 0.005 即视为一致；
  填写的 0.00 也是四舍五入的结果（可能是几十元），计入 n；空白单元格表示没有发生额，是精确的零，不扩大区间；
- 同一个数出现在两处（n = 1）时，容差为 0.01；
- 差额不为零但在**非零加数**的区间以内：**提示**（尾数误差），报告表中数、应为数、差额和所用容差；
- 只有把写为 0.00 的加数也计入时才在区间以内：**警告**（差额超出非零项尾数误差，可能为录入错误——
  一列 0.00 不能掩盖录错的数）；
- 超出容差：按规则的严重程度报告（通常为**错误**）。

全部计算使用精确十进制（decimal.js），不使用浮点数。

## 单元格定位

每条勾稽关系（如“本年收入合计 = 第1至8行之和”）都涉及多个单元格。全部规则运行完之后，
对每一条超出容差的错误，按以下顺序选出最可能填错的单元格并在报告中指出：

1. 参与失败勾稽关系最多的单元格；
2. 其次，参与成立（完全相等）的勾稽关系最少的单元格；
3. 其次，有填数的单元格优先于空白单元格；
4. 若仍有多个组成单元格不分先后（例如基本支出明细表中某一类下的各款，只由一条关系约束），
   报告指向该关系的合计单元格，并说明无法仅凭勾稽关系确定是哪一个组成单元格有误；
   若合计单元格本身也在其中，则指向合计单元格。

因此只改错一个数时，报告会像审计人员交叉核对那样指向这个数。容差以内的提示和“警告”级别的关系
（如 T4-08）不做推断，指向关系本身的单元格。

## 九张表

${TABLE_IDS.map((id) => `- ${id}：${TABLE_NAMES[id]}（公开${id.slice(1).padStart(2, '0')}表）`).join('\n')}
`;

const SHARED = fileURLToPath(new URL('../shared/', import.meta.url));

/** Source files of shared/ (path relative to the repository) and their text, read once. */
const SOURCES: readonly { path: string; text: string }[] = (
  readdirSync(SHARED, { recursive: true, encoding: 'utf8' }) as string[]
)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.generated.ts'))
  .sort()
  .map((f) => ({ path: `shared/${f.replaceAll('\\', '/')}`, text: readFileSync(`${SHARED}${f}`, 'utf8') }));

/**
 * Where a rule is checked: the files of shared/ that report it (its ID as a string, other than in its own catalog
 * entry). Found in the source itself, so the list cannot go stale.
 */
export function checkedIn(id: string): string[] {
  const quoted = new RegExp(`(?<!id: )'${id.replace(/[-]/g, '\\-')}'`);
  return SOURCES.filter((f) => quoted.test(f.text)).map((f) => f.path);
}

/** The severities of a rule with their conditions, in Chinese. */
function severities(r: RuleDefinition): string {
  const also = (r.also ?? []).map((a) => `${SEVERITY_LABEL[a.severity]}：${a.when}`);
  return [SEVERITY_LABEL[r.severity], ...also].join('；');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The Markdown of docs/rules.md for a catalog. */
export function renderRulesDoc(rules: readonly RuleDefinition[] = RULES): string {
  const sections: string[] = [INTRO];
  for (const { family, heading } of FAMILIES) {
    const members = rules.filter((r) => r.family === family);
    if (members.length === 0) continue;
    const lines = [
      `## ${heading}`,
      '',
      '| 编号 | 类别 | 涉及表 | 严重程度 | 规则 | 检查位置 |',
      '|---|---|---|---|---|---|',
      ...members.map(
        (r) =>
          `| ${r.id} | ${family} | ${r.tables.length > 0 ? r.tables.join('、') : '—'} | ${cell(severities(r))} | ${cell(r.title)} | ${checkedIn(
            r.id,
          )
            .map((f) => `\`${f}\``)
            .join('<br>')} |`,
      ),
    ];
    sections.push(lines.join('\n'));
  }
  const unknown = rules.filter((r) => !FAMILIES.some((f) => f.family === r.family));
  if (unknown.length > 0) throw new Error(`rules with an undocumented family: ${unknown.map((r) => r.id).join(', ')}`);
  return `${sections.join('\n\n')}\n`;
}

/**
 * The TypeScript of shared/disclosure/rule-ids.generated.ts: the `RuleId` union and each rule's own and other
 * declared severities. It imports nothing, so shared/disclosure/finding.ts can type findings by the catalog while the
 * catalog itself (shared/rules/) stays above it.
 */
export function renderRuleIds(rules: readonly RuleDefinition[] = RULES): string {
  const entry = (r: RuleDefinition) => {
    const also = [...new Set((r.also ?? []).map((a) => a.severity))].filter((s) => s !== r.severity);
    return `  '${r.id}': { own: '${r.severity}', also: [${also.map((s) => `'${s}'`).join(', ')}] },`;
  };
  return `// Generated by \`npm run docs:rules\` (scripts/generate-rules-doc.ts) from shared/rules/catalog.ts — do not edit
// by hand. The condition of each severity is in the catalog and docs/rules.md.

/** The ID of a rule of the catalog. */
export type RuleId =
${rules.map((r) => `  | '${r.id}'`).join('\n')};

/** Each rule's own severity and the other severities it declares, each under a condition. */
export const RULE_SEVERITIES = {
${rules.map(entry).join('\n')}
} as const;
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(RULES_DOC_PATH, renderRulesDoc());
  writeFileSync(RULE_IDS_PATH, renderRuleIds());
  console.log(`docs/rules.md, shared/disclosure/rule-ids.generated.ts: ${RULES.length} rules`);
}
