/**
 * `npm start`: the whole system on this machine, no AWS account. Ctrl-C stops it; state persists in .data/.
 */
import { fileURLToPath } from 'node:url';

// The lockfile pins an SDK release that runs on Node 20 (STACK.md); its Node-22 notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { textLogger } from '../../shared/log.ts';
import { DynamoUnitRegistry } from '../../shared/storage/dynamo-store.ts';
import { startEmbeddedStack } from './embedded-stack.ts';
import { ensureDemoAccount, startUploadLocal } from './upload-local.ts';

/** The seed's unit, registered so the quick start works with the reference workbook. */
export const DEMO_UNIT = {
  code: '101017',
  name: '武汉市财政局信息中心',
  department: '武汉市财政局',
  departmentCode: '420100-001',
  aliases: [] as string[],
};

const root = fileURLToPath(new URL('../../', import.meta.url));
const port = (name: string, fallback: number) => {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : Number(v);
};

const events: string[] = [];
let stack: Awaited<ReturnType<typeof startEmbeddedStack>>;
try {
  stack = await startEmbeddedStack({
    dataDir: process.env.GONGKAI_DATA_DIR ?? `${root}.data`,
    s3Port: port('GONGKAI_S3_PORT', 4568),
    dynamoPort: port('GONGKAI_DYNAMODB_PORT', 4567),
    sitePort: port('GONGKAI_SITE_PORT', 8080),
    log: textLogger((line) => {
      events.push(line);
      process.stdout.write(`${line}\n`);
    }),
  });
} catch (error) {
  // A port already taken is the common case: say which and how to pick another, without a stack trace.
  const e = error as NodeJS.ErrnoException & { port?: number };
  if (e.code === 'EADDRINUSE') {
    process.stderr.write(
      `端口已被占用（${e.message}）。请关闭占用该端口的程序，或换用其他端口，例如：\n  GONGKAI_SITE_PORT=8081 GONGKAI_S3_PORT=4570 GONGKAI_DYNAMODB_PORT=4569 npm start\n`,
    );
    process.exit(1);
  }
  throw error;
}

const registry = new DynamoUnitRegistry(stack.tableName);
if ((await registry.get(DEMO_UNIT.code)) === null) await registry.put(DEMO_UNIT);
// The unit upload page and its API (issue 15), with the local user pool and the demo unit's account.
const upload = await startUploadLocal(stack, {
  dataDir: process.env.GONGKAI_DATA_DIR ?? `${root}.data`,
  authPort: port('GONGKAI_AUTH_PORT', 4571),
});
const demo = await ensureDemoAccount(upload, DEMO_UNIT);

process.stdout.write(`
gongkai 本地运行环境已启动 / embedded local stack is running

  公开网站 (site, local CloudFront):  ${stack.siteUrl}/
  S3 API (s3rver):                    ${stack.s3Endpoint}   buckets: ${stack.uploadBucket}, ${stack.siteBucket}
  DynamoDB API (dynalite):            ${stack.dynamoEndpoint}   table: ${stack.tableName}
  数据目录 (state, survives restarts): ${process.env.GONGKAI_DATA_DIR ?? '.data/'}

  示例单位已登记 (demo unit): ${DEMO_UNIT.code} ${DEMO_UNIT.name}

  单位上传页面 (unit upload page):    ${upload.pageUrl}
    登录邮箱 (sign-in e-mail):         ${demo.email}
    密码 (password, new every start):  ${demo.password}
  本地用户池 (local user pool):       ${upload.pool.endpoint}   (stand-in for Cognito)

  在另一个终端上传工作簿 (in another shell, upload a workbook):
    npm run cli -- upload test/fixtures/seed-2023-full.xlsx --unit ${DEMO_UNIT.code} --year 2023
  (the seed's nine tables plus its 概况/补充信息/重点工作/绩效自评 sheets; the nine tables alone:
   test/fixtures/seed-2023-wuhan-info-center.xlsx, or ../shared/fixtures/seed-2023-wuhan-info-center.xlsx)

  然后打开 (then open): ${stack.siteUrl}/2023/${DEMO_UNIT.code}/
  按 Ctrl-C 停止 (Ctrl-C to stop).
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\n正在停止… stopping (waiting for events in flight)\n');
  await upload.close();
  await stack.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
