import type { IngestDeps } from '../../shared/ingest/ingest-upload.ts';
import { validateWorkbook } from '../../shared/validate-workbook.ts';
import { fakeRenderer } from '../pipeline/fake-renderer.ts';

/**
 * The ingest use case's dependencies for a test over in-memory ports: the test's ports (uploads, reports, site,
 * registry, store), the fake renderer, the real validation, https://example.test as the site and a 1 MiB upload
 * limit. Anything else the test passes (indexQueue, fault, …) is added, or replaces a default.
 */
export function memoryIngestDeps(
  ports: Pick<IngestDeps, 'uploads' | 'reports' | 'site' | 'registry' | 'store'> & Partial<IngestDeps>,
): IngestDeps {
  return {
    renderer: fakeRenderer,
    validate: validateWorkbook,
    siteBaseUrl: 'https://example.test',
    maxUploadBytes: 1024 * 1024,
    ...ports,
  };
}
