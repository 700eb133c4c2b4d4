import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  METRIC,
  METRICS_NAMESPACE,
  POWERTOOLS_ENVIRONMENT,
  SERVICE_NAME,
  UPLOAD_OUTCOMES,
} from '../../functions/ingest/metric-names.ts';
import { CONTENT_SECURITY_POLICY } from '../../infra/constructs/site-distribution.ts';
import type { GongkaiStacks } from '../../infra/gongkai-app.ts';
import { UNIT_TAG_VARIABLE } from '../../infra/unit-policy-document.ts';
import { ENV } from '../../shared/config.ts';
import { sitePaths } from '../../shared/site/paths.ts';
import { asArray, buildTestApp, iamStatements, render, resourcesOf } from './helpers.ts';

describe('production stacks (default context)', () => {
  let stacks: GongkaiStacks;
  let storage: Template;
  let site: Template;
  let pipeline: Template;
  let access: Template;
  let all: [string, Template][];

  beforeAll(() => {
    ({ stacks } = buildTestApp({ 'gongkai:alarmEmail': 'ops@example.org' }));
    storage = Template.fromStack(stacks.storage);
    site = Template.fromStack(stacks.site);
    pipeline = Template.fromStack(stacks.pipeline);
    access = Template.fromStack(stacks.access);
    all = [
      ['storage', storage],
      ['site', site],
      ['pipeline', pipeline],
      ['access', access],
    ];
  });

  it('splits stateful from stateless stacks, named by stage', () => {
    expect([stacks.storage, stacks.site, stacks.pipeline, stacks.access].map((s) => s?.stackName)).toEqual([
      'Gongkai-prod-Storage',
      'Gongkai-prod-Site',
      'Gongkai-prod-Pipeline',
      'Gongkai-prod-Access',
    ]);
    // Storage depends on nothing; the stateless stacks depend on it.
    expect(stacks.storage.dependencies).toEqual([]);
    expect(stacks.pipeline.dependencies).toEqual(expect.arrayContaining([stacks.storage, stacks.site]));
    expect(stacks.access?.dependencies).toEqual([stacks.storage]);
  });

  describe('buckets', () => {
    it('every bucket blocks all public access, is encrypted and retained', () => {
      let count = 0;
      for (const [, template] of all) {
        for (const bucket of Object.values(resourcesOf(template, 'AWS::S3::Bucket'))) {
          count++;
          expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          });
          expect(bucket.Properties.BucketEncryption).toEqual({
            ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
          });
          expect(bucket.DeletionPolicy).toBe('Retain');
        }
      }
      expect(count).toBe(4); // upload, its access logs, site, site/CloudFront logs
    });

    it('every bucket policy denies requests without TLS', () => {
      for (const [, template] of all) {
        const buckets = Object.keys(resourcesOf(template, 'AWS::S3::Bucket'));
        const policies = Object.values(resourcesOf(template, 'AWS::S3::BucketPolicy'));
        expect(policies).toHaveLength(buckets.length);
        for (const policy of policies) {
          const statements = asArray((policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement);
          expect(statements).toContainEqual(
            expect.objectContaining({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          );
        }
      }
    });

    it('upload bucket: versioned, noncurrent versions expire, access logs to a separate bucket', () => {
      storage.hasResourceProperties('AWS::S3::Bucket', {
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 365 } }),
          ]),
        },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: Match.stringLikeRegexp('^AccessLogBucket') },
          LogFilePrefix: 'upload-bucket/',
        },
      });
    });

    it('CloudFront log bucket has ACLs enabled (ObjectWriter), all others enforce bucket-owner ownership', () => {
      const ownership = all.flatMap(([, t]) =>
        Object.values(resourcesOf(t, 'AWS::S3::Bucket')).map(
          (b) => (b.Properties.OwnershipControls as { Rules: { ObjectOwnership: string }[] }).Rules[0]?.ObjectOwnership,
        ),
      );
      expect(ownership.sort()).toEqual([
        'BucketOwnerEnforced',
        'BucketOwnerEnforced',
        'BucketOwnerEnforced',
        'ObjectWriter',
      ]);
    });
  });

  describe('table', () => {
    it('is the single pk/sk table, on demand, with PITR, deletion protection and RETAIN', () => {
      storage.resourceCountIs('AWS::DynamoDB::Table', 1);
      storage.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
          GlobalSecondaryIndexes: Match.absent(),
          LocalSecondaryIndexes: Match.absent(),
        },
      });
    });
  });

  describe('distribution', () => {
    it('reads the private site bucket through origin access control', () => {
      site.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
      site.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: {
          OriginAccessControlOriginType: 's3',
          SigningBehavior: 'always',
          SigningProtocol: 'sigv4',
        },
      });
      site.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: {
          // The site bucket, and the upload API behind /api/* (issue 15).
          Origins: Match.arrayWith([
            Match.objectLike({
              OriginAccessControlId: { 'Fn::GetAtt': [Match.stringLikeRegexp('OriginAccessControl'), 'Id'] },
              S3OriginConfig: { OriginAccessIdentity: '' },
            }),
          ]),
        },
      });
      // The bucket policy grants s3:GetObject to CloudFront for this distribution only.
      site.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Action: 's3:GetObject',
              Principal: { Service: 'cloudfront.amazonaws.com' },
              Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
            }),
          ]),
        },
      });
    });

    it('serves index.html at the root, 404.html for 403/404, HTTPS only, compressed, price class 100, logged', () => {
      site.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: 'index.html',
          CustomErrorResponses: [
            { ErrorCode: 403, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 60 },
            { ErrorCode: 404, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 60 },
          ],
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
            Compress: true,
            AllowedMethods: ['GET', 'HEAD'],
            ResponseHeadersPolicyId: { Ref: Match.stringLikeRegexp('SecurityHeaders') },
            FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
          }),
          PriceClass: 'PriceClass_100',
          Logging: {
            Bucket: { 'Fn::GetAtt': [Match.stringLikeRegexp('LogBucket'), 'RegionalDomainName'] },
            Prefix: 'cloudfront/',
          },
          ViewerCertificate: Match.absent(),
        }),
      });
    });

    it('sends the security headers', () => {
      site.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: Match.objectLike({
          SecurityHeadersConfig: {
            ContentSecurityPolicy: {
              ContentSecurityPolicy:
                "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
              Override: true,
            },
            StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
            ContentTypeOptions: { Override: true },
            FrameOptions: { FrameOption: 'DENY', Override: true },
            ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          },
        }),
      });
      expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    });
  });

  describe('ingest function', () => {
    it('runs Node.js 24 on arm64 with 1024 MB, 60 s, fed by its queue at a maximum concurrency of 50', () => {
      pipeline.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 1024,
        Timeout: 60,
        ReservedConcurrentExecutions: Match.absent(),
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^IngestLogs') } },
      });
      pipeline.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
      pipeline.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: Match.stringLikeRegexp('^IngestFunction') },
        EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IngestUploadQueue'), 'Arn'] },
        BatchSize: 5,
        ScalingConfig: { MaximumConcurrency: 50 },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      // No asynchronous invocation config any more: S3 never invokes the function directly.
      pipeline.resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
    });

    it('takes its maximum concurrency from gongkai:ingestConcurrency', () => {
      const { stacks: other } = buildTestApp({ 'gongkai:ingestConcurrency': 200 });
      Template.fromStack(other.pipeline).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: Match.stringLikeRegexp('^IngestFunction') },
        ScalingConfig: { MaximumConcurrency: 200 },
      });
    });

    it('gets its configuration under the names of shared/config.ts ENV', () => {
      const fn = Object.values(resourcesOf(pipeline, 'AWS::Lambda::Function')).find((r) =>
        String(r.Properties.Description).startsWith('gongkai'),
      );
      if (fn === undefined) throw new Error('ingest function not found');
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables).sort()).toEqual(
        [
          ...Object.values(ENV).filter((name) => name !== ENV.yearPageIntervalMs),
          ...Object.keys(POWERTOOLS_ENVIRONMENT),
        ].sort(),
      );
      // Powertools: the service and namespace the alarms read, the log level.
      expect(variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
      });
      expect(render(variables[ENV.uploadBucket])).toBe('<Gongkai-prod-UploadBucketName>');
      expect(render(variables[ENV.siteBucket])).toBe('<Gongkai-prod-SiteBucketName>');
      expect(render(variables[ENV.tableName])).toBe('<Gongkai-prod-TableName>');
      expect(variables[ENV.indexQueueUrl]).toEqual({ Ref: expect.stringMatching(/^IndexQueue/) });
      expect(JSON.stringify(variables)).not.toContain('DistributionId');
      expect(render(variables[ENV.siteBaseUrl])).toBe('<Gongkai-prod-SiteUrl>');
      expect(variables[ENV.maxUploadBytes]).toBe(String(10 * 1024 * 1024));
      site.hasOutput('DistributionUrl', {
        Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }]] },
        Export: { Name: 'Gongkai-prod-SiteUrl' },
      });
    });

    it('S3 sends ObjectCreated under uploads/ with suffix .xlsx to the upload queue (S3 → SQS), nothing else', () => {
      const notifications = Object.values(resourcesOf(pipeline, 'Custom::S3BucketNotifications'));
      expect(notifications).toHaveLength(1);
      const props = notifications[0]?.Properties as Record<string, unknown>;
      expect(render(props.BucketName)).toBe('<Gongkai-prod-UploadBucketName>');
      expect(props.NotificationConfiguration).toEqual({
        QueueConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: {
              Key: {
                FilterRules: expect.arrayContaining([
                  { Name: 'prefix', Value: 'uploads/' },
                  { Name: 'suffix', Value: '.xlsx' },
                ]),
              },
            },
            QueueArn: { 'Fn::GetAtt': [expect.stringMatching(/^IngestUploadQueue/), 'Arn'] },
          },
        ],
      });
      const rules = (
        props.NotificationConfiguration as {
          QueueConfigurations: { Filter: { Key: { FilterRules: unknown[] } } }[];
        }
      ).QueueConfigurations[0]?.Filter.Key.FilterRules;
      expect(rules).toHaveLength(2);
      // Imported bucket: the custom resource merges with other notifications instead of replacing them.
      expect(props.Managed).toBe(false);
      // Only the upload bucket may send to the queue.
      pipeline.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 's3.amazonaws.com' },
              Condition: { ArnLike: { 'aws:SourceArn': Match.anyValue() } },
            }),
          ]),
        },
      });
    });

    it('redrives an upload event to an encrypted, TLS-only dead-letter queue kept 14 days after 3 receives', () => {
      pipeline.hasResourceProperties('AWS::SQS::Queue', {
        SqsManagedSseEnabled: true,
        VisibilityTimeout: 360,
        RedrivePolicy: {
          maxReceiveCount: 3,
          deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IngestFailureQueue'), 'Arn'] },
        },
      });
      pipeline.hasResourceProperties('AWS::SQS::Queue', {
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      pipeline.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('alarms on the age of the oldest upload event and of the oldest index change', () => {
      for (const queue of ['^IngestUploadQueue', '^IndexQueue']) {
        pipeline.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateAgeOfOldestMessage',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp(queue), 'QueueName'] } }],
          Threshold: 900,
          AlarmActions: [{ Ref: Match.stringLikeRegexp('^FailuresTopic') }],
        });
      }
      pipeline.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          {
            Name: 'QueueName',
            Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IndexDeadLetterQueue'), 'QueueName'] },
          },
        ],
        Threshold: 1,
      });
    });

    it('alarms on the first dead-lettered event, to an SNS topic with the configured e-mail', () => {
      pipeline.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          { Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IngestFailureQueue'), 'QueueName'] } },
        ],
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
        EvaluationPeriods: 1,
        AlarmActions: [{ Ref: Match.stringLikeRegexp('^FailuresTopic') }],
      });
      pipeline.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
    });

    describe('monitoring', () => {
      const topic = [{ Ref: Match.stringLikeRegexp('^FailuresTopic') }];
      const fnRef = { Ref: Match.stringLikeRegexp('^IngestFunction') };

      it('alarms on function errors at the first one, to the failure topic (ALARM and OK)', () => {
        pipeline.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Dimensions: [{ Name: 'FunctionName', Value: fnRef }],
          Statistic: 'Sum',
          Period: 300,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          EvaluationPeriods: 1,
          TreatMissingData: 'notBreaching',
          AlarmActions: topic,
          OKActions: topic,
        });
      });

      it('alarms on throttling sustained for 15 minutes', () => {
        pipeline.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda',
          MetricName: 'Throttles',
          Dimensions: [{ Name: 'FunctionName', Value: fnRef }],
          Statistic: 'Sum',
          Period: 300,
          Threshold: 1,
          EvaluationPeriods: 3,
          DatapointsToAlarm: 3,
          AlarmActions: topic,
        });
      });

      it('alarms when a run takes 80% of the 60 s timeout', () => {
        pipeline.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda',
          MetricName: 'Duration',
          Dimensions: [{ Name: 'FunctionName', Value: fnRef }],
          Statistic: 'Maximum',
          Threshold: 48_000,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          AlarmActions: topic,
        });
      });

      it('alarms on the first upload with outcome "failed", on the EMF metric the function emits', () => {
        pipeline.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: METRICS_NAMESPACE,
          MetricName: METRIC.uploads,
          // The exact dimension set of the EMF lines (order is irrelevant to CloudWatch).
          Dimensions: [
            { Name: 'outcome', Value: 'failed' },
            { Name: 'service', Value: SERVICE_NAME },
          ],
          Statistic: 'Sum',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          EvaluationPeriods: 1,
          TreatMissingData: 'notBreaching',
          AlarmActions: topic,
          OKActions: topic,
        });
        // Eight alarms in all: dead-letter queue, errors, throttles, duration, failed uploads; the ages of the oldest
        // upload event and index change; the index dead-letter queue.
        expect(Object.keys(resourcesOf(pipeline, 'AWS::CloudWatch::Alarm'))).toHaveLength(8);
      });

      it('has a dashboard of uploads by outcome, findings, durations and the alarms', () => {
        const dashboards = Object.values(resourcesOf(pipeline, 'AWS::CloudWatch::Dashboard'));
        expect(dashboards).toHaveLength(1);
        expect(dashboards[0]?.Properties.DashboardName).toBe('Gongkai-prod-Pipeline-Ingest');
        const body = JSON.stringify(
          pipeline.toJSON().Resources[Object.keys(resourcesOf(pipeline, 'AWS::CloudWatch::Dashboard'))[0] ?? '']
            .Properties.DashboardBody,
        );
        for (const text of [
          'Uploads by outcome',
          'Findings by severity',
          'Validation and publication time',
          METRIC.validationDuration,
          METRIC.publicationDuration,
          METRIC.findings,
          ...UPLOAD_OUTCOMES.map((o) => `\\"outcome\\",\\"${o}\\"`),
          'Events in the dead-letter queue',
        ]) {
          expect(body).toContain(text);
        }
        pipeline.hasOutput('DashboardName', {});
      });
    });

    it('has least privilege: exact actions, prefix-scoped S3, no "*" resource, no delete on S3', () => {
      const role = Object.keys(resourcesOf(pipeline, 'AWS::IAM::Role')).find((id) => id.startsWith('IngestRole'));
      const statements = iamStatements(pipeline).filter(({ logicalId }) =>
        logicalId.startsWith('IngestRoleDefaultPolicy'),
      );
      expect(role).toBeDefined();
      const grants = statements
        .map(
          ({ statement }) =>
            `${asArray(statement.Action).join(',')} → ${asArray(statement.Resource).map(render).join(' ')}`,
        )
        .sort();
      expect(grants).toHaveLength(9);
      expect(grants).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^logs:CreateLogStream,logs:PutLogEvents → <IngestLogs\w+\.Arn>$/),
          expect.stringMatching(
            /^sqs:ReceiveMessage,sqs:ChangeMessageVisibility,sqs:GetQueueUrl,sqs:DeleteMessage,sqs:GetQueueAttributes → <IngestUploadQueue\w+\.Arn>$/,
          ),
          expect.stringMatching(/^sqs:SendMessage,sqs:GetQueueAttributes,sqs:GetQueueUrl → <IndexQueue\w+\.Arn>$/),
          's3:GetObject,s3:GetObjectVersion → arn:aws:s3:::<Gongkai-prod-UploadBucketName>/uploads/*',
          's3:PutObject → arn:aws:s3:::<Gongkai-prod-UploadBucketName>/reports/*',
          's3:PutObject → arn:aws:s3:::<Gongkai-prod-UploadBucketName>/admin/*',
          's3:ListBucket → arn:aws:s3:::<Gongkai-prod-UploadBucketName>',
          's3:PutObject → arn:aws:s3:::<Gongkai-prod-SiteBucketName>/*',
          'dynamodb:GetItem,dynamodb:PutItem,dynamodb:UpdateItem,dynamodb:Query,dynamodb:BatchWriteItem → arn:aws:dynamodb:<AWS::Region>:<AWS::AccountId>:table/<Gongkai-prod-TableName>',
        ]),
      );
      // No per-upload CDN invalidation: nothing in any stack may create one.
      for (const [name, template] of all) {
        for (const { statement } of iamStatements(template)) {
          expect(asArray(statement.Action).join(','), name).not.toMatch(/cloudfront:CreateInvalidation/);
        }
      }
      // The role carries no managed policy (no AWSLambdaBasicExecutionRole with logs on "*").
      pipeline.hasResourceProperties('AWS::IAM::Role', {
        Description: 'gongkai ingest function',
        ManagedPolicyArns: Match.absent(),
      });
    });

    it('no IAM statement anywhere allows "*" resources, wildcard actions or S3 deletes', () => {
      for (const [name, template] of all) {
        for (const { logicalId, statement } of iamStatements(template)) {
          if (statement.Effect !== 'Allow') continue;
          const where = `${name}/${logicalId}`;
          expect(asArray(statement.Resource).map(render), where).not.toContain('*');
          for (const action of asArray(statement.Action)) {
            expect(action, where).not.toContain('*');
            expect(action, where).not.toMatch(/^s3:Delete/);
          }
        }
      }
    });
  });

  describe('unit access (attribute-based)', () => {
    it('one managed policy for all units, naming each by its gongkai-unit principal tag: no per-unit resource', () => {
      access.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
      const [policy] = Object.values(resourcesOf(access, 'AWS::IAM::ManagedPolicy'));
      if (policy === undefined) throw new Error('no unit policy');
      expect(policy.Properties.ManagedPolicyName).toBe('gongkai-prod-unit-upload');
      const statements = asArray((policy.Properties.PolicyDocument as { Statement: never[] }).Statement).map(
        (st: { Action: string; Resource: unknown }) => `${st.Action} → ${render(st.Resource)}`,
      );
      expect(statements).toEqual([
        `s3:PutObject → arn:aws:s3:::<Gongkai-prod-UploadBucketName>/uploads/${UNIT_TAG_VARIABLE}/*`,
        `s3:GetObject → arn:aws:s3:::<Gongkai-prod-UploadBucketName>/reports/${UNIT_TAG_VARIABLE}/*`,
        's3:ListBucket → arn:aws:s3:::<Gongkai-prod-UploadBucketName>',
      ]);
      // Templates are the same however many units are registered: units live in the table, never in the app.
      const again = buildTestApp({ 'gongkai:alarmEmail': 'ops@example.org' }).stacks;
      for (const [mine, other] of [
        [stacks.access, again.access],
        [stacks.pipeline, again.pipeline],
        [stacks.storage, again.storage],
      ] as const) {
        expect(JSON.stringify(Template.fromStack(other).toJSON())).toBe(
          JSON.stringify(Template.fromStack(mine).toJSON()),
        );
      }
      expect(() => buildTestApp({ 'gongkai:units': ['A001'] })).toThrow(/gongkai-unit principal tag/);
      // No resource anywhere is per unit: no IAM user, group or role for units, and under 500 resources a stack.
      for (const [name, template] of all) {
        expect(Object.keys(resourcesOf(template, 'AWS::IAM::User')), name).toEqual([]);
        expect(Object.keys(template.toJSON().Resources ?? {}).length, name).toBeLessThan(100);
      }
    });
  });

  describe('index rebuild function', () => {
    it('is fed by a FIFO queue with content-based deduplication, partial batch responses and a FIFO dead-letter queue', () => {
      pipeline.hasResourceProperties('AWS::SQS::Queue', {
        FifoQueue: true,
        ContentBasedDeduplication: true,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          maxReceiveCount: 5,
          deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IndexDeadLetterQueue'), 'Arn'] },
        },
      });
      pipeline.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: Match.stringLikeRegexp('^IndexFunction') },
        EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IndexQueue'), 'Arn'] },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      pipeline.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('rebuilds the index pages'),
        Environment: { Variables: Match.objectLike({ YEAR_PAGE_INTERVAL_MS: '60000' }) },
      });
    });
  });

  describe('static files', () => {
    it('are deployed once by CDK (never pruning the pages), immutable assets, a role that can only put those files', () => {
      const deployments = Object.values(resourcesOf(site, 'Custom::CDKBucketDeployment'));
      expect(deployments).toHaveLength(2);
      for (const d of deployments) expect(d.Properties.Prune).toBe(false);
      expect(deployments.map((d) => d.Properties.SystemMetadata)).toEqual(
        expect.arrayContaining([
          { 'cache-control': 'public, max-age=31536000, immutable' },
          { 'cache-control': 'public, max-age=60, stale-while-revalidate=300' },
        ]),
      );
      const puts = iamStatements(site)
        .filter(({ statement }) => statement.Action === 's3:PutObject')
        .map(({ statement }) => render(statement.Resource).replace(/^<SiteSiteBucket\w+\.Arn>/, ''));
      expect(puts.sort()).toEqual(['/404.html', `/${sitePaths.stylesheet()}`, `/${sitePaths.searchScript()}`].sort());
    });
  });

  it('exposes the stack outputs the deploy guide refers to', () => {
    for (const [template, names] of [
      [storage, ['UploadBucketName', 'TableName', 'Region']],
      [site, ['SiteBucketName', 'DistributionUrl', 'DistributionId']],
      [
        pipeline,
        [
          'IngestFunctionName',
          'IngestLogGroupName',
          'DeadLetterQueueUrl',
          'UploadQueueUrl',
          'IndexQueueUrl',
          'IndexDeadLetterQueueUrl',
          'AlarmTopicArn',
        ],
      ],
    ] as const) {
      const outputs = Object.keys(template.toJSON().Outputs ?? {});
      expect(outputs).toEqual(expect.arrayContaining([...names]));
    }
    expect(Stack.of(stacks.storage).stackName).toBe('Gongkai-prod-Storage');
  });
});

describe('configuration variants', () => {
  it('custom domain: aliases, ACM certificate, TLSv1.2_2021, and SITE_BASE_URL on the domain', () => {
    const { stacks } = buildTestApp({
      'gongkai:stage': 'staging',
      'gongkai:domainName': 'Gongkai.Example.org',
      'gongkai:certificateArn': 'arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234',
      'gongkai:reservedConcurrency': 'none',
      'gongkai:logRetentionDays': '90',
    });
    const site = Template.fromStack(stacks.site);
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['gongkai.example.org'],
        ViewerCertificate: {
          AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234',
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
    site.hasOutput('DistributionUrl', {
      Value: 'https://gongkai.example.org',
      Export: { Name: 'Gongkai-staging-SiteUrl' },
    });
    expect(stacks.access.stackName).toBe('Gongkai-staging-Access');
    const pipeline = Template.fromStack(stacks.pipeline);
    pipeline.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      ReservedConcurrentExecutions: Match.absent(),
    });
    pipeline.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    pipeline.resourceCountIs('AWS::SNS::Subscription', 0);
    expect(stacks.pipeline.stackName).toBe('Gongkai-staging-Pipeline');
  });

  it('props override context', () => {
    const { stacks } = buildTestApp(
      { 'gongkai:reservedConcurrency': 3 },
      { reservedConcurrency: 5, ingestConcurrency: 4, stage: 'dev' },
    );
    expect(stacks.storage.stackName).toBe('Gongkai-dev-Storage');
    Template.fromStack(stacks.pipeline).hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      ReservedConcurrentExecutions: 5,
    });
  });
});
