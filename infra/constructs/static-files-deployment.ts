import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { staticFiles } from '../../shared/site/static-files.ts';
import { ASSET_CACHE_CONTROL, PAGE_CACHE_CONTROL } from '../../shared/storage/s3-store.ts';
import { acknowledge } from '../nag.ts';

export interface StaticFilesDeploymentProps {
  siteBucket: s3.IBucket;
  logRetentionDays?: number;
}

/**
 * Writes the site's static files once per deployment (CDK BucketDeployment, never pruning: the pages beside them are
 * written by the functions): the content-hashed stylesheet and search script as immutable for a year, the 404 page
 * with the pages' short cache. Uploads never write them, and since a changed asset is a new name, no CDN
 * invalidation is ever needed.
 *
 * The deployment handler gets its own role with exactly what it uses — read its source objects, list the site
 * bucket (`aws s3 sync`), put these files — instead of the default one (read/write/delete on the whole bucket).
 */
export class StaticFilesDeployment extends Construct {
  readonly deployments: s3deploy.BucketDeployment[];
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: StaticFilesDeploymentProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'gongkai: writes the site static files at deployment',
    });
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: (props.logRetentionDays ?? 365) as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    logGroup.grantWrite(this.role);
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListSiteBucket',
        actions: ['s3:ListBucket'],
        resources: [props.siteBucket.bucketArn],
      }),
    );
    const fixedRole = this.role.withoutPolicyUpdates();
    // Two deployments (two cache policies): the hashed assets, immutable; the 404 page, like every page.
    const files = staticFiles();
    const groups = [
      { id: 'Assets', files: files.filter((f) => f.path.startsWith('assets/')), cacheControl: ASSET_CACHE_CONTROL },
      { id: 'Pages', files: files.filter((f) => !f.path.startsWith('assets/')), cacheControl: PAGE_CACHE_CONTROL },
    ];
    this.deployments = groups.map((group) => {
      const sources = group.files.map((file) =>
        s3deploy.Source.data(file.path, typeof file.body === 'string' ? file.body : ''),
      );
      for (const [i, source] of sources.entries()) {
        // Bound once here to learn the source object, which the role may read (and nothing else of the assets bucket).
        const bound = source.bind(this, { handlerRole: fixedRole });
        this.role.addToPolicy(
          new iam.PolicyStatement({
            actions: ['s3:GetObject'],
            resources: [bound.bucket.arnForObjects(bound.zipObjectKey)],
          }),
        );
        const path = group.files[i]?.path as string;
        this.role.addToPolicy(
          new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [props.siteBucket.arnForObjects(path)] }),
        );
      }
      // Content types from the extensions (.css, .js, .html); scripts and styles read as UTF-8 like their pages.
      return new s3deploy.BucketDeployment(this, group.id, {
        sources,
        destinationBucket: props.siteBucket,
        prune: false,
        retainOnDelete: true,
        role: fixedRole,
        logGroup,
        cacheControl: [s3deploy.CacheControl.fromString(group.cacheControl)],
      });
    });
  }
}

/** cdk-nag on the singleton handler function CDK creates for BucketDeployment (in the stack, not in the construct). */
export function acknowledgeDeploymentHandler(stackScope: Construct): void {
  for (const child of stackScope.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    acknowledge(
      child,
      'AwsSolutions-L1',
      "CDK's BucketDeployment handler (runs only during deployment) pins its own Python runtime; it cannot be changed through the L2 API.",
    );
  }
}
