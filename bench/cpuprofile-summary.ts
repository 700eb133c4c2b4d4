import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * Top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`), as a table: where the time is spent, not who
 * called it. Usage: `npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [top=25]`.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  fn: string;
  where: string;
  selfMs: number;
  share: number;
}

export function hotSpots(profile: Profile, top: number, root = process.cwd()): { total: number; rows: HotSpot[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { fn: string; where: string; us: number }>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') return;
    total += dt;
    const file = url.startsWith('file://') ? relative(root, new URL(url).pathname) : url || '(native)';
    const where = `${file}:${lineNumber + 1}`;
    const key = `${functionName}@${where}`;
    const entry = self.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
    entry.us += dt;
    self.set(key, entry);
  });
  const rows = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({ fn: e.fn, where: e.where, selfMs: e.us / 1000, share: total === 0 ? 0 : e.us / total }));
  return { total: total / 1000, rows };
}

/** Self time grouped by file (shared/rules/engine.ts, node_modules/exceljs/…, …). */
export function byFile(profile: Profile, root = process.cwd()): { file: string; selfMs: number; share: number }[] {
  const { rows, total } = hotSpots(profile, Number.POSITIVE_INFINITY, root);
  const files = new Map<string, number>();
  for (const r of rows) {
    const file = r.where.replace(/:\d+$/, '').replace(/^(node_modules\/[^/]+)\/.*$/, '$1');
    files.set(file, (files.get(file) ?? 0) + r.selfMs);
  }
  return [...files.entries()]
    .map(([file, selfMs]) => ({ file, selfMs, share: selfMs / total }))
    .sort((a, b) => b.selfMs - a.selfMs);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx bench/cpuprofile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const { total, rows } = hotSpots(profile, Number(process.argv[3] ?? 25));
  console.log(`busy time ${total.toFixed(0)} ms`);
  for (const r of rows) {
    console.log(
      `${(r.share * 100).toFixed(1).padStart(5)}%  ${r.selfMs.toFixed(1).padStart(8)} ms  ${r.fn}  ${r.where}`,
    );
  }
  console.log('\nby file:');
  for (const f of byFile(profile).slice(0, 15)) {
    console.log(`${(f.share * 100).toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(1).padStart(8)} ms  ${f.file}`);
  }
}
