import { userInfo } from 'node:os';

/**
 * Who performs an admin action, recorded with it. Deployed: the AWS principal (STS GetCallerIdentity's ARN) when
 * `@aws-sdk/client-sts` is installed; otherwise what the environment names (an explicit GONGKAI_ADMIN_PRINCIPAL, the
 * role ARN of web-identity credentials, the configured profile) with the OS user. Locally: `local:{OS user}`.
 */
export async function whoAmI(target: { local: boolean }, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.GONGKAI_ADMIN_PRINCIPAL) return env.GONGKAI_ADMIN_PRINCIPAL;
  const user = osUser();
  if (target.local) return `local:${user}`;
  const arn = await callerArn();
  if (arn) return arn;
  if (env.AWS_ROLE_ARN) return `${env.AWS_ROLE_ARN} (os:${user})`;
  if (env.AWS_PROFILE) return `profile:${env.AWS_PROFILE} (os:${user})`;
  return `aws-default-credentials (os:${user})`;
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** The caller's ARN through STS, if the optional client is installed; null otherwise or on any failure. */
async function callerArn(): Promise<string | null> {
  const name = '@aws-sdk/client-sts';
  try {
    const sts = (await import(name)) as {
      STSClient: new (config: object) => { send(command: unknown): Promise<{ Arn?: string }> };
      GetCallerIdentityCommand: new (input: object) => unknown;
    };
    const r = await new sts.STSClient({}).send(new sts.GetCallerIdentityCommand({}));
    return r.Arn ?? null;
  } catch {
    return null;
  }
}
