import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Dependencies between the folders of shared/ point one way (issue #14 item 5): money and codes at the bottom, then
 * the model (disclosure), the reader (workbook), supplement, rules, explanations, pages, and the use case on top.
 * A cycle between two folders means neither can be understood or changed alone; this test fails on one.
 */
const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));

function folderOf(path: string): string {
  return path.includes('/') ? (path.split('/')[0] ?? '.') : '.';
}

/** Folder → the folders its files import (relative imports only: every import between folders of shared/). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const files = (readdirSync(SHARED, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) =>
    f.endsWith('.ts'),
  );
  for (const file of files) {
    const from = folderOf(file.replaceAll('\\', '/'));
    const text = readFileSync(`${SHARED}${file}`, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = new URL(m[1] ?? '', `file:///shared/${file}`).pathname.replace(/^\/shared\//, '');
      const to = folderOf(target);
      if (to === from) continue;
      const set = graph.get(from) ?? new Set<string>();
      set.add(to);
      graph.set(from, set);
    }
  }
  return graph;
}

/** Every cycle as a path `a → b → … → a` (depth-first search, each cycle reported once per start). */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (start: string, node: string, path: string[]) => {
    for (const next of graph.get(node) ?? []) {
      if (next === start) found.add([...path, start].join(' → '));
      else if (!path.includes(next) && next > start) walk(start, next, [...path, next]);
    }
  };
  for (const start of graph.keys()) walk(start, start, [start]);
  return [...found].sort();
}

describe('shared/ folder dependencies', () => {
  it('have no cycle', () => {
    expect(cycles(folderGraph())).toEqual([]);
  });

  it('the check itself finds a cycle when there is one', () => {
    const graph = new Map([
      ['workbook', new Set(['rules'])],
      ['rules', new Set(['workbook', 'disclosure'])],
    ]);
    expect(cycles(graph)).toEqual(['rules → workbook → rules']);
  });

  it('the reader, the model and the rules stand on their own (no AWS, no pages)', () => {
    const graph = folderGraph();
    for (const low of ['money', 'codes', 'disclosure', 'workbook', 'supplement', 'rules']) {
      const deps = [...(graph.get(low) ?? [])];
      expect(
        deps.filter((d) => ['storage', 'ingest', 'site', 'sandbox', '.'].includes(d)),
        low,
      ).toEqual([]);
    }
  });
});
