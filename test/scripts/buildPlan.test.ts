// `npm start` rebuilds only what changed: on a temporary tree, a target whose inputs and outputs
// are as at its last good build is skipped; a changed, added or removed input, a missing output,
// a build that died half-way (its stamp forgotten) or --force rebuild it, and only it.
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { forgetStamp, planBuild, recordStamp, type BuildTarget } from '../../scripts/buildPlan.mjs';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

const targets: Record<string, BuildTarget> = {
  renderer: { inputs: ['renderer', 'shared', 'package.json'], outputs: ['dist/renderer/index.html'] },
  electron: { inputs: ['electron', 'shared', 'package.json'], outputs: ['dist/electron/host.cjs'] },
};

let root: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** What the build script does for a stale target: forget, build (write outputs), record. */
function build(only: string[] = []): string[] {
  const built: string[] = [];
  for (const target of planBuild(root, { only, targets }).filter((t) => t.stale)) {
    forgetStamp(root, target.name);
    for (const output of targets[target.name]!.outputs) write(output, `built from ${target.hash}`);
    recordStamp(root, target.name, target.hash);
    built.push(target.name);
  }
  return built;
}

const stale = (options: { only?: string[]; force?: boolean } = {}) =>
  planBuild(root, { ...options, targets }).filter((t) => t.stale).map((t) => `${t.name}: ${t.reason}`);

beforeEach(() => {
  root = tempDir();
  write('package.json', '{"version":"0.1.0"}');
  write('renderer/src/App.tsx', 'export function App() {}');
  write('electron/host/cli.ts', 'main();');
  write('shared/api/methods.ts', 'export const METHODS = [];');
});

describe('the build decision', () => {
  it('builds everything the first time, then nothing while nothing changes', () => {
    expect(stale()).toEqual(['renderer: not built yet', 'electron: not built yet']);
    expect(build()).toEqual(['renderer', 'electron']);
    expect(stale()).toEqual([]);
    expect(build()).toEqual([]);
  });

  it('rebuilds only the target whose inputs changed, by content: a touched but unchanged file rebuilds nothing', () => {
    build();
    utimesSync(join(root, 'renderer/src/App.tsx'), new Date(), new Date(Date.now() + 60_000));
    expect(stale()).toEqual([]);
    write('renderer/src/App.tsx', 'export function App() { return 1; }');
    expect(stale()).toEqual(['renderer: changed']);
    expect(build()).toEqual(['renderer']);
    write('electron/services/new.ts', 'export {};'); // an added file
    expect(build()).toEqual(['electron']);
    rmSync(join(root, 'electron/services/new.ts')); // a removed one
    expect(build()).toEqual(['electron']);
    write('shared/api/methods.ts', 'export const METHODS = ["a"];'); // an input of both
    expect(build()).toEqual(['renderer', 'electron']);
    expect(build()).toEqual([]);
  });

  it('rebuilds a target whose output is missing, or whose last build died before its stamp was written', () => {
    build();
    rmSync(join(root, 'dist/electron/host.cjs'));
    expect(stale()).toEqual(['electron: not built yet']);
    build();
    forgetStamp(root, 'renderer'); // as a build does before it starts, and was then killed
    expect(stale()).toEqual(['renderer: changed']);
  });

  it('builds what was asked for only, and everything asked for with force', () => {
    expect(stale({ only: ['electron'] })).toEqual(['electron: not built yet']);
    build(['electron']);
    expect(stale()).toEqual(['renderer: not built yet']);
    build();
    expect(stale({ force: true })).toEqual(['renderer: forced', 'electron: forced']);
  });
});
