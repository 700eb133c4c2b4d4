import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AdminAction, AdminStore, ApprovalOverride, StoredStatusRow, Withdrawal } from '../records/model.ts';
import { documentClient, type Item, queryAll, strip } from './dynamo-store.ts';
import { keys } from './table-schema.ts';

/** Keys of the admin items (see admin-store.ts); the unit-year partition is the pipeline's. */
export const adminKeys = {
  withdrawal: () => 'ADMIN#WITHDRAWN',
  approval: () => 'ADMIN#APPROVAL',
  actionPrefix: () => 'ADMIN#ACT#',
  action: (at: string) => `ADMIN#ACT#${at}#${randomUUID().slice(0, 8)}`,
  statusYear: (year: number) => `STATUS#${year}`,
  /** The year's status change counter and report build state (its own partition: the rows' stays rows only). */
  statusState: (year: number) => `STATUSIDX#${year}`,
} as const;

export class DynamoAdminStore implements AdminStore {
  constructor(
    private readonly tableName: string,
    private readonly doc: DynamoDBDocumentClient = documentClient(),
  ) {}

  private async get<T>(pk: string, sk: string): Promise<T | null> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }));
    return strip<T>(r.Item);
  }
  private async put(pk: string, sk: string, body: object): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { pk, sk, ...body } }));
  }
  private async delete(pk: string, sk: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { pk, sk } }));
  }
  private query(pk: string, prefix: string | null): Promise<Item[]> {
    return queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: prefix === null ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: prefix === null ? { ':pk': pk } : { ':pk': pk, ':p': prefix },
    });
  }

  getWithdrawal(unitCode: string, year: number) {
    return this.get<Withdrawal>(keys.unitYear(unitCode, year), adminKeys.withdrawal());
  }
  putWithdrawal(unitCode: string, year: number, w: Withdrawal) {
    return this.put(keys.unitYear(unitCode, year), adminKeys.withdrawal(), w);
  }
  deleteWithdrawal(unitCode: string, year: number) {
    return this.delete(keys.unitYear(unitCode, year), adminKeys.withdrawal());
  }
  getApproval(unitCode: string, year: number) {
    return this.get<ApprovalOverride>(keys.unitYear(unitCode, year), adminKeys.approval());
  }
  putApproval(unitCode: string, year: number, a: ApprovalOverride) {
    return this.put(keys.unitYear(unitCode, year), adminKeys.approval(), a);
  }
  recordAction(a: AdminAction) {
    return this.put(keys.unitYear(a.unitCode, a.year), adminKeys.action(a.at), a);
  }
  async listActions(unitCode: string, year: number) {
    const items = await this.query(keys.unitYear(unitCode, year), adminKeys.actionPrefix());
    return items.map((i) => strip<AdminAction>(i) as AdminAction);
  }
  putStatusRow(row: StoredStatusRow) {
    return this.put(adminKeys.statusYear(row.year), keys.unit(row.unit), row);
  }
  async listStatusRows(year: number) {
    const items = await this.query(adminKeys.statusYear(year), null);
    return items.map((i) => strip<StoredStatusRow>(i) as StoredStatusRow);
  }
  async recordStatusChange(year: number): Promise<number> {
    const r = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: adminKeys.statusState(year), sk: 'STATE' },
        UpdateExpression: 'ADD changes :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(r.Attributes?.changes ?? 0);
  }
  async statusReportState(year: number) {
    const s = await this.get<{ changes?: number; built?: number }>(adminKeys.statusState(year), 'STATE');
    return { changes: Number(s?.changes ?? 0), built: Number(s?.built ?? 0) };
  }
  async markStatusReportBuilt(year: number, built: number): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: adminKeys.statusState(year), sk: 'STATE' },
          UpdateExpression: 'SET built = :built',
          ConditionExpression: 'attribute_not_exists(built) OR built <= :built',
          ExpressionAttributeValues: { ':built': built },
        }),
      );
    } catch (error) {
      // A build that read a later counter finished first: it covers this one.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
  async removeCatalogEntry(year: number, unitCode: string, departmentSlug: string) {
    // The caller then records the department's index change (publish-site.ts recordIndexChanges).
    await Promise.all([
      this.delete(keys.departmentYear(year, departmentSlug), keys.unit(unitCode)),
      this.delete(keys.unitPublications(unitCode), keys.year(year)),
    ]);
  }
}
