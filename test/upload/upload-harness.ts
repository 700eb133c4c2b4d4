import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack.ts';
import {
  type DemoAccount,
  ensureDemoAccount,
  startUploadLocal,
  type UploadLocal,
} from '../../infra/local/upload-local.ts';
import { DynamoUnitRegistry } from '../../shared/storage/dynamo-store.ts';
import { createUnitAccount } from '../../shared/storage/unit-accounts.ts';
import { UNIT_CODE_CLAIM } from '../../shared/upload-api/config.ts';

/**
 * The embedded stack with the upload page, its API and the local user pool, as `npm start` runs them; the seed's
 * unit registered with a demo account, and a second unit with its own account.
 */
export const DEMO_UNIT = { code: '101017', name: '武汉市财政局信息中心', department: '武汉市财政局', aliases: [] };
export const OTHER_UNIT = { code: 'OTHER1', name: '某某市教育局', department: '某某市财政局', aliases: [] };

export interface UploadHarness {
  dataDir: string;
  stack: EmbeddedStack;
  upload: UploadLocal;
  demo: DemoAccount;
  other: DemoAccount;
  close(): Promise<void>;
}

export async function startUploadHarness(): Promise<UploadHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-upload-'));
  const stack = await startEmbeddedStack({ dataDir });
  const upload = await startUploadLocal(stack, { dataDir });
  const registry = new DynamoUnitRegistry(stack.tableName);
  await registry.put(DEMO_UNIT);
  await registry.put(OTHER_UNIT);
  const demo = await ensureDemoAccount(upload, DEMO_UNIT);
  // The other unit's account as an admin creates it (`units add --email`), then its first sign-in sets a password.
  const client = new CognitoIdentityProviderClient({ endpoint: upload.pool.endpoint });
  const otherEmail = 'finance@other1.example.gov.cn';
  await createUnitAccount(
    client,
    upload.pool.userPoolId,
    otherEmail,
    { code: OTHER_UNIT.code, attribute: UNIT_CODE_CLAIM },
    'Temp#Passw0rd-1',
  );
  const first = await signIn(upload, otherEmail, 'Temp#Passw0rd-1');
  if (first.ChallengeName !== 'NEW_PASSWORD_REQUIRED') throw new Error('expected NEW_PASSWORD_REQUIRED');
  await cognito(upload, 'RespondToAuthChallenge', {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    ClientId: upload.pool.clientId,
    Session: first.Session,
    ChallengeResponses: { USERNAME: otherEmail, NEW_PASSWORD: 'Other#Passw0rd-2' },
  });
  return {
    dataDir,
    stack,
    upload,
    demo,
    other: { email: otherEmail, password: 'Other#Passw0rd-2' },
    close: async () => {
      await upload.close();
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function cognito(upload: UploadLocal, action: string, body: unknown) {
  const response = await fetch(upload.pool.endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown> & {
    ChallengeName?: string;
    Session?: string;
    AuthenticationResult?: { IdToken: string; AccessToken: string };
    __type?: string;
  };
}

export function signIn(upload: UploadLocal, email: string, password: string) {
  return cognito(upload, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: upload.pool.clientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });
}

export async function idToken(upload: UploadLocal, account: DemoAccount): Promise<string> {
  const result = await signIn(upload, account.email, account.password);
  const token = result.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`sign-in failed: ${JSON.stringify(result)}`);
  return token;
}
