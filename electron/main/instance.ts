// One Cunji at a time. A second start (a double-clicked .cunji file, a second shortcut) hands
// its command line to the running app and leaves; the running app shows its window and passes
// any .cunji paths on to the renderer to import. macOS sends the same as `open-file` events,
// often before the window exists, so commands wait in an outbox until the page has loaded.
import { isAbsolute, resolve } from 'node:path';
import type { MenuCommand } from '../../shared/api/menuCommands';

export const BUNDLE_EXTENSION = '.cunji';
/** Flags that take the next argument as their value (it is never a file to import). */
const FLAGS_WITH_VALUE = new Set(['--data', '--port']);

/**
 * The `.cunji` files named on a command line, absolute (a relative one is resolved from the
 * second instance's working directory), each once, in order. argv[0] is the executable.
 */
export function bundlePathsFromArgv(argv: readonly string[], workingDirectory: string): string[] {
  const paths: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (FLAGS_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('-') || !arg.toLowerCase().endsWith(BUNDLE_EXTENSION) || arg.includes('\u0000')) continue;
    const path = isAbsolute(arg) ? arg : resolve(workingDirectory, arg);
    if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}

export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** Brings the window back: un-minimised, shown (it may be hidden), focused. */
export function focusWindow(win: FocusableWindow | null): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** Commands for the renderer, kept until a page is there to receive them. */
export interface CommandOutbox {
  send(command: MenuCommand): void;
  /** The page has loaded: deliver what waited, and from now on deliver at once. */
  attach(deliver: (command: MenuCommand) => void): void;
  /** The page is gone (window closed, reloading): keep commands again. */
  detach(): void;
}

export function createCommandOutbox(): CommandOutbox {
  const waiting: MenuCommand[] = [];
  let deliver: ((command: MenuCommand) => void) | null = null;
  return {
    send: (command) => (deliver ? deliver(command) : void waiting.push(command)),
    attach: (next) => {
      deliver = next;
      for (const command of waiting.splice(0)) next(command);
    },
    detach: () => {
      deliver = null;
    },
  };
}

/** What a second start asks of the running app: show the window, import any files it named. */
export function handleSecondInstance(argv: readonly string[], workingDirectory: string, win: FocusableWindow | null, outbox: CommandOutbox): void {
  focusWindow(win);
  const paths = bundlePathsFromArgv(argv, workingDirectory);
  if (paths.length) outbox.send({ command: 'importFiles', paths });
}
