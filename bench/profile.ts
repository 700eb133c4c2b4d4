import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { type IngestDeps, ingestUpload } from '../shared/ingest/ingest-upload.ts';
import { siteRenderer } from '../shared/site/index.ts';
import { MemoryRegistry, MemoryReports, MemorySite, MemoryStore, MemoryUploads } from '../shared/storage/memory.ts';
import { validateWorkbook } from '../shared/validate-workbook.ts';
import { byFile, hotSpots } from './cpuprofile-summary.ts';
import { loadWorkloads, YEAR } from './workloads.ts';

/**
 * CPU profile of the validation or of the whole ingest use case (on the in-memory ports: compute only, no I/O), run
 * repeatedly on one workload with the profiler on only around the timed loop (the V8 sampler `node --cpu-prof`
 * uses). Prints the top self-time functions and writes the .cpuprofile (open it in Chrome DevTools → Performance).
 *
 * Usage: `npx tsx bench/profile.ts [validate|ingest] [seed|large] [runs=100] [out.cpuprofile]`
 * Under tsx, `__name` and `set name` are tsx's keepNames helper: the Lambda bundle has no such calls, ignore them.
 */
const what = (process.argv[2] ?? 'validate') as 'validate' | 'ingest';
const which = (process.argv[3] ?? 'seed') as 'seed' | 'large';
const runs = Number(process.argv[4] ?? 100);
const out = process.argv[5] ?? `/tmp/gongkai-${what}-${which}.cpuprofile`;

const workloads = await loadWorkloads();
const workload = workloads[which];
const key = `uploads/${workload.unit.code}/${YEAR}/决算公开.xlsx`;
const uploads = new MemoryUploads();
uploads.put(key, workload.bytes);
const registry = new MemoryRegistry();
await registry.put(workload.unit);
const deps: IngestDeps = {
  uploads,
  registry,
  reports: new MemoryReports(),
  site: new MemorySite(),
  store: new MemoryStore(),
  renderer: siteRenderer,
  validate: validateWorkbook,
  siteBaseUrl: 'https://example.invalid',
  maxUploadBytes: 10 * 1024 * 1024,
};
let sequence = 0;
const once = async () => {
  if (what === 'validate') {
    await validateWorkbook(workload.bytes, workload.expect);
    return;
  }
  sequence++;
  const outcome = await ingestUpload(
    {
      key,
      eventTime: new Date().toISOString(),
      sequencer: sequence.toString(16).padStart(16, '0'),
      etag: null,
      versionId: null,
    },
    deps,
  );
  if (outcome.status !== 'published') throw new Error(`expected a publication, got ${outcome.status}`);
};
for (let i = 0; i < 10; i++) await once();

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
for (let i = 0; i < runs; i++) await once();
const { profile } = await session.post('Profiler.stop');
session.disconnect();
await writeFile(out, JSON.stringify(profile));

const { total, rows } = hotSpots(profile as never, 30);
console.log(`${what} ${which}: ${runs} runs, busy ${total.toFixed(0)} ms (${(total / runs).toFixed(1)} ms/run)`);
for (const r of rows) {
  console.log(`${(r.share * 100).toFixed(1).padStart(5)}%  ${r.selfMs.toFixed(1).padStart(8)} ms  ${r.fn}  ${r.where}`);
}
console.log('\nself time by file:');
for (const f of byFile(profile as never).slice(0, 20)) {
  console.log(`${(f.share * 100).toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(1).padStart(8)} ms  ${f.file}`);
}
console.log(`\nprofile: ${out}`);
