import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { UNIT_CODE_CLAIM } from '../../shared/upload-api/config.ts';
import { meetsPasswordPolicy, PASSWORD_POLICY } from '../../shared/upload-api/password-policy.ts';

/**
 * A local stand-in for the Cognito user pool of the unit accounts: an OIDC-style issuer on 127.0.0.1 that speaks
 * the part of the Cognito user pool API the system uses, over the same JSON protocol (`X-Amz-Target:
 * AWSCognitoIdentityProviderService.*`), so the upload page and the CLI (the real SDK client, pointed here by
 * AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER) run unchanged:
 *
 * - InitiateAuth (USER_PASSWORD_AUTH) and RespondToAuthChallenge (NEW_PASSWORD_REQUIRED): the page's sign-in;
 * - AdminCreateUser, AdminSetUserPassword, AdminGetUser, AdminDeleteUser: `units add --email`, `units
 *   reset-password` — only with the local stack's credentials in a SigV4 Authorization header (a page cannot).
 *
 * Tokens are RS256 JWTs shaped like Cognito's ID tokens (`token_use: id`, `aud` = the app client,
 * `custom:unit_code`), signed with a key pair generated at start-up; the public key is served as a JWKS at
 * `{issuer}/.well-known/jwks.json`, where the API's verifier fetches it exactly as it fetches Cognito's. Accounts
 * persist in `{dataDir}/user-pool/users.json` (scrypt password hashes); tokens do not survive a restart.
 * Not implemented: SRP, refresh tokens, MFA enrolment, e-mail delivery (the CLI prints temporary passwords locally).
 */
export const LOCAL_POOL_ID = 'local_gongkai';
export const LOCAL_CLIENT_ID = 'gongkai-upload-local';
export const ID_TOKEN_SECONDS = 3600;

interface StoredUser {
  username: string;
  sub: string;
  attributes: Record<string, string>;
  status: 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED';
  salt: string;
  hash: string;
  /** Temporary passwords expire (PASSWORD_POLICY.temporaryPasswordDays). */
  temporaryUntil: string | null;
  created: string;
}

export interface LocalUserPool {
  /** `http://127.0.0.1:{port}` — the endpoint the SDK and the page call. */
  endpoint: string;
  /** `{endpoint}/{poolId}`: the `iss` of the tokens. */
  issuer: string;
  jwksUri: string;
  userPoolId: string;
  clientId: string;
  /** Signs an ID token for an existing account as a sign-in would (tests; also `ttlSeconds` < 0 for expired). */
  issueIdToken(username: string, ttlSeconds?: number): Promise<string>;
  close(): Promise<void>;
}

class PoolError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function hashPassword(password: string, salt = randomBytes(16).toString('hex')) {
  return { salt, hash: scryptSync(password, salt, 32).toString('hex') };
}

function passwordMatches(user: StoredUser, password: string): boolean {
  const { hash } = hashPassword(password, user.salt);
  return timingSafeEqual(Buffer.from(hash, 'hex'), Buffer.from(user.hash, 'hex'));
}

function normalizeUsername(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new PoolError('InvalidParameterException', 'Username is required');
  return value.trim().toLowerCase();
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new PoolError('InvalidParameterException', 'Request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startLocalUserPool(options: {
  dataDir: string;
  port?: number;
  /** The access key id the admin operations must be signed with (the local stack's). */
  adminAccessKeyId?: string;
}): Promise<LocalUserPool> {
  const dir = join(options.dataDir, 'user-pool');
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'users.json');
  let users: Record<string, StoredUser> = {};
  try {
    users = JSON.parse(await readFile(file, 'utf8')) as Record<string, StoredUser>;
  } catch {
    users = {};
  }
  const save = async () => {
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(users, null, 2));
    await rename(tmp, file);
  };

  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  /** Challenge sessions (NEW_PASSWORD_REQUIRED), valid 3 minutes as Cognito's. */
  const sessions = new Map<string, { username: string; expires: number }>();

  const server: Server = createServer();
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const issuer = `${endpoint}/${LOCAL_POOL_ID}`;
  const adminKey = options.adminAccessKeyId ?? 'S3RVER';

  const idToken = async (user: StoredUser, ttlSeconds = ID_TOKEN_SECONDS) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      email: user.attributes.email,
      email_verified: true,
      'cognito:username': user.username,
      [UNIT_CODE_CLAIM]: user.attributes[UNIT_CODE_CLAIM],
      token_use: 'id',
      auth_time: now,
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(LOCAL_CLIENT_ID)
      .setSubject(user.sub)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .setJti(randomUUID())
      .sign(privateKey);
  };
  const authenticated = async (user: StoredUser) => ({
    AuthenticationResult: {
      IdToken: await idToken(user),
      // The page uses the ID token only; an access token of the same key marks itself `token_use: access`.
      AccessToken: await new SignJWT({ token_use: 'access', client_id: LOCAL_CLIENT_ID, username: user.username })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setSubject(user.sub)
        .setIssuedAt()
        .setExpirationTime(`${ID_TOKEN_SECONDS}s`)
        .sign(privateKey),
      ExpiresIn: ID_TOKEN_SECONDS,
      TokenType: 'Bearer',
    },
  });
  const userOf = (username: unknown): StoredUser => {
    const user = users[normalizeUsername(username)];
    if (!user) throw new PoolError('UserNotFoundException', 'User does not exist.');
    return user;
  };
  const attributesOf = (list: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const a of Array.isArray(list) ? list : []) {
      const { Name, Value } = a as { Name?: unknown; Value?: unknown };
      if (typeof Name === 'string' && typeof Value === 'string') out[Name] = Value;
    }
    return out;
  };
  const userView = (u: StoredUser) => ({
    Username: u.username,
    UserStatus: u.status,
    Enabled: true,
    UserCreateDate: Date.parse(u.created) / 1000,
    UserAttributes: [
      { Name: 'sub', Value: u.sub },
      ...Object.entries(u.attributes).map(([Name, Value]) => ({ Name, Value })),
    ],
  });

  const operations: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    async InitiateAuth(body) {
      if (body.ClientId !== LOCAL_CLIENT_ID)
        throw new PoolError('ResourceNotFoundException', 'User pool client does not exist.');
      if (body.AuthFlow !== 'USER_PASSWORD_AUTH')
        throw new PoolError('InvalidParameterException', 'Unsupported auth flow');
      const params = (body.AuthParameters ?? {}) as Record<string, unknown>;
      const user = users[normalizeUsername(params.USERNAME)];
      // Unknown user and wrong password answer alike (Cognito's “prevent user existence errors”).
      if (!user || typeof params.PASSWORD !== 'string' || !passwordMatches(user, params.PASSWORD)) {
        throw new PoolError('NotAuthorizedException', 'Incorrect username or password.');
      }
      if (user.status === 'FORCE_CHANGE_PASSWORD') {
        if (user.temporaryUntil && Date.parse(user.temporaryUntil) < Date.now()) {
          throw new PoolError(
            'NotAuthorizedException',
            'Temporary password has expired and must be reset by an administrator.',
          );
        }
        const session = randomBytes(32).toString('base64url');
        sessions.set(session, { username: user.username, expires: Date.now() + 180_000 });
        return {
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: session,
          ChallengeParameters: { USER_ID_FOR_SRP: user.username, requiredAttributes: '[]', userAttributes: '{}' },
        };
      }
      return authenticated(user);
    },
    async RespondToAuthChallenge(body) {
      if (body.ClientId !== LOCAL_CLIENT_ID)
        throw new PoolError('ResourceNotFoundException', 'User pool client does not exist.');
      if (body.ChallengeName !== 'NEW_PASSWORD_REQUIRED')
        throw new PoolError('InvalidParameterException', 'Unsupported challenge');
      const session = sessions.get(String(body.Session ?? ''));
      const responses = (body.ChallengeResponses ?? {}) as Record<string, unknown>;
      if (!session || session.expires < Date.now() || session.username !== normalizeUsername(responses.USERNAME)) {
        throw new PoolError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
      }
      const password = responses.NEW_PASSWORD;
      if (typeof password !== 'string' || !meetsPasswordPolicy(password)) {
        throw new PoolError('InvalidPasswordException', 'Password does not conform to policy.');
      }
      sessions.delete(String(body.Session));
      const user = userOf(session.username);
      Object.assign(user, hashPassword(password), { status: 'CONFIRMED', temporaryUntil: null });
      await save();
      return authenticated(user);
    },
    async AdminCreateUser(body) {
      const username = normalizeUsername(body.Username);
      if (users[username]) throw new PoolError('UsernameExistsException', 'User account already exists.');
      const temporary = body.TemporaryPassword;
      if (typeof temporary !== 'string' || !meetsPasswordPolicy(temporary)) {
        throw new PoolError('InvalidPasswordException', 'Password does not conform to policy.');
      }
      const user: StoredUser = {
        username,
        sub: randomUUID(),
        attributes: attributesOf(body.UserAttributes),
        status: 'FORCE_CHANGE_PASSWORD',
        ...hashPassword(temporary),
        temporaryUntil: new Date(Date.now() + PASSWORD_POLICY.temporaryPasswordDays * 86_400_000).toISOString(),
        created: new Date().toISOString(),
      };
      users[username] = user;
      await save();
      return { User: userView(user) };
    },
    async AdminSetUserPassword(body) {
      const user = userOf(body.Username);
      if (typeof body.Password !== 'string' || !meetsPasswordPolicy(body.Password)) {
        throw new PoolError('InvalidPasswordException', 'Password does not conform to policy.');
      }
      const permanent = body.Permanent === true;
      Object.assign(user, hashPassword(body.Password), {
        status: permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD',
        temporaryUntil: permanent
          ? null
          : new Date(Date.now() + PASSWORD_POLICY.temporaryPasswordDays * 86_400_000).toISOString(),
      });
      await save();
      return {};
    },
    async AdminGetUser(body) {
      return userView(userOf(body.Username));
    },
    async AdminDeleteUser(body) {
      const user = userOf(body.Username);
      delete users[user.username];
      await save();
      return {};
    },
  };

  const answer = (res: ServerResponse, status: number, value: unknown, origin?: string) => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/x-amz-json-1.1');
    if (origin) res.setHeader('Access-Control-Allow-Origin', origin);
    res.end(JSON.stringify(value));
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
      const path = new URL(req.url ?? '/', endpoint).pathname;
      if (req.method === 'GET' && path === `/${LOCAL_POOL_ID}/.well-known/jwks.json`) {
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Cache-Control', 'max-age=3600');
        res.end(JSON.stringify({ keys: [jwk] }));
        return;
      }
      if (req.method === 'GET' && path === `/${LOCAL_POOL_ID}/.well-known/openid-configuration`) {
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({
            issuer,
            jwks_uri: `${issuer}/.well-known/jwks.json`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
        return;
      }
      if (req.method === 'OPTIONS') {
        // Cognito's user pool API answers CORS preflights from any origin; so does the stand-in.
        res.statusCode = 204;
        if (origin) res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Allow-Methods', 'POST');
        res.setHeader('Access-Control-Allow-Headers', 'content-type, x-amz-target, x-amz-user-agent');
        res.setHeader('Access-Control-Max-Age', '600');
        res.end();
        return;
      }
      if (req.method !== 'POST' || path !== '/') {
        answer(res, 404, { __type: 'ResourceNotFoundException', message: 'Not found' }, origin);
        return;
      }
      const target = String(req.headers['x-amz-target'] ?? '');
      const name = target.replace(/^AWSCognitoIdentityProviderService\./, '');
      const op = operations[name];
      try {
        if (!target.startsWith('AWSCognitoIdentityProviderService.') || !op) {
          throw new PoolError('InvalidActionException', `Unsupported action ${target}`);
        }
        if (name.startsWith('Admin')) {
          // Admin operations need the local stack's credentials, as Cognito needs IAM credentials.
          const auth = String(req.headers.authorization ?? '');
          if (!auth.startsWith('AWS4-HMAC-SHA256') || !auth.includes(`Credential=${adminKey}/`)) {
            throw new PoolError('AccessDeniedException', 'Admin operations need signed credentials.');
          }
        }
        const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
        if (name.startsWith('Admin') && body.UserPoolId !== LOCAL_POOL_ID) {
          throw new PoolError('ResourceNotFoundException', 'User pool does not exist.');
        }
        answer(res, 200, await op(body), origin);
      } catch (error) {
        const type = error instanceof PoolError ? error.type : 'InvalidParameterException';
        answer(res, 400, { __type: type, message: (error as Error).message }, origin);
      }
    })();
  });

  // The CLI (`units add --email`, `units reset-password`) finds the running stand-in through this file.
  await writeFile(
    join(dir, 'pool.json'),
    JSON.stringify({ endpoint, userPoolId: LOCAL_POOL_ID, clientId: LOCAL_CLIENT_ID, pid: process.pid }, null, 2),
  );

  return {
    endpoint,
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    userPoolId: LOCAL_POOL_ID,
    clientId: LOCAL_CLIENT_ID,
    issueIdToken: async (username, ttlSeconds) => idToken(userOf(username), ttlSeconds),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
