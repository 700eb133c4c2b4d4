import { randomBytes } from 'node:crypto';
import { UsernameExistsException } from '@aws-sdk/client-cognito-identity-provider';
import {
  accountExists,
  cognitoClient,
  createUnitAccount,
  setAccountPassword,
} from '../../shared/storage/unit-accounts.ts';
import { UNIT_CODE_CLAIM } from '../../shared/upload-api/config.ts';
import { randomPassword } from '../../shared/upload-api/password-policy.ts';
import { TargetError } from '../stack-target.ts';
import { resolveUserPool } from '../user-pool-target.ts';

/**
 * The account half of `units add --email` and `units reset-password` (cli/commands/units.ts). Deployed, Cognito
 * e-mails the invitation with a temporary password; on the local stand-in nothing is sent, so the temporary password
 * is printed. Either way the first sign-in must set a new password.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function addUnitAccount(
  code: string,
  email: string,
  options: { userPool?: string | undefined; deployed: boolean },
): Promise<number> {
  if (!EMAIL.test(email)) return fail(`电子邮箱“${email}”无效。`);
  try {
    const pool = resolveUserPool(options.userPool, options.deployed);
    const temporary = pool.local ? randomPassword((n) => randomBytes(n)) : null;
    await createUnitAccount(
      cognitoClient(),
      pool.userPoolId,
      email.toLowerCase(),
      { code, attribute: UNIT_CODE_CLAIM },
      temporary,
    );
    process.stdout.write(
      temporary
        ? `已为单位 ${code} 开设账号 ${email}；临时密码：${temporary}（首次登录须修改）\n`
        : `已为单位 ${code} 开设账号 ${email}；临时密码已通过电子邮件发送（首次登录须修改）\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof TargetError) return fail(error.message);
    if (error instanceof UsernameExistsException || (error as Error).name === 'UsernameExistsException') {
      return fail(`账号 ${email} 已存在；如需重设密码请用 units reset-password --email ${email}`);
    }
    throw error;
  }
}

export async function resetUnitPassword(
  email: string | undefined,
  options: { userPool?: string | undefined; deployed: boolean },
): Promise<number> {
  if (!email || !EMAIL.test(email)) return fail('用法：units reset-password --email 邮箱 [--user-pool 用户池ID]');
  try {
    const pool = resolveUserPool(options.userPool, options.deployed);
    const client = cognitoClient();
    if (!(await accountExists(client, pool.userPoolId, email.toLowerCase()))) return fail(`没有账号 ${email}`);
    const temporary = randomPassword((n) => randomBytes(n));
    await setAccountPassword(client, pool.userPoolId, email.toLowerCase(), temporary, false);
    // Cognito sends no message for an admin-set password: the admin hands it over on a trusted channel.
    process.stdout.write(
      `已重设 ${email} 的密码；临时密码：${temporary}\n请通过可信渠道告知该单位；旧密码已失效，下次登录须设置新密码。\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof TargetError) return fail(error.message);
    throw error;
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}
