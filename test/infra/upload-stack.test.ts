import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_API_ROUTES, UPLOAD_API_THROTTLE } from '../../infra/constructs/upload-api.ts';
import type { GongkaiStacks } from '../../infra/gongkai-app.ts';
import { PASSWORD_POLICY } from '../../shared/upload-api/password-policy.ts';
import { UPLOAD_PAGE } from '../../shared/upload-page/paths.ts';
import { buildTestApp, iamStatements, resourcesOf } from './helpers.ts';

/** The upload page's AWS side (issue 15): user pool, HTTP API with a JWT authorizer and throttling, the page on the site. */
let stacks: GongkaiStacks;
let upload: Template;
let site: Template;
let page: Template;

beforeAll(() => {
  ({ stacks } = buildTestApp());
  upload = Template.fromStack(stacks.upload);
  site = Template.fromStack(stacks.site);
  page = Template.fromStack(stacks.uploadPage);
});

describe('unit accounts', () => {
  it('admin-created users only, email sign-in, the password policy, optional TOTP MFA, retained', () => {
    const [pool] = Object.values(resourcesOf(upload, 'AWS::Cognito::UserPool'));
    const p = pool?.Properties as Record<string, unknown>;
    expect(p.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(p.UsernameAttributes).toEqual(['email']);
    expect(p.MfaConfiguration).toBe('OPTIONAL');
    expect(p.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect((p.Policies as { PasswordPolicy: Record<string, unknown> }).PasswordPolicy).toMatchObject({
      MinimumLength: PASSWORD_POLICY.minLength,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: PASSWORD_POLICY.temporaryPasswordDays,
    });
    expect(p.Schema).toContainEqual(expect.objectContaining({ Name: 'unit_code', AttributeDataType: 'String' }));
    expect(p.DeletionProtection).toBe('ACTIVE');
    expect(pool?.DeletionPolicy).toBe('Retain');
  });

  it('the page client has no secret, signs in with USER_PASSWORD_AUTH, and can never write the unit code', () => {
    const [client] = Object.values(resourcesOf(upload, 'AWS::Cognito::UserPoolClient'));
    const c = client?.Properties as Record<string, unknown>;
    expect(c.GenerateSecret).toBe(false);
    expect(c.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    );
    expect(c.ExplicitAuthFlows).not.toContain('ALLOW_ADMIN_USER_PASSWORD_AUTH');
    expect(c.PreventUserExistenceErrors).toBe('ENABLED');
    expect(c.ReadAttributes).toContain('custom:unit_code');
    expect(c.WriteAttributes ?? []).toEqual([]);
  });
});

describe('upload API', () => {
  it('every route is behind the JWT authorizer of the user pool (audience: the page client)', () => {
    const routes = Object.values(resourcesOf(upload, 'AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(
      UPLOAD_API_ROUTES.map((r) => `${r.method} ${r.path}`).sort(),
    );
    for (const r of routes) expect(r.Properties.AuthorizationType).toBe('JWT');
    const [authorizer] = Object.values(resourcesOf(upload, 'AWS::ApiGatewayV2::Authorizer'));
    expect(authorizer?.Properties.AuthorizerType).toBe('JWT');
    expect(JSON.stringify(authorizer?.Properties.JwtConfiguration)).toContain('cognito-idp');
  });

  it('the stage is throttled and logs access', () => {
    const [stage] = Object.values(resourcesOf(upload, 'AWS::ApiGatewayV2::Stage'));
    expect(stage?.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: UPLOAD_API_THROTTLE.rateLimit,
      ThrottlingBurstLimit: UPLOAD_API_THROTTLE.burstLimit,
    });
    expect(stage?.Properties.AccessLogSettings).toBeDefined();
  });

  it('the function may sign uploads/* and read reports/* and the table, nothing else', () => {
    const statements = iamStatements(upload).map((s) => s.statement);
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toContain('s3:PutObject');
    expect(actions).not.toContain('s3:DeleteObject');
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    const resources = JSON.stringify(statements.filter((s) => s.Action === 's3:PutObject').map((s) => s.Resource));
    expect(resources).toContain('/uploads/*');
    const fn = Object.values(resourcesOf(upload, 'AWS::Lambda::Function'))[0];
    const env = ((fn as NonNullable<typeof fn>).Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['UPLOAD_BUCKET', 'TABLE_NAME', 'MAX_UPLOAD_BYTES', 'AUTH_ISSUER', 'AUTH_CLIENT_ID']),
    );
  });
});

describe('the page on the site distribution', () => {
  const behaviors = () => {
    const [d] = Object.values(resourcesOf(site, 'AWS::CloudFront::Distribution'));
    return ((d as NonNullable<typeof d>).Properties.DistributionConfig as { CacheBehaviors: Record<string, unknown>[] })
      .CacheBehaviors;
  };

  it('/upload/* has its own CSP: scripts from the site only, connections to Cognito and the upload bucket', () => {
    const b = behaviors().find((x) => x.PathPattern === `/${UPLOAD_PAGE.dir}*`);
    expect(b).toBeDefined();
    const policies = Object.values(resourcesOf(site, 'AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = JSON.stringify(
      policies
        .map((p) => p.Properties.ResponseHeadersPolicyConfig)
        .find((c) => JSON.stringify(c).includes('cognito-idp')),
    );
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' https://cognito-idp.");
    expect(csp).toContain('Gongkai-prod-UploadBucketName');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('/api/* goes to the upload API uncached, with the viewer headers (Authorization) but not Host', () => {
    const b = behaviors().find((x) => x.PathPattern === '/api/*');
    expect(b).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
    });
    expect(b?.AllowedMethods).toContain('POST');
  });

  it('the upload bucket lets the page read S3’s answer to its POST (CORS: POST only, the site’s origins)', () => {
    const storage = Template.fromStack(stacks.storage);
    const buckets = Object.values(resourcesOf(storage, 'AWS::S3::Bucket')).filter(
      (b) => b.Properties.CorsConfiguration,
    );
    expect(buckets).toHaveLength(1);
    expect(buckets[0]?.Properties.VersioningConfiguration).toBeDefined();
    expect(buckets[0]?.Properties.CorsConfiguration).toEqual({
      CorsRules: [
        { AllowedMethods: ['POST'], AllowedOrigins: ['https://*.cloudfront.net'], AllowedHeaders: [], MaxAge: 3000 },
      ],
    });
    const custom = buildTestApp({
      'gongkai:domainName': 'gongkai.example.gov.cn',
      'gongkai:certificateArn': 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    }).stacks.storage;
    expect(JSON.stringify(Template.fromStack(custom).toJSON())).toContain('https://gongkai.example.gov.cn');
  });

  it('the page files are deployed to upload/ with a role that writes exactly those keys', () => {
    const deployments = Object.values(resourcesOf(page, 'Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(4);
    const puts = iamStatements(page)
      .map((s) => s.statement)
      .filter((s) => s.Action === 's3:PutObject')
      .map((s) => JSON.stringify(s.Resource));
    for (const key of [UPLOAD_PAGE.index, UPLOAD_PAGE.script, UPLOAD_PAGE.stylesheet, UPLOAD_PAGE.config]) {
      expect(puts.some((r) => r.includes(`/${key}`))).toBe(true);
    }
    expect(JSON.stringify(iamStatements(page))).not.toContain('s3:DeleteObject');
  });
});
