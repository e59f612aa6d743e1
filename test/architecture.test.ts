/**
 * The layers of docs/architecture.md, checked against every import in src/: a back-edge fails the suite.
 * A folder may import itself, the folders listed for it, and packages; nothing else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '..', 'src');

/** Lowest first. `errors` and `types` are leaves every layer may use. */
const ALLOWED: Record<string, readonly string[]> = {
  config: [],
  db: ['config'],
  log: ['config'],
  sessions: ['config', 'db'],
  etl: ['config', 'db', 'log', 'sessions'],
  generate: ['etl'],
  format: ['sessions', 'etl'],
  ui: ['config', 'db', 'sessions', 'etl', 'format', 'log'],
  commands: ['config', 'db', 'sessions', 'etl', 'generate', 'format', 'log', 'ui'],
  'cli.tsx': ['config', 'db', 'commands', 'ui', 'format'],
};
const LEAVES = new Set(['errors.ts', 'types']);

/** Only src/db talks to the driver or knows the embedded server. */
const DRIVER_PACKAGES = /^(pg|pg-copy-streams|pg-cursor|pg-connection-string|pgpass)(\/|$)/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]!);
}

function layerOf(file: string): string {
  const top = path.relative(SRC, file).split(path.sep)[0]!;
  return top.replace(/\.js$/, '.ts').replace(/^cli\.ts$/, 'cli.tsx');
}

test('every import in src/ goes down the layers of docs/architecture.md', () => {
  const backEdges: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = layerOf(file);
    const allowed = ALLOWED[from];
    if (!allowed && !LEAVES.has(from)) {
      backEdges.push(`${path.relative(SRC, file)}: src/${from} has no place in docs/architecture.md`);
      continue;
    }
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith('.')) {
        if (DRIVER_PACKAGES.test(specifier) && from !== 'db' && from !== 'config') {
          backEdges.push(`${path.relative(SRC, file)} imports the driver package ${specifier}`);
        }
        continue;
      }
      const target = path.resolve(path.dirname(file), specifier);
      const to = layerOf(target);
      // the commands start the app; what else they share with it lives in src/format
      if (from === 'commands' && to === 'ui' && path.relative(SRC, target) !== path.join('ui', 'run.js')) {
        backEdges.push(`${path.relative(SRC, file)} imports ${specifier}: only ui/run.js, the app's entry, is the commands' to use`);
        continue;
      }
      if (to === from || LEAVES.has(to) || allowed?.includes(to)) continue;
      backEdges.push(`${path.relative(SRC, file)} imports src/${to} (${specifier})`);
    }
  }
  assert.deepEqual(backEdges, []);
});

test('above src/db, only the connection entry point is imported: nothing knows the backend', () => {
  const offenders = sourceFiles(SRC)
    .filter((file) => layerOf(file) !== 'db')
    .flatMap((file) =>
      importsOf(file)
        .filter((s) => s.startsWith('.') && /\/db\/(postgres|embedded\/|cancel)/.test(path.resolve(path.dirname(file), s)))
        .map((s) => `${path.relative(SRC, file)} imports ${s}`),
    );
  assert.deepEqual(offenders, []);
});

test('screens hold no SQL: statements live in sql/ or src/sessions', () => {
  const dir = path.join(SRC, 'ui');
  const offenders = sourceFiles(dir).filter((file) => /\b(SELECT|INSERT|UPDATE|DELETE)\s+[\w*]+\s+(FROM|INTO|SET)\b/.test(fs.readFileSync(file, 'utf8')));
  assert.deepEqual(offenders.map((f) => path.relative(SRC, f)), []);
});
