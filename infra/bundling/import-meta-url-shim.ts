/**
 * Injected into the CommonJS bundle of the ingest function (esbuild `inject` + `define: import.meta.url`).
 * The sources are ESM and may use `import.meta.url`; esbuild leaves it empty in CJS output, so it is replaced by
 * the URL of the bundle file, which is what it means at run time.
 */
import { pathToFileURL } from 'node:url';

export const importMetaUrl: string = pathToFileURL(__filename).href;
