import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';

/**
 * Unit accounts in the Cognito user pool (admin-created users; the unit code in `custom:unit_code`), for
 * `units add --email` and `units reset-password`. The SDK reads AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, so the
 * same calls reach the embedded stack's stand-in (infra/local/local-user-pool.ts).
 */
export interface AccountResult {
  email: string;
  /** Set when the caller chose the temporary password (locally: there is no e-mail delivery). */
  temporaryPassword: string | null;
}

export function cognitoClient(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({});
}

export async function accountExists(client: CognitoIdentityProviderClient, userPoolId: string, email: string) {
  try {
    await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
    return true;
  } catch (error) {
    if (error instanceof UserNotFoundException || (error as Error).name === 'UserNotFoundException') return false;
    throw error;
  }
}

/**
 * Creates the account of a unit's accountant, the unit code in `unit.attribute` (UNIT_CODE_CLAIM of
 * shared/upload-api/config.ts, passed in so storage depends on no use case). With `temporaryPassword` null Cognito generates one and e-mails the
 * invitation; either way the first sign-in must set a new password (NEW_PASSWORD_REQUIRED).
 */
export async function createUnitAccount(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
  unit: { code: string; attribute: string },
  temporaryPassword: string | null,
): Promise<AccountResult> {
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: email,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
        { Name: unit.attribute, Value: unit.code },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
      ...(temporaryPassword ? { TemporaryPassword: temporaryPassword, MessageAction: 'SUPPRESS' as const } : {}),
    }),
  );
  return { email, temporaryPassword };
}

/**
 * Gives an account a new temporary password (the old one stops working at once); the next sign-in must replace
 * it. `permanent` only for the local demo account.
 */
export async function setAccountPassword(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
  password: string,
  permanent = false,
): Promise<void> {
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: email,
      Password: password,
      Permanent: permanent,
    }),
  );
}
