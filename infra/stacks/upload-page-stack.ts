import { Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { buildUploadAppSync } from '../../shared/upload-page/build-bundle.ts';
import { UPLOAD_PAGE, type UploadPageConfig } from '../../shared/upload-page/paths.ts';
import { renderUploadPage } from '../../shared/upload-page/render-upload-page.ts';
import { UPLOAD_CSS } from '../../shared/upload-page/upload-css.ts';
import { acknowledge } from '../nag.ts';
import type { UploadRefs } from './upload-stack.ts';

export interface UploadPageStackProps extends StackProps {
  stage: string;
  upload: UploadRefs;
  maxUploadBytes: number;
  logRetentionDays: number;
}

/**
 * Deploys the upload page's files to `upload/` in the site bucket: the page (shared/upload-page/), its script (the
 * esbuild bundle of the browser check, built at synth), its stylesheet and `config.json` (the region's Cognito
 * endpoint, the page's app client, the size limit). A stack of its own because it needs both the site bucket and
 * the user pool client, and the site stack already depends on the upload stack (`/api/*`). Objects carry
 * `max-age=300`, so a new deployment is live within five minutes without an invalidation. The handler's role may
 * read exactly the source objects and write exactly these four keys.
 */
export class UploadPageStack extends Stack {
  readonly deployments: s3deploy.BucketDeployment[];
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: UploadPageStackProps) {
    super(scope, id, props);
    const siteBucket = s3.Bucket.fromBucketName(
      this,
      'SiteBucket',
      Fn.importValue(`Gongkai-${props.stage}-SiteBucketName`),
    );
    const config: UploadPageConfig = {
      authEndpoint: `https://cognito-idp.${this.region}.amazonaws.com/`,
      clientId: props.upload.userPoolClientId,
      maxUploadBytes: props.maxUploadBytes,
    };
    // The deployment handler's own role: read exactly the source objects, list the site bucket (`aws s3 sync`),
    // put exactly these files — instead of CDK's default (read/write/delete on the whole bucket).
    this.role = new iam.Role(this, 'DeployRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'gongkai: writes the upload page files at deployment',
    });
    const logGroup = new logs.LogGroup(this, 'DeployLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    logGroup.grantWrite(this.role);
    this.role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [siteBucket.bucketArn] }));
    const fixedRole = this.role.withoutPolicyUpdates();
    const files: { path: string; source: s3deploy.ISource; contentType: string }[] = [
      {
        path: UPLOAD_PAGE.index,
        source: s3deploy.Source.data(UPLOAD_PAGE.index, renderUploadPage()),
        contentType: 'text/html; charset=utf-8',
      },
      {
        path: UPLOAD_PAGE.script,
        source: s3deploy.Source.data(UPLOAD_PAGE.script, buildUploadAppSync()),
        contentType: 'text/javascript; charset=utf-8',
      },
      {
        path: UPLOAD_PAGE.stylesheet,
        source: s3deploy.Source.data(UPLOAD_PAGE.stylesheet, UPLOAD_CSS),
        contentType: 'text/css; charset=utf-8',
      },
      {
        path: UPLOAD_PAGE.config,
        source: s3deploy.Source.jsonData(UPLOAD_PAGE.config, config),
        contentType: 'application/json; charset=utf-8',
      },
    ];
    this.deployments = files.map((file, i) => {
      const bound = file.source.bind(this, { handlerRole: fixedRole });
      this.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['s3:GetObject'],
          resources: [bound.bucket.arnForObjects(bound.zipObjectKey)],
        }),
      );
      this.role.addToPolicy(
        new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [siteBucket.arnForObjects(file.path)] }),
      );
      return new s3deploy.BucketDeployment(this, `File${i}`, {
        sources: [file.source],
        destinationBucket: siteBucket,
        prune: false,
        retainOnDelete: true,
        role: fixedRole,
        logGroup,
        contentType: file.contentType,
        cacheControl: [s3deploy.CacheControl.fromString('public, max-age=300')],
      });
    });
    for (const child of this.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      acknowledge(
        child,
        'AwsSolutions-L1',
        "CDK's BucketDeployment handler (it runs only while deploying the upload page) pins its own Python runtime; the L2 API offers no way to change it.",
      );
    }
  }
}
