// Where the window was: size, position and maximised, kept in the user data folder so Cunji
// opens where the person left it — unless that place is now off every screen (a laptop
// unplugged from its second monitor), when it opens centred at the remembered size.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Rectangle } from 'electron';

export interface WindowState {
  readonly bounds: Rectangle;
  readonly maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';

/** Enough of the window must show on some screen to grab it: its title bar's middle. */
function isReachable(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  const x = bounds.x + bounds.width / 2;
  const y = bounds.y + 16;
  return workAreas.some((a) => x >= a.x && x <= a.x + a.width && y >= a.y && y <= a.y + a.height);
}

function isRectangle(value: unknown): value is Rectangle {
  const r = value as Record<string, unknown> | null;
  return !!r && ['x', 'y', 'width', 'height'].every((k) => Number.isFinite(r[k])) && (r.width as number) > 0 && (r.height as number) > 0;
}

/** The remembered state, or null when there is none or it cannot be read (never an error). */
export function readWindowState(userDataDir: string, workAreas: readonly Rectangle[]): WindowState | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(userDataDir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return null;
  }
  const state = parsed as { bounds?: unknown; maximized?: unknown } | null;
  if (!state || !isRectangle(state.bounds)) return null;
  const { x, y, width, height } = state.bounds;
  const bounds = isReachable(state.bounds, workAreas) ? { x, y, width, height } : { x: NaN, y: NaN, width, height };
  return { bounds, maximized: state.maximized === true };
}

/** Written whole to a temporary file, then renamed: a crash never leaves half a file. */
export function writeWindowState(userDataDir: string, state: WindowState): void {
  const file = join(userDataDir, WINDOW_STATE_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}
