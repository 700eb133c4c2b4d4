#!/usr/bin/env node
/**
 * gongkai command line: `npm run cli -- <command>` or the `gongkai` bin.
 *
 *   validate <file.xlsx> [--json] [--unit NAME] [--year YYYY] [--html REPORT.html]
 *   template [--year YYYY] [--unit NAME] --out FILE.xlsx
 *   units add|list|remove|policy …      (registry in DynamoDB; see README)
 *   upload <file.xlsx> --unit CODE --year YYYY [--json]
 *
 * Exit codes of validate/upload: 0 accepted/published, 1 rejected, 2 the file could not be read or uploaded.
 */
// The SDK warns on Node 20 that releases after January 2027 need Node 22; the lockfile pins a release that runs
// here (STACK.md), so the warning would only confuse users of the CLI.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// A reader that stops early (`gongkai validate … | head`) closes the pipe: that ends the output, not the program
// with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

import { runTemplate } from './commands/template.ts';
import { runValidate } from './commands/validate.ts';

const USAGE = `用法 / usage:
  gongkai validate <file.xlsx> [--json] [--unit 单位名称] [--year 年度] [--html 报告.html]
  gongkai template [--year 年度] [--unit 单位名称] --out 文件.xlsx
  gongkai units add --code CODE --name 名称 [--department 主管部门] [--alias 别名 …]
  gongkai units list [--json]
  gongkai units remove --code CODE
  gongkai units policy --code CODE --bucket UPLOAD_BUCKET
  gongkai upload <file.xlsx> --unit CODE --year 年度 [--json]
  gongkai submissions --unit CODE --year 年度 [--json]
  gongkai status --year 年度 [--department 主管部门] [--json|--csv]
  gongkai approvals set --unit CODE --year 年度 --date YYYY-MM-DD
  gongkai import <file.xlsx> --unit CODE --year 年度 --published-at YYYY-MM-DD --source 原公开地址
  gongkai withdraw --unit CODE --year 年度 --reason 撤回原因
  gongkai restore --unit CODE --year 年度
  gongkai revalidate --year 年度 [--unit CODE] [--apply] [--json]
`;

export type Command = (args: string[]) => Promise<number>;

async function loadCommand(name: string | undefined): Promise<Command | null> {
  switch (name) {
    case 'validate':
      return runValidate;
    case 'template':
      return runTemplate;
    case 'units':
      return (await import('./commands/units.ts')).runUnits;
    case 'upload':
      return (await import('./commands/upload.ts')).runUpload;
    case 'submissions':
      return (await import('./commands/submissions.ts')).runSubmissions;
    case 'status':
      return (await import('./commands/status.ts')).runStatus;
    case 'approvals':
      return (await import('./commands/approvals.ts')).runApprovals;
    case 'import':
      return (await import('./commands/import.ts')).runImport;
    case 'withdraw':
      return (await import('./commands/withdraw.ts')).runWithdraw;
    case 'restore':
      return (await import('./commands/withdraw.ts')).runRestore;
    case 'revalidate':
      return (await import('./commands/revalidate.ts')).runRevalidate;
    default:
      return null;
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = await loadCommand(name);
  if (command === null) {
    process.stderr.write(`未知命令“${name}”。\n${USAGE}`);
    return 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A mistyped option is a usage error (exit 2), not an internal one.
    if ((error as NodeJS.ErrnoException)?.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`参数错误：${(error as Error).message}\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    // Last resort: a bug, not bad input (bad input is always a report). One line, no stack for users.
    process.stderr.write(`内部错误：${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.GONGKAI_DEBUG) console.error(error);
    process.exitCode = 3;
  },
);
