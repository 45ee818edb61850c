// What the shell may ask of the window, one way, on one channel: the File menu's items, and
// `importFiles` with the `.cunji` paths a double-click (file association) or a second start
// handed over. The preload checks every message against this list, so a page never sees a
// shape it does not expect, and keeps commands that arrive before the page listens.
// No zod and no domain imports: this goes into the sandboxed preload bundle.

export const MENU_COMMAND_CHANNEL = 'menu:command';
export const MENU_COMMANDS = ['importBundles', 'exportBundle', 'syncNow', 'importFiles'] as const;
export type MenuCommandName = (typeof MENU_COMMANDS)[number];
export type MenuCommand =
  | { readonly command: Exclude<MenuCommandName, 'importFiles'> }
  | { readonly command: 'importFiles'; readonly paths: readonly string[] };

const MAX_PATHS = 1000;
const MAX_PATH_LENGTH = 4096;

/** The command in an incoming message, or null for anything else. */
export function parseMenuCommand(message: unknown): MenuCommand | null {
  if (!message || typeof message !== 'object') return null;
  const { command, paths } = message as { command?: unknown; paths?: unknown };
  if (typeof command !== 'string' || !(MENU_COMMANDS as readonly string[]).includes(command)) return null;
  if (command !== 'importFiles') return { command: command as Exclude<MenuCommandName, 'importFiles'> };
  if (!Array.isArray(paths) || paths.length === 0 || paths.length > MAX_PATHS) return null;
  if (!paths.every((p): p is string => typeof p === 'string' && p.length > 0 && p.length <= MAX_PATH_LENGTH && !p.includes('\u0000'))) return null;
  return { command, paths: [...paths] };
}

export type MenuCommandListener = (command: MenuCommand) => void;

/** What the preload exposes as `window.cunjiShell` (absent in the browser host). */
export interface ShellBridge {
  /** Listen for menu commands; returns the function that stops listening. */
  onMenuCommand(listener: MenuCommandListener): () => void;
}

export interface MenuCommandReceiver {
  /** Every raw message from the channel goes here. */
  receive(message: unknown): void;
  readonly bridge: ShellBridge;
}

/**
 * Valid commands go to the listeners; while there are none (the page is still starting), they
 * wait and are delivered to the first one, so a double-clicked file is not lost at start-up.
 */
export function createMenuCommandReceiver(): MenuCommandReceiver {
  const listeners = new Set<MenuCommandListener>();
  const waiting: MenuCommand[] = [];
  const deliver = (command: MenuCommand) => listeners.forEach((listener) => listener(command));
  return {
    receive: (message) => {
      const command = parseMenuCommand(message);
      if (!command) return;
      if (listeners.size) deliver(command);
      else if (waiting.length < MAX_PATHS) waiting.push(command);
    },
    bridge: Object.freeze({
      onMenuCommand: (listener: MenuCommandListener) => {
        if (typeof listener !== 'function') throw new TypeError('onMenuCommand needs a function');
        listeners.add(listener);
        for (const command of waiting.splice(0)) listener(command);
        return () => void listeners.delete(listener);
      },
    }),
  };
}
