import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';
import { createLogBucket, createPrivateBucket } from './private-bucket.ts';

export { CONTENT_SECURITY_POLICY } from '../../shared/site/security-headers.ts';

import { CONTENT_SECURITY_POLICY } from '../../shared/site/security-headers.ts';

/**
 * Viewer-request rewrite for directory URLs: `/units/A001/` → `/units/A001/index.html` (CloudFront's default root
 * object only applies to `/`), and `/units/A001` → 301 to `/units/A001/` so relative links resolve.
 */
export const DIRECTORY_INDEX_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
    return request;
  }
  var lastSegment = uri.substring(uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: uri + '/' } } };
  }
  return request;
}`;

export interface SiteDistributionProps {
  /** Custom domain, e.g. `gongkai.example.gov.cn`; with `certificateArn`. */
  domainName?: string | undefined;
  /** ACM certificate (us-east-1) covering `domainName`. */
  certificateArn?: string | undefined;
  logRetentionDays: number;
}

/** The private site bucket served only through CloudFront (origin access control), with security headers and logs. */
export class SiteDistribution extends Construct {
  readonly siteBucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  /** The private site bucket as CloudFront's origin (one origin access control; other behaviors reuse it). */
  readonly siteOrigin: cloudfront.IOrigin;
  /** `https://<custom domain>` or `https://<id>.cloudfront.net` (no trailing slash). */
  readonly siteUrl: string;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);

    this.logBucket = createLogBucket(this, 'LogBucket', {
      expireAfterDays: props.logRetentionDays,
      aclsForCloudFront: true,
    });

    this.siteBucket = createPrivateBucket(this, 'SiteBucket', {
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3-access/site-bucket/',
    });

    this.responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'gongkai static site: strict CSP, HSTS, no framing, no sniffing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });

    const directoryIndex = new cloudfront.Function(this, 'DirectoryIndex', {
      comment: 'Serve index.html for directory URLs',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(DIRECTORY_INDEX_FUNCTION),
    });

    const customDomain = props.domainName !== undefined && props.certificateArn !== undefined;
    this.siteOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.siteBucket);
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'gongkai disclosure site',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: this.siteOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
        functionAssociations: [{ function: directoryIndex, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      // The bucket is private: a missing key is a 403 from S3 (no s3:ListBucket for CloudFront) — both become 404.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 404,
        responsePagePath: '/404.html',
        ttl: Duration.minutes(1),
      })),
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(customDomain
        ? {
            domainNames: [props.domainName as string],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn as string),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    this.siteUrl = `https://${customDomain ? props.domainName : this.distribution.distributionDomainName}`;

    if (!customDomain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'No custom domain configured (gongkai:domainName + gongkai:certificateArn): the *.cloudfront.net default certificate always uses the TLSv1 security policy, which cannot be changed; current browsers refuse TLS < 1.2 on their side. Configuring a custom domain sets TLSv1.2_2021 and this acknowledgement is not made.',
      );
    }
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'Public-sector budget disclosure (决算公开) must be readable from anywhere; geo restriction would defeat the purpose.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'Read-only static site served from cache (GET/HEAD only, no forms, no origin compute, private S3 origin via OAC); a WAF web ACL (~US$6/month + per request) adds little. Attach one later if abuse appears.',
    );
  }
}
