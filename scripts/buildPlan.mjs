// What `node scripts/build.mjs` must rebuild: a target whose inputs (their paths and contents)
// hash the same as at its last good build, and whose outputs are all there, is skipped. The
// hashes live in dist/.build-stamp.json; a target's entry is dropped before it builds and written
// back only when the build succeeded, so a failed or half build is never taken for a good one.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export const STAMP_FILE = 'dist/.build-stamp.json';

const SHARED_INPUTS = ['shared', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.base.json', 'scripts/build.mjs', 'scripts/buildPlan.mjs'];

/** Each target: the files and folders it is built from, and the files a good build leaves. */
export const BUILD_TARGETS = {
  renderer: {
    inputs: ['renderer', 'vite.config.ts', 'tsconfig.web.json', ...SHARED_INPUTS],
    outputs: ['dist/renderer/index.html'],
  },
  electron: {
    inputs: ['electron', 'db', 'tsconfig.node.json', ...SHARED_INPUTS],
    outputs: ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/electron/host.cjs'],
  },
};

/** One hash of every file under the inputs (sorted paths and contents); a missing input counts as missing. */
export function inputsHash(root, inputs) {
  const hash = createHash('sha256');
  for (const input of [...inputs].sort()) {
    for (const file of filesUnder(join(root, input))) {
      hash.update(relative(root, file).split(sep).join('/'));
      hash.update('\0');
      hash.update(readFileSync(file));
      hash.update('\0');
    }
    if (!existsSync(join(root, input))) hash.update(`missing:${input}\0`);
  }
  return hash.digest('hex');
}

function filesUnder(path) {
  if (!existsSync(path)) return [];
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    return [path]; // a file
  }
  return entries
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(path, entry.name)) : entry.isFile() ? [join(path, entry.name)] : []));
}

export function readStamp(root) {
  try {
    return JSON.parse(readFileSync(join(root, STAMP_FILE), 'utf8'));
  } catch {
    return {};
  }
}

export function writeStamp(root, stamp) {
  mkdirSync(dirname(join(root, STAMP_FILE)), { recursive: true });
  writeFileSync(join(root, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
}

/**
 * The build to do: for each target asked for (all when `only` is empty), whether it is stale and
 * the hash its stamp gets after a good build. `force` rebuilds all asked for.
 */
export function planBuild(root, { only = [], force = false, targets = BUILD_TARGETS } = {}) {
  const stamp = readStamp(root);
  return Object.entries(targets)
    .filter(([name]) => only.length === 0 || only.includes(name))
    .map(([name, target]) => {
      const hash = inputsHash(root, target.inputs);
      const outputsThere = target.outputs.every((output) => existsSync(join(root, output)));
      const reason = force ? 'forced' : !outputsThere ? 'not built yet' : stamp[name] !== hash ? 'changed' : null;
      return { name, hash, stale: reason !== null, reason };
    });
}

/** Before building a target: forget its stamp, so a build that dies half-way is not taken for a good one. */
export function forgetStamp(root, name) {
  const stamp = readStamp(root);
  if (!(name in stamp)) return;
  delete stamp[name];
  writeStamp(root, stamp);
}

export function recordStamp(root, name, hash) {
  writeStamp(root, { ...readStamp(root), [name]: hash });
}

export function removeStamp(root) {
  rmSync(join(root, STAMP_FILE), { force: true });
}
