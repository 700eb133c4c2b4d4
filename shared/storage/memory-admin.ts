import type { AdminAction, AdminStore, ApprovalOverride, StoredStatusRow, Withdrawal } from '../records/model.ts';
import type { MemoryStore } from './memory.ts';

const clone = <T>(v: T): T => structuredClone(v);

/** In-memory AdminStore for domain tests, over the {@link MemoryStore} whose catalog it edits. */
export class MemoryAdminStore implements AdminStore {
  readonly withdrawals = new Map<string, Withdrawal>();
  readonly approvals = new Map<string, ApprovalOverride>();
  readonly actions: AdminAction[] = [];
  readonly rows = new Map<string, StoredStatusRow>();
  constructor(private readonly store: MemoryStore) {}

  async getWithdrawal(unitCode: string, year: number) {
    const w = this.withdrawals.get(`${unitCode}/${year}`);
    return w ? clone(w) : null;
  }
  async putWithdrawal(unitCode: string, year: number, w: Withdrawal) {
    this.withdrawals.set(`${unitCode}/${year}`, clone(w));
  }
  async deleteWithdrawal(unitCode: string, year: number) {
    this.withdrawals.delete(`${unitCode}/${year}`);
  }
  async getApproval(unitCode: string, year: number) {
    const a = this.approvals.get(`${unitCode}/${year}`);
    return a ? clone(a) : null;
  }
  async putApproval(unitCode: string, year: number, a: ApprovalOverride) {
    this.approvals.set(`${unitCode}/${year}`, clone(a));
  }
  async recordAction(a: AdminAction) {
    this.actions.push(clone(a));
  }
  async listActions(unitCode: string, year: number) {
    return this.actions.filter((a) => a.unitCode === unitCode && a.year === year).map(clone);
  }
  async putStatusRow(row: StoredStatusRow) {
    this.rows.set(`${row.year}/${row.unit}`, clone(row));
  }
  async listStatusRows(year: number) {
    return [...this.rows.values()].filter((r) => r.year === year).map(clone);
  }
  readonly statusState = new Map<number, { changes: number; built: number }>();
  async recordStatusChange(year: number) {
    const s = this.statusState.get(year) ?? { changes: 0, built: 0 };
    s.changes++;
    this.statusState.set(year, s);
    return s.changes;
  }
  async statusReportState(year: number) {
    return { ...(this.statusState.get(year) ?? { changes: 0, built: 0 }) };
  }
  async markStatusReportBuilt(year: number, built: number) {
    const s = this.statusState.get(year) ?? { changes: 0, built: 0 };
    s.built = Math.max(s.built, built);
    this.statusState.set(year, s);
  }
  async removeCatalogEntry(year: number, unitCode: string, departmentSlug: string) {
    this.store.catalog.get(`D/${year}/${departmentSlug}`)?.delete(unitCode);
    this.store.catalog.get(`U/${unitCode}`)?.delete(String(year));
  }
}
