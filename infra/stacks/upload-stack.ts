import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { UnitUserPool } from '../constructs/unit-user-pool.ts';
import { UploadApi } from '../constructs/upload-api.ts';
import { exportedValue } from './exports.ts';
import type { StorageRefs } from './storage-stack.ts';

export interface UploadStackProps extends StackProps {
  stage: string;
  storage: StorageRefs;
  maxUploadBytes: number;
  logRetentionDays: number;
}

/** What the site stack imports: the API origin and the page's sign-in configuration. */
export interface UploadRefs {
  apiDomainName: string;
  userPoolId: string;
  userPoolClientId: string;
}

/**
 * The unit upload page's back end (issue 15): the user pool of the unit accounts (retained) and the upload API.
 * The page itself is deployed to the site bucket by the site stack, which routes `/api/*` here.
 */
export class UploadStack extends Stack {
  readonly users: UnitUserPool;
  readonly uploadApi: UploadApi;
  readonly refs: UploadRefs;

  constructor(scope: Construct, id: string, props: UploadStackProps) {
    super(scope, id, props);
    this.users = new UnitUserPool(this, 'Users', { stage: props.stage });
    this.uploadApi = new UploadApi(this, 'UploadApi', {
      uploadBucketName: props.storage.uploadBucketName,
      tableName: props.storage.tableName,
      maxUploadBytes: props.maxUploadBytes,
      userPool: { userPoolId: this.users.pool.userPoolId, clientId: this.users.client.userPoolClientId },
      logRetentionDays: props.logRetentionDays,
    });
    const prefix = `Gongkai-${props.stage}`;
    this.refs = {
      apiDomainName: exportedValue(this, 'UploadApiDomainName', this.uploadApi.domainName, {
        exportName: `${prefix}-UploadApiDomainName`,
        description: 'Origin of the upload API (CloudFront forwards /api/* here)',
      }),
      userPoolId: exportedValue(this, 'UserPoolId', this.users.pool.userPoolId, {
        exportName: `${prefix}-UserPoolId`,
        description: 'User pool of the unit accounts (units add --email --user-pool …)',
      }),
      userPoolClientId: exportedValue(this, 'UserPoolClientId', this.users.client.userPoolClientId, {
        exportName: `${prefix}-UserPoolClientId`,
        description: 'App client of the upload page',
      }),
    };
  }
}
