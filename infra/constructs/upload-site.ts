import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import { uploadPageCsp } from '../../shared/upload-page/csp.ts';
import { UPLOAD_PAGE } from '../../shared/upload-page/paths.ts';
import type { UploadRefs } from '../stacks/upload-stack.ts';
import { DIRECTORY_INDEX_FUNCTION, type SiteDistribution } from './site-distribution.ts';

export interface UploadSiteProps {
  site: SiteDistribution;
  upload: UploadRefs;
  uploadBucketName: string;
}

/**
 * The upload page on the site's distribution (its files are deployed by the UploadPage stack): `/upload/*` served
 * from the site bucket with the page's own CSP
 * (scripts from the site only; connections to the site, Cognito and the upload bucket), and `/api/*` forwarded to
 * the upload API (no caching, all viewer headers but Host, so the Authorization header reaches API Gateway) — same
 * origin for the page, no CORS on the API.
 */
export class UploadSite extends Construct {
  readonly pagePolicy: cloudfront.ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: UploadSiteProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const authEndpoint = `https://cognito-idp.${stack.region}.amazonaws.com/`;
    const bucketOrigin = `https://${props.uploadBucketName}.s3.${stack.region}.amazonaws.com`;

    this.pagePolicy = new cloudfront.ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'gongkai upload page: the site headers, with connections to Cognito and the upload bucket',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: uploadPageCsp([authEndpoint, bucketOrigin]),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Cache-Control', value: 'no-cache', override: true }],
      },
    });

    const directoryIndex = new cloudfront.Function(this, 'DirectoryIndex', {
      comment: 'Serve index.html for /upload/',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(DIRECTORY_INDEX_FUNCTION),
    });
    props.site.distribution.addBehavior(`/${UPLOAD_PAGE.dir}*`, props.site.siteOrigin, {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: this.pagePolicy,
      compress: true,
      functionAssociations: [{ function: directoryIndex, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
    });
    props.site.distribution.addBehavior('/api/*', new origins.HttpOrigin(props.upload.apiDomainName), {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: props.site.responseHeadersPolicy,
      compress: true,
    });
  }
}

/**
 * Where the upload page is served from, for the upload bucket's CORS rule (the page reads S3's answer to its POST:
 * 204, or EntityTooLarge / AccessDenied). The distribution's own domain is only known after the site stack, which
 * depends on the storage stack, so the rule names the custom domain when there is one and CloudFront's domains.
 */
export function uploadPageOrigins(domainName: string | undefined): string[] {
  return [...(domainName ? [`https://${domainName}`] : []), 'https://*.cloudfront.net'];
}
