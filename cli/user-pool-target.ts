import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TargetError } from './stack-target.ts';

/**
 * Where `units add --email` and `units reset-password` manage accounts: the deployed user pool named by
 * `--user-pool` / `GONGKAI_USER_POOL_ID` (stack output `UserPoolId`; credentials from the usual AWS chain), or the
 * running `npm start` stack's local stand-in, found through the `user-pool/pool.json` it writes.
 */
export interface UserPoolTarget {
  userPoolId: string;
  /** True for the local stand-in: no e-mail is sent, so temporary passwords are printed. */
  local: boolean;
}

const defaultDataDir = () => process.env.GONGKAI_DATA_DIR ?? fileURLToPath(new URL('../.data', import.meta.url));

export function resolveUserPool(option: string | undefined, deployed: boolean): UserPoolTarget {
  const id = option ?? process.env.GONGKAI_USER_POOL_ID;
  if (id) return { userPoolId: id, local: false };
  if (deployed) throw new TargetError('请用 --user-pool 或 GONGKAI_USER_POOL_ID 指定用户池（部署输出 UserPoolId）。');
  const file = `${defaultDataDir()}/user-pool/pool.json`;
  if (!existsSync(file)) {
    throw new TargetError('没有找到本地用户池：请先在另一个终端运行 npm start，或用 --user-pool 指定已部署的用户池。');
  }
  const pool = JSON.parse(readFileSync(file, 'utf8')) as { endpoint: string; userPoolId: string };
  // The SDK sends Cognito calls here, as it sends S3 calls to the local S3;
  // the stand-in takes admin calls signed with the local stack's credentials, as the local S3 does.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: pool.endpoint,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
  });
  return { userPoolId: pool.userPoolId, local: true };
}
