// The remembered window place, on real files, under Node (no Electron needed).
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWindowState, WINDOW_STATE_FILE, writeWindowState } from '../../../electron/main/windowState';
import { windowOptions } from '../../../electron/main/windowOptions';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const LAPTOP = [{ x: 0, y: 0, width: 1920, height: 1040 }];
const WITH_MONITOR = [...LAPTOP, { x: 1920, y: 0, width: 2560, height: 1400 }];

describe('the remembered window', () => {
  it('opens where it was left, maximised or not, and leaves no temporary file behind', () => {
    const dir = tempDir();
    writeWindowState(dir, { bounds: { x: 100, y: 80, width: 1300, height: 860 }, maximized: true });
    expect(readWindowState(dir, LAPTOP)).toEqual({ bounds: { x: 100, y: 80, width: 1300, height: 860 }, maximized: true });
    expect(readdirSync(dir)).toEqual([WINDOW_STATE_FILE]);
    expect(windowOptions('p', readWindowState(dir, LAPTOP)!.bounds)).toMatchObject({ x: 100, y: 80, width: 1300, height: 860 });
  });

  it('keeps the size but lets the system place it when its place is on a monitor no longer there', () => {
    const dir = tempDir();
    writeWindowState(dir, { bounds: { x: 2200, y: 100, width: 1400, height: 900 }, maximized: false });
    expect(readWindowState(dir, WITH_MONITOR)!.bounds).toEqual({ x: 2200, y: 100, width: 1400, height: 900 });
    const state = readWindowState(dir, LAPTOP)!;
    const options = windowOptions('p', state.bounds);
    expect(options).toMatchObject({ width: 1400, height: 900 });
    expect(options).not.toHaveProperty('x');
    expect(options).not.toHaveProperty('y');
  });

  it('starts fresh, without an error, from a missing, damaged or nonsense file', () => {
    const dir = tempDir();
    expect(readWindowState(dir, LAPTOP)).toBeNull();
    for (const text of ['{', 'null', '[]', '{"bounds":{"x":0,"y":0,"width":-5,"height":10}}', '{"bounds":{"x":"a","y":0,"width":5,"height":10}}']) {
      writeFileSync(join(dir, WINDOW_STATE_FILE), text);
      expect(readWindowState(dir, LAPTOP)).toBeNull();
    }
    expect(existsSync(join(dir, WINDOW_STATE_FILE))).toBe(true);
  });
});
