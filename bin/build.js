// The compiled JavaScript in dist/ and the TypeScript sources in src/ must never disagree: dist/ records a digest of
// the sources it was built from, and the command rebuilds it first when the sources have changed since.
//
//   node bin/build.js   (npm run build, and npm's `prepare` after `npm ci`)
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
const digestFile = path.join(dist, '.source-digest');
// what decides the compiled output: the sources, and the compiler's settings
const SETTINGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  /** @type {string[]} */
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) found.push(full);
  }
  return found;
}

/**
 * A digest of every source file (name and bytes) and of the compiler's settings; undefined without sources.
 * @returns {string | undefined}
 */
export function sourceDigest() {
  const src = path.join(root, 'src');
  if (!fs.existsSync(src)) return undefined;
  const hash = createHash('sha256');
  for (const file of [...sourceFiles(src).sort(), ...SETTINGS.map((name) => path.join(root, name))]) {
    hash.update(path.relative(root, file)).update('\0');
    hash.update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function builtDigest() {
  try {
    return fs.readFileSync(digestFile, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * Compiles src/ into dist/: into a folder of its own first, renamed into place, so that a process starting meanwhile
 * never runs half a build. Returns an error sentence, or undefined on success.
 * @returns {string | undefined}
 */
export function build() {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!fs.existsSync(tsc)) return 'TypeScript is not installed; run `npm ci` (with the dev dependencies) to build dist/.';
  const digest = sourceDigest();
  const staging = path.join(root, `.dist-build-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', staging], {
    cwd: root,
    // the compiler's messages go to stderr: stdout carries only what the command prints (--json)
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    return 'The TypeScript sources do not compile (see above); dist/ was left as it was.';
  }
  if (digest) fs.writeFileSync(path.join(staging, '.source-digest'), `${digest}\n`);
  fs.rmSync(dist, { recursive: true, force: true });
  fs.renameSync(staging, dist);
  return undefined;
}

/** Makes sure dist/ matches src/ before it runs: rebuilt, with one line on stderr, when it does not. */
export function ensureBuilt() {
  const digest = sourceDigest();
  // an install without sources runs what it was given
  if (digest === undefined ? fs.existsSync(path.join(dist, 'cli.js')) : builtDigest() === digest) return;
  process.stderr.write('session-explorer: the sources changed since dist/ was built; compiling them first (npm run build)...\n');
  const error = build();
  if (error) {
    process.stderr.write(`session-explorer: ${error}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const error = build();
  if (error) {
    process.stderr.write(`${error}\n`);
    process.exit(1);
  }
}
