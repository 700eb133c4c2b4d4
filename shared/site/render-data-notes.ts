import { type Finding, SEVERITY_LABEL, sortFindings } from '../disclosure/finding.ts';
import { type Disclosure, type DisclosureTable, TABLE_IDS, TABLE_NAMES, type TableRow } from '../disclosure/model.ts';
import { type Html, html } from './escape-html.ts';

/**
 * 数据说明: the warnings and notices of the accepted workbook, disclosed rather than hidden — rounding differences
 * (尾数误差) within tolerance, and figures the unit's own text quotes that differ from the tables. Requests to the
 * unit to fill something in (P- rules) concern the upload, not the reader, and are left out.
 *
 * The public reads the tables, not the workbook: each finding cites the table, its row and its 栏 as the page shows
 * them (“收入支出决算总表 第58行 栏2”, “支出决算表 212 城乡社区支出 栏2（基本支出）”), never a spreadsheet cell. The
 * unit's own report keeps sheet!cell.
 */
export function publicFindings(findings: readonly Finding[]): Finding[] {
  return sortFindings(findings).filter((f) => f.severity !== 'error' && !f.rule.startsWith('P-'));
}

interface Located {
  table: DisclosureTable;
  row: TableRow;
  /** 栏次 of the figure; null when the finding points at the row's code or name cell. */
  column: number | null;
}

/** The table figure (or code/name cell) a finding's sheet!cell was read from. */
export function locateFinding(d: Disclosure, f: Pick<Finding, 'table' | 'sheet' | 'cell'>): Located | null {
  if (f.sheet === null || f.cell === null) return null;
  const order = f.table ? [f.table, ...TABLE_IDS.filter((id) => id !== f.table)] : TABLE_IDS;
  for (const id of order) {
    const table = d.tables[id];
    if (!table) continue;
    for (const row of table.rows) {
      for (const [col, fig] of Object.entries(row.cells)) {
        if (fig.at?.sheet === f.sheet && fig.at.cell === f.cell) return { table, row, column: Number(col) };
      }
      if (table.sheet === f.sheet && (row.codeCell === f.cell || row.nameCell === f.cell)) {
        return { table, row, column: null };
      }
    }
  }
  return null;
}

/** Column labels that add nothing after 栏n: the one amount column of a side or of T6. */
const PLAIN_LABELS = new Set(['金额', '收入金额', '支出金额', '决算数', '收入决算数']);

/**
 * `收入支出决算总表 第58行 栏2`, `支出决算表 212 城乡社区支出 栏2（基本支出）`, `…基本支出决算明细表 301 工资福利支出`,
 * `财政拨款“三公”经费支出决算表 栏8（决算数因公出国（境）费）`.
 */
export function citeLocated({ table, row, column }: Located): string {
  const name = TABLE_NAMES[table.id];
  const parts: string[] = [name];
  if (row.line !== null && (table.id === 'T1' || table.id === 'T4')) {
    parts.push(`第${row.printedLine ?? row.line}行`);
  } else if (row.kind === 'single') {
    // T9 has one row: the 栏 says it all.
  } else if (row.code) {
    parts.push(`${row.code} ${row.name}`);
  } else {
    parts.push(row.name);
  }
  if (column !== null && !(table.id === 'T6' && column === 1)) {
    const label = table.columns.find((c) => c.number === column)?.label;
    parts.push(label && !PLAIN_LABELS.has(label) ? `栏${column}（${label}）` : `栏${column}`);
  }
  return parts.join(' ');
}

/** Where a finding is, for the public: the table citation, else the table or sheet name alone (never a cell). */
export function citeFinding(d: Disclosure, f: Finding): string {
  const located = locateFinding(d, f);
  if (located) return citeLocated(located);
  if (f.table) return TABLE_NAMES[f.table];
  return f.sheet ?? '';
}

/**
 * The message as the public reads it: “本单元格为 635.55” speaks of the workbook, the page of the figure; a cell a
 * message names (`F7`, `表名!F7`) that holds a table figure becomes its citation. Anything else is left as written.
 */
export function publicMessage(d: Disclosure, f: Finding): string {
  return f.message.replace(/本单元格/g, '本数').replace(
    // A sheet name has at most 31 characters (Excel's limit): bounding the prefix keeps the scan linear over a
    // message quoting a name of 12,000 characters (unbounded, it took 15 s).
    /(?:([^\s!：:，,“”]{1,31})!)?(?<![A-Za-z0-9-])([A-Z]{1,3}[1-9]\d{0,6})(?![A-Za-z0-9])/g,
    (whole, sheet, cell) => {
      const located = locateFinding(d, { table: f.table, sheet: sheet ?? f.sheet, cell });
      return located ? citeLocated(located) : whole;
    },
  );
}

export function renderDataNotes(findings: readonly Finding[], disclosure: Disclosure): Html {
  const shown = publicFindings(findings);
  const rounding = shown.filter((f) => f.severity === 'notice').length;
  const intro =
    shown.length === 0
      ? html`<p>本页数据由单位上传的决算公开表生成，经自动校验，未发现需要说明的问题。</p>`
      : html`<p>本页数据由单位上传的决算公开表生成并经自动校验。表中金额由元换算为万元时四舍五入，可能产生尾数误差。校验发现${[
          rounding > 0 ? `尾数误差${rounding}处（均在容差以内）` : '',
          shown.length > rounding ? `其他需要说明的情况${shown.length - rounding}处` : '',
        ]
          .filter((x) => x !== '')
          .join('，')}，列示如下。</p>`;
  const list =
    shown.length === 0
      ? html``
      : html`<ol class="findings">${shown.map(
          (f) =>
            html`<li class="finding ${f.severity}"><span class="badge">${SEVERITY_LABEL[f.severity]}</span> <span class="rule">${f.rule}</span> <span class="where">${citeFinding(disclosure, f)}</span><p>${publicMessage(disclosure, f)}</p></li>`,
        )}</ol>`;
  return html`${intro}${list}`;
}
