/**
 * Builds the app's stacks on a given App. Used by infra/app.ts (with cdk-nag registered) and by the tests (without:
 * registering the plugin makes `Template.fromStack` throw on findings; tests run the checks with `validateScope`).
 */
import { type App, type Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { type GongkaiConfig, parseConfig } from './config.ts';
import { uploadPageOrigins } from './constructs/upload-site.ts';
import { AccessStack } from './stacks/access-stack.ts';
import { PipelineStack } from './stacks/pipeline-stack.ts';
import { SiteStack } from './stacks/site-stack.ts';
import { StorageStack } from './stacks/storage-stack.ts';
import { UploadPageStack } from './stacks/upload-page-stack.ts';
import { UploadStack } from './stacks/upload-stack.ts';

export interface GongkaiStacks {
  config: GongkaiConfig;
  storage: StorageStack;
  site: SiteStack;
  pipeline: PipelineStack;
  /** Unit accounts (user pool) and the upload API; the page's files (issue 15). */
  upload: UploadStack;
  uploadPage: UploadPageStack;
  /** One attribute-based policy for all units: the same template whatever the number of units. */
  access: AccessStack;
}

/**
 * Feature flags this app's templates rely on, applied unless the context (cdk.json / -c) sets them explicitly.
 * - serverAccessLogsUseBucketPolicy: S3 server access logs are delivered through a bucket policy on the log bucket
 *   (AWS's recommendation) instead of the legacy LogDeliveryWrite ACL.
 */
export const FEATURE_FLAGS: Record<string, boolean> = {
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
};

export function buildGongkaiStacks(app: App, overrides: Partial<GongkaiConfig> = {}): GongkaiStacks {
  for (const [flag, value] of Object.entries(FEATURE_FLAGS)) {
    const current: unknown = app.node.tryGetContext(flag);
    if (current === undefined) app.node.setContext(flag, value);
    else if (current !== value && String(current) !== String(value)) {
      throw new Error(`This app needs the feature flag ${flag}=${value} (context has ${JSON.stringify(current)})`);
    }
  }
  const config = parseConfig((key) => app.node.tryGetContext(key), overrides);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };

  /**
   * A stack of this stage, `Gongkai-{stage}-{concern}`, in the CLI's account and region. `imports`: the stacks whose
   * named exports it imports (stacks/exports.ts), each with what it uses them for; CloudFormation deploys those first.
   */
  function addStack<P extends StackProps, S extends Stack>(
    Kind: new (scope: App, id: string, props: P) => S,
    concern: string,
    props: Omit<P, 'env'>,
    imports: readonly (readonly [producer: Stack, use: string])[] = [],
  ): S {
    const stack = new Kind(app, `Gongkai-${config.stage}-${concern}`, { ...props, env } as P);
    for (const [producer, use] of imports) stack.addStackDependency(producer, `${use}, imported by export name`);
    return stack;
  }

  const storage = addStack(StorageStack, 'Storage', {
    description: 'gongkai: stateful storage (upload bucket, table) - retained on deletion',
    stage: config.stage,
    logRetentionDays: config.logRetentionDays,
    uploadPageOrigins: uploadPageOrigins(config.domainName),
  });

  const upload = addStack(
    UploadStack,
    'Upload',
    {
      description: 'gongkai: unit accounts (user pool, retained) and the unit upload API',
      stage: config.stage,
      storage: storage.refs,
      maxUploadBytes: config.maxUploadBytes,
      logRetentionDays: config.logRetentionDays,
    },
    [[storage, 'the upload bucket and table']],
  );

  const site = addStack(
    SiteStack,
    'Site',
    {
      description: 'gongkai: disclosure site (private bucket + CloudFront)',
      stage: config.stage,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
      logRetentionDays: config.logRetentionDays,
      upload: { refs: upload.refs, uploadBucketName: storage.refs.uploadBucketName },
    },
    [
      [upload, 'routes /api/* to the upload API'],
      [storage, 'names the upload bucket in the upload page CSP'],
    ],
  );

  const uploadPage = addStack(
    UploadPageStack,
    'UploadPage',
    {
      description: 'gongkai: the unit upload page deployed to the site bucket',
      stage: config.stage,
      upload: upload.refs,
      maxUploadBytes: config.maxUploadBytes,
      logRetentionDays: config.logRetentionDays,
    },
    [
      [site, 'deploys into the site bucket'],
      [upload, 'names the page app client'],
    ],
  );

  const pipeline = addStack(
    PipelineStack,
    'Pipeline',
    {
      description: 'gongkai: ingest function, failure queue and alarm, upload notification',
      storage: storage.refs,
      site: site.refs,
      logRetentionDays: config.logRetentionDays,
      reservedConcurrency: config.reservedConcurrency,
      ingestConcurrency: config.ingestConcurrency,
      maxUploadBytes: config.maxUploadBytes,
      alarmEmail: config.alarmEmail,
    },
    [
      [storage, 'the upload bucket and table'],
      [site, 'the site bucket, distribution id and URL'],
    ],
  );

  const access = addStack(
    AccessStack,
    'Access',
    {
      description: 'gongkai: the attribute-based upload policy of every reporting unit',
      stage: config.stage,
      storage: storage.refs,
    },
    [[storage, 'the upload bucket']],
  );

  Tags.of(app).add('project', 'gongkai');
  Tags.of(app).add('gongkai:stage', config.stage);
  return { config, storage, site, pipeline, access, upload, uploadPage };
}
