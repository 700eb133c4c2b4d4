import type { IngestDeps } from '../shared/ingest/ingest-upload.ts';
import type { DisclosureStore, ReportSink, SiteWriter, UnitRegistry, UploadSource } from '../shared/ports.ts';
import type { SiteRenderer } from '../shared/site/site-model.ts';
import { nowMs } from './stats.ts';

/**
 * Counting (and timing) decorators around the ports the ingest use case works through: write calls per port method,
 * S3 objects written (each site file; a report is its HTML and its JSON), DynamoDB reads (calls and items returned),
 * and the time spent in each kind of work, so an ingest's time splits into validate / render / DynamoDB / S3.
 * DynamoDB items and write requests are counted on the wire by the SDK meter (dynamo-item-size.ts): a port call
 * such as `saveVersion` writes as many items as the adapter decides.
 */
export interface IoCounts {
  /** DynamoDB items written (from the SDK meter). */
  dynamoWrites: number;
  /** DynamoDB write requests (from the SDK meter; a BatchWrite of ≤ 25 items is one). */
  dynamoWriteRequests: number;
  /** S3 objects written (site files and reports). */
  s3Writes: number;
  /** S3 objects read (the upload). */
  s3Reads: number;
  /** CDN invalidation calls (none since issue 12: the site writer has no invalidation; kept for the report). */
  invalidations: number;
  /** DynamoDB reads (GetItem or Query calls) and the items they returned. */
  dynamoReads: number;
  dynamoItemsRead: number;
  /** Write calls by port method, e.g. `store.putSubmission: 2`. */
  byMethod: Record<string, number>;
  /** Milliseconds spent per kind of work. */
  ms: Record<Work, number>;
  /** Milliseconds spent per port method (reads and writes). */
  msByMethod: Record<string, number>;
}

export type Work = 'validate' | 'render' | 'dynamoRead' | 'dynamoWrite' | 's3Read' | 's3Write';

export function emptyCounts(): IoCounts {
  return {
    dynamoWrites: 0,
    dynamoWriteRequests: 0,
    s3Writes: 0,
    s3Reads: 0,
    invalidations: 0,
    dynamoReads: 0,
    dynamoItemsRead: 0,
    byMethod: {},
    ms: { validate: 0, render: 0, dynamoRead: 0, dynamoWrite: 0, s3Read: 0, s3Write: 0 },
    msByMethod: {},
  };
}

export class IoCounter {
  counts: IoCounts = emptyCounts();

  /** Returns the counts so far and starts again from zero. */
  take(): IoCounts {
    const c = this.counts;
    this.counts = emptyCounts();
    return c;
  }

  private async timed<T>(work: Work, run: () => Promise<T>, method?: string): Promise<T> {
    const t = nowMs();
    try {
      return await run();
    } finally {
      const ms = nowMs() - t;
      this.counts.ms[work] += ms;
      if (method) this.counts.msByMethod[method] = (this.counts.msByMethod[method] ?? 0) + ms;
    }
  }

  private timedSync<T>(work: Work, run: () => T): T {
    const t = nowMs();
    try {
      return run();
    } finally {
      this.counts.ms[work] += nowMs() - t;
    }
  }

  private write<T>(method: string, run: () => Promise<T>): Promise<T> {
    this.counts.byMethod[method] = (this.counts.byMethod[method] ?? 0) + 1;
    return this.timed('dynamoWrite', run, method);
  }

  private read<T>(method: string, run: () => Promise<T>, itemsOf: (v: T) => number = defaultItems): Promise<T> {
    return this.timed('dynamoRead', run, method).then((v) => {
      this.counts.dynamoReads++;
      this.counts.dynamoItemsRead += itemsOf(v);
      return v;
    });
  }

  store(inner: DisclosureStore): DisclosureStore {
    return {
      getSubmission: (...a) => this.read('store.getSubmission', () => inner.getSubmission(...a)),
      putSubmission: (s) => this.write('store.putSubmission', () => inner.putSubmission(s)),
      listSubmissions: (...a) => this.read('store.listSubmissions', () => inner.listSubmissions(...a)),
      saveVersion: (v) => this.write('store.saveVersion', () => inner.saveVersion(v)),
      loadVersion: (...a) =>
        this.read(
          'store.loadVersion',
          () => inner.loadVersion(...a),
          (v) => (v === null ? 0 : 1 + Object.keys(v.disclosure.tables).length),
        ),
      getCurrent: (...a) => this.read('store.getCurrent', () => inner.getCurrent(...a)),
      setCurrent: (...a) => this.write('store.setCurrent', () => inner.setCurrent(...a)),
      putCatalogEntry: (...a) => this.write('store.putCatalogEntry', () => inner.putCatalogEntry(...a)),
      listDepartmentEntries: (...a) =>
        this.read('store.listDepartmentEntries', () => inner.listDepartmentEntries(...a)),
      claimSubmission: (s) => this.write('store.claimSubmission', () => inner.claimSubmission(s)),
      listDepartmentEntriesPage: (...a) =>
        this.read(
          'store.listDepartmentEntriesPage',
          () => inner.listDepartmentEntriesPage(...a),
          (v) => v.entries.length,
        ),
      takePublishLease: (...a) => this.write('store.takePublishLease', () => inner.takePublishLease(...a)),
      releasePublishLease: (...a) => this.write('store.releasePublishLease', () => inner.releasePublishLease(...a)),
      recordDepartmentChange: (...a) =>
        this.write('store.recordDepartmentChange', () => inner.recordDepartmentChange(...a)),
      departmentIndexState: (...a) => this.read('store.departmentIndexState', () => inner.departmentIndexState(...a)),
      markDepartmentBuilt: (...a) => this.write('store.markDepartmentBuilt', () => inner.markDepartmentBuilt(...a)),
      recordYearChange: (...a) => this.write('store.recordYearChange', () => inner.recordYearChange(...a)),
      yearIndexState: (...a) => this.read('store.yearIndexState', () => inner.yearIndexState(...a)),
      markYearBuilt: (...a) => this.write('store.markYearBuilt', () => inner.markYearBuilt(...a)),
      listUnitEntries: (...a) => this.read('store.listUnitEntries', () => inner.listUnitEntries(...a)),
      putDepartmentSummary: (...a) => this.write('store.putDepartmentSummary', () => inner.putDepartmentSummary(...a)),
      listDepartmentSummaries: (...a) =>
        this.read('store.listDepartmentSummaries', () => inner.listDepartmentSummaries(...a)),
      putYearSummary: (...a) => this.write('store.putYearSummary', () => inner.putYearSummary(...a)),
      listYearSummaries: () => this.read('store.listYearSummaries', () => inner.listYearSummaries()),
    };
  }

  registry(inner: UnitRegistry): UnitRegistry {
    return { ...inner, get: (code) => this.read('registry.get', () => inner.get(code)) };
  }

  uploads(inner: UploadSource): UploadSource {
    return {
      fetch: (...a) => {
        this.counts.s3Reads++;
        return this.timed('s3Read', () => inner.fetch(...a), 'uploads.fetch');
      },
    };
  }

  site(inner: SiteWriter): SiteWriter {
    return {
      write: (files) => {
        this.counts.byMethod['site.write'] = (this.counts.byMethod['site.write'] ?? 0) + 1;
        this.counts.s3Writes += files.length;
        return this.timed('s3Write', () => inner.write(files), 'site.write');
      },
    };
  }

  reports(inner: ReportSink): ReportSink {
    return {
      putReport: (...a) => {
        this.counts.byMethod['reports.putReport'] = (this.counts.byMethod['reports.putReport'] ?? 0) + 1;
        // The HTML and the JSON report.
        this.counts.s3Writes += 2;
        return this.timed('s3Write', () => inner.putReport(...a), 'reports.putReport');
      },
    };
  }

  renderer(inner: SiteRenderer): SiteRenderer {
    return {
      disclosureFiles: (p) => this.timedSync('render', () => inner.disclosureFiles(p)),
      unitPage: (...a) => this.timedSync('render', () => inner.unitPage(...a)),
      departmentPage: (...a) => this.timedSync('render', () => inner.departmentPage(...a)),
      yearPage: (...a) => this.timedSync('render', () => inner.yearPage(...a)),
      homePage: (...a) => this.timedSync('render', () => inner.homePage(...a)),
      staticFiles: () => inner.staticFiles(),
    };
  }

  /** Adds what the SDK meter saw on the wire during the same span. */
  static withWire(counts: IoCounts, wire: { items: number; requests: number }): IoCounts {
    return { ...counts, dynamoWrites: wire.items, dynamoWriteRequests: wire.requests };
  }

  /** The ingest dependencies with every port counted and timed. */
  deps(deps: IngestDeps): IngestDeps {
    return {
      ...deps,
      uploads: this.uploads(deps.uploads),
      registry: this.registry(deps.registry),
      store: this.store(deps.store),
      site: this.site(deps.site),
      reports: this.reports(deps.reports),
      renderer: this.renderer(deps.renderer),
      validate: (bytes, expect) => this.timed('validate', () => deps.validate(bytes, expect), 'validate'),
    };
  }
}

function defaultItems(v: unknown): number {
  return Array.isArray(v) ? v.length : v === null || v === undefined ? 0 : 1;
}
