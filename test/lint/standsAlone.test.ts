// The repository stands alone: no comment, doc or script points at a document it does not hold
// (notes kept beside the repo while it was built are not shipped with it).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', 'dist', '.git', 'test-results', 'playwright-report', '.cache', 'release']);
const TEXT = /\.(ts|tsx|mjs|cjs|js|md|yml|yaml|json|css|html|sh)$/;
/** Documents that lived beside the repo, never in it. */
const OUTSIDE = /\b(SYNC|DESIGN|TOOLCHAIN|STYLE|DEVELOPERS)\.md\b|\.\.\/shared\/[A-Z]/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (TEXT.test(name) || name === 'run') yield path;
  }
}

describe('the repository', () => {
  it('cites no document it does not hold', () => {
    const self = relative(ROOT, import.meta.filename);
    const offenders = [...files(ROOT)]
      .filter((path) => relative(ROOT, path) !== self)
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((line, i) => (OUTSIDE.test(line) ? [`${relative(ROOT, path)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
