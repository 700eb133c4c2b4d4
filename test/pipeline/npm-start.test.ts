import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The quick start as a user runs it: `npm start` in one shell (here: the same script, free ports, a temp data
 * folder), `npm run cli -- upload …` in another, then Ctrl-C — and state survives a restart.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-start-'));
const env = {
  ...process.env,
  GONGKAI_DATA_DIR: dataDir,
  GONGKAI_S3_PORT: '0',
  GONGKAI_DYNAMODB_PORT: '0',
  GONGKAI_SITE_PORT: '0',
  GONGKAI_AUTH_PORT: '0',
};
let running: ChildProcess | null = null;

afterAll(() => {
  running?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function startStack(): Promise<{ child: ChildProcess; banner: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'infra/local/start.ts'], { env });
    running = child;
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no banner after 30 s:\n${out}`)), 30_000);
    child.stdout?.on('data', (d) => {
      out += d;
      if (out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, banner: out });
      }
    });
    child.stderr?.on('data', (d) => {
      out += d;
    });
  });
}

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'cli/main.ts', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('npm start', () => {
  it('prints where to look, publishes an upload, stops cleanly on Ctrl-C and keeps its state', async () => {
    const first = await startStack();
    const siteUrl = /公开网站[^\n]*?(http:\/\/127\.0\.0\.1:\d+)/.exec(first.banner)?.[1];
    expect(siteUrl).toBeDefined();
    expect(first.banner).toContain('npm run cli -- upload');
    const upload = await run([
      'upload',
      'test/fixtures/seed-2023-wuhan-info-center.xlsx',
      '--unit',
      '101017',
      '--year',
      '2023',
      '--json',
    ]);
    expect(upload.status).toBe(0);
    const url = JSON.parse(upload.stdout).url as string;
    expect(url).toBe(`${siteUrl}/2023/101017/`);
    expect(await (await fetch(url)).text()).toContain('武汉市财政局信息中心');
    expect(await stop(first.child)).toBe(0);

    const second = await startStack();
    const again = /公开网站[^\n]*?(http:\/\/127\.0\.0\.1:\d+)/.exec(second.banner)?.[1];
    const page = await fetch(`${again}/2023/101017/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('635.55');
    expect(await stop(second.child)).toBe(0);
    running = null;
  }, 120_000);

  it('serves the upload page, prints the demo sign-in, and manages unit accounts with units add --email / reset-password', async () => {
    const { child, banner } = await startStack();
    const pageUrl = /单位上传页面[^\n]*?(http:\/\/127\.0\.0\.1:\d+\/upload\/)/.exec(banner)?.[1];
    const email = /登录邮箱[^\n]*?(\S+@\S+)/.exec(banner)?.[1];
    const password = /密码 \(password[^\n]*?:\s+(\S+)/.exec(banner)?.[1];
    const pool = /本地用户池[^\n]*?(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    expect(pageUrl && email && password && pool).toBeTruthy();
    const page = await fetch(pageUrl as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('上传决算公开表');
    const signIn = async (user: string, pass: string) =>
      (await (
        await fetch(pool as string, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-amz-json-1.1',
            'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
          },
          body: JSON.stringify({
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId: 'gongkai-upload-local',
            AuthParameters: { USERNAME: user, PASSWORD: pass },
          }),
        })
      ).json()) as { AuthenticationResult?: { IdToken: string }; ChallengeName?: string };
    expect((await signIn(email as string, password as string)).AuthenticationResult?.IdToken).toBeTruthy();

    const added = await run([
      'units',
      'add',
      '--code',
      'A001',
      '--name',
      '某某市教育局',
      '--department-code',
      '420100-JY',
      '--email',
      'a001@example.gov.cn',
    ]);
    expect(added.status, added.stderr).toBe(0);
    const temporary = /临时密码：(\S+?)（/.exec(added.stdout)?.[1];
    expect(temporary).toBeTruthy();
    expect((await signIn('a001@example.gov.cn', temporary as string)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const reset = await run(['units', 'reset-password', '--email', 'a001@example.gov.cn']);
    expect(reset.status, reset.stderr).toBe(0);
    const next = /临时密码：(\S+)/.exec(reset.stdout)?.[1];
    expect(next).toBeTruthy();
    expect((await signIn('a001@example.gov.cn', temporary as string)).ChallengeName).toBeUndefined();
    expect((await signIn('a001@example.gov.cn', next as string)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(await stop(child)).toBe(0);
    running = null;
  }, 120_000);
});
