import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PASSWORD_POLICY } from '../../shared/upload-api/password-policy.ts';
import { acknowledge } from '../nag.ts';

/**
 * The unit accountants' accounts for the upload page: a Cognito user pool where only administrators create users
 * (`units add --email`), the unit code as the custom attribute `unit_code` (the token claim `custom:unit_code` the
 * API trusts), the password policy shared with the local stand-in, optional TOTP MFA, and one public app client for
 * the page. The pool holds accounts: retained on deletion, with deletion protection.
 */
export class UnitUserPool extends Construct {
  readonly pool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: { stage: string }) {
    super(scope, id);
    this.pool = new cognito.UserPool(this, 'Pool', {
      userPoolName: `gongkai-${props.stage}-units`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        unit_code: new cognito.StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
      },
      passwordPolicy: {
        minLength: PASSWORD_POLICY.minLength,
        requireLowercase: PASSWORD_POLICY.requireLowercase,
        requireUppercase: PASSWORD_POLICY.requireUppercase,
        requireDigits: PASSWORD_POLICY.requireDigits,
        requireSymbols: PASSWORD_POLICY.requireSymbols,
        tempPasswordValidity: Duration.days(PASSWORD_POLICY.temporaryPasswordDays),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.NONE,
      userInvitation: {
        emailSubject: '决算公开上传账号已开通',
        emailBody:
          '您好！本单位的决算公开上传账号已开通。登录邮箱：{username}，临时密码：{####}。请在 7 天内登录上传页面并设置新密码。',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.client = this.pool.addClient('UploadPage', {
      userPoolClientName: 'upload-page',
      generateSecret: false,
      // The page signs in with USER_PASSWORD_AUTH over TLS (no SRP client code in the page).
      authFlows: { userPassword: true, userSrp: false, adminUserPassword: false, custom: false },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
      enableTokenRevocation: true,
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes('unit_code'),
      // A user may never change which unit they upload for: the app client cannot write unit_code (nor email).
      writeAttributes: new cognito.ClientAttributes(),
    });

    acknowledge(
      this.pool,
      'AwsSolutions-COG2',
      'MFA is optional (TOTP), not required: unit accountants are admin-created, one per unit, and many public-sector offices have no authenticator apps; what an account can do is bounded (upload to its own unit prefix, read its own reports, every upload re-validated and publication reversible by a newer upload). Require it with Mfa.REQUIRED where policy allows.',
    );
    acknowledge(
      this.pool,
      'AwsSolutions-COG8',
      'The Essentials feature plan: the Plus plan (threat protection, per-user cost) adds risk-based sign-in checks that matter for open sign-up; here sign-up is closed, accounts are admin-created, the password policy is strict, tokens last one hour and the API is throttled. Switch to Plus if credential stuffing is seen.',
    );
  }
}
