import type { DisclosureStore, PublicationRecords } from '../ports.ts';
import type { AdminStore } from '../records/model.ts';
import { loadDisclosureHistory, publishedVersions } from './publication-history.ts';
import { withdrawnFiles } from './withdrawn-site.ts';

/** The publication record the pipeline's publishDisclosure reads (ports.ts `PublicationRecords`), over the stores. */
export function publicationRecords(store: DisclosureStore, admin: AdminStore): PublicationRecords {
  return {
    history: (current, publishedAt) => loadDisclosureHistory({ store, admin }, current, publishedAt),
    async withdrawnPages(unit, year) {
      const w = await admin.getWithdrawal(unit.code, year);
      if (!w) return null;
      const [subs, pointer] = await Promise.all([
        store.listSubmissions(unit.code, year),
        store.getCurrent(unit.code, year),
      ]);
      return withdrawnFiles(
        unit,
        year,
        w,
        publishedVersions(subs, pointer).map((v) => v.version),
      );
    },
  };
}
