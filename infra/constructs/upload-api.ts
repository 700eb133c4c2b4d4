import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { UPLOAD_API_ENV } from '../../shared/upload-api/config.ts';
import { acknowledgeWildcardResource } from '../nag.ts';
import { BASE_BUNDLING, createNodeFunction, repoFile } from './node-function.ts';

export const UPLOAD_API_ENTRY = repoFile('functions/upload-api/handler.ts');

/** Per-stage throttling of the whole API: a unit's page makes a handful of calls a minute. */
export const UPLOAD_API_THROTTLE = { rateLimit: 20, burstLimit: 40 } as const;

/** The API's routes, each behind the JWT authorizer (there is no unauthenticated route). */
export const UPLOAD_API_ROUTES: readonly { method: apigw.HttpMethod; path: string }[] = [
  { method: apigw.HttpMethod.GET, path: '/api/me' },
  { method: apigw.HttpMethod.POST, path: '/api/grants' },
  { method: apigw.HttpMethod.GET, path: '/api/submissions' },
  { method: apigw.HttpMethod.GET, path: '/api/submissions/{year}/{uploadId}' },
];

export interface UploadApiProps {
  uploadBucketName: string;
  tableName: string;
  maxUploadBytes: number;
  userPool: { userPoolId: string; clientId: string };
  logRetentionDays: number;
}

/**
 * The unit upload API: an HTTP API with a JWT authorizer (the user pool's ID tokens, audience = the page's app
 * client) on every route and stage throttling, in front of one small Lambda (functions/upload-api/handler.ts) that
 * verifies the token again, signs presigned POSTs for `uploads/{unit}/…` and reads the unit's own submissions and
 * reports. Its role: PutObject on uploads/* (what a presigned POST is signed with; the POST policy narrows it to one
 * key), GetObject on reports/*, GetItem/Query on the table.
 */
export class UploadApi extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly api: apigw.HttpApi;
  readonly role: iam.Role;
  /** `{apiId}.execute-api.{region}.amazonaws.com`: the origin CloudFront forwards `/api/*` to. */
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: UploadApiProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const issuer = `https://cognito-idp.${stack.region}.amazonaws.com/${props.userPool.userPoolId}`;

    const { fn, role } = createNodeFunction(this, {
      description: 'gongkai: upload grants and the unit’s own submissions and reports',
      roleDescription: 'gongkai unit upload API',
      entry: UPLOAD_API_ENTRY,
      memorySize: 256,
      timeout: Duration.seconds(10),
      logRetentionDays: props.logRetentionDays,
      environment: {
        [UPLOAD_API_ENV.uploadBucket]: props.uploadBucketName,
        [UPLOAD_API_ENV.tableName]: props.tableName,
        [UPLOAD_API_ENV.maxUploadBytes]: String(props.maxUploadBytes),
        [UPLOAD_API_ENV.issuer]: issuer,
        [UPLOAD_API_ENV.clientId]: props.userPool.clientId,
      },
      // Everything bundled (the SDK too): the presigned-POST helper is not part of the runtime's SDK.
      bundling: { ...BASE_BUNDLING, externalModules: [] },
    });
    this.fn = fn;
    this.role = role;
    const bucketArn = `arn:${stack.partition}:s3:::${props.uploadBucketName}`;
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [`${bucketArn}/uploads/*`] }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`${bucketArn}/reports/*`] }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        resources: [`arn:${stack.partition}:dynamodb:${stack.region}:${stack.account}:table/${props.tableName}`],
      }),
    );
    acknowledgeWildcardResource(
      this.role,
      `${bucketArn}/uploads/*`,
      'The API signs presigned POSTs for any registered unit; each POST policy it signs names exactly one key under uploads/{the token unit}/{year}/ with a size range, and S3 enforces that policy. The role itself cannot read, list or delete uploads.',
    );
    acknowledgeWildcardResource(
      this.role,
      `${bucketArn}/reports/*`,
      'The API returns a unit its own reports: the key is built from the verified token unit (reports/{unit}/{year}/{uploadId}.json), never from the request; read-only, no listing.',
    );

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: 'gongkai-upload-api',
      description: 'gongkai unit upload API (served to the page through CloudFront at /api/*)',
      createDefaultStage: false,
      disableExecuteApiEndpoint: false,
    });
    new apigw.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: UPLOAD_API_THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            route: '$context.routeKey',
            status: '$context.status',
            sub: '$context.authorizer.claims.sub',
            error: '$context.authorizer.error',
          }),
        ),
      },
    });
    const authorizer = new HttpJwtAuthorizer('UnitToken', issuer, {
      jwtAudience: [props.userPool.clientId],
      identitySource: ['$request.header.Authorization'],
    });
    const integration = new HttpLambdaIntegration('Handler', this.fn);
    for (const route of UPLOAD_API_ROUTES) {
      this.api.addRoutes({ path: route.path, methods: [route.method], integration, authorizer });
    }
    this.domainName = `${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }
}
