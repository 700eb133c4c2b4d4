import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SiteDistribution } from '../constructs/site-distribution.ts';
import { acknowledgeDeploymentHandler, StaticFilesDeployment } from '../constructs/static-files-deployment.ts';
import { UploadSite } from '../constructs/upload-site.ts';
import { exportedValue } from './exports.ts';
import type { UploadRefs } from './upload-stack.ts';

export interface SiteStackProps extends StackProps {
  stage: string;
  domainName: string | undefined;
  certificateArn: string | undefined;
  logRetentionDays: number;
  /** The unit upload page: `/upload/*` with its own CSP and `/api/*` to the upload API (issue 15). */
  upload?: { refs: UploadRefs; uploadBucketName: string } | undefined;
}

/** What the pipeline stack imports from the site stack (named CloudFormation exports). */
export interface SiteRefs {
  siteBucketName: string;
  distributionId: string;
  siteUrl: string;
}

/**
 * Delivery: the site bucket and its CloudFront distribution. The site bucket lives here, not in the storage stack,
 * because its bucket policy must name this distribution (origin access control); in the storage stack that would make
 * the stateful stack depend on a stateless one. Its content is derived (regenerated from the table), yet the bucket
 * is retained on deletion so a teardown never takes the published record offline by accident.
 */
export class SiteStack extends Stack {
  readonly site: SiteDistribution;
  readonly staticFiles: StaticFilesDeployment;
  readonly refs: SiteRefs;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    this.site = new SiteDistribution(this, 'Site', {
      domainName: props.domainName,
      certificateArn: props.certificateArn,
      logRetentionDays: props.logRetentionDays,
    });
    if (props.upload) {
      new UploadSite(this, 'UploadPage', {
        site: this.site,
        upload: props.upload.refs,
        uploadBucketName: props.upload.uploadBucketName,
      });
    }
    // The stylesheet, search script (content-hashed names) and 404 page: written once per deployment, never by uploads.
    this.staticFiles = new StaticFilesDeployment(this, 'StaticFiles', {
      siteBucket: this.site.siteBucket,
      logRetentionDays: props.logRetentionDays,
    });
    acknowledgeDeploymentHandler(this);

    const prefix = `Gongkai-${props.stage}`;
    this.refs = {
      siteBucketName: exportedValue(this, 'SiteBucketName', this.site.siteBucket.bucketName, {
        exportName: `${prefix}-SiteBucketName`,
        description: 'Private bucket holding the generated site (served only through CloudFront)',
      }),
      distributionId: exportedValue(this, 'DistributionId', this.site.distribution.distributionId, {
        exportName: `${prefix}-DistributionId`,
        description: 'CloudFront distribution id (nothing invalidates it: pages expire within a minute)',
      }),
      siteUrl: exportedValue(this, 'DistributionUrl', this.site.siteUrl, {
        exportName: `${prefix}-SiteUrl`,
        description: 'Public URL of the disclosure site',
      }),
    };
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.site.distribution.distributionDomainName,
      description: 'Point the custom domain (CNAME / alias record) here',
    });
  }
}
