// The desktop shell's side of the window: its File menu's commands (import, export, sync now)
// and .cunji files double-clicked or handed over by a second start arrive through the
// preload's `cunjiShell`; all of them belong to the sync screen. The shell is also told the
// interface language, so its native menu speaks the same one. In the browser host there is no
// `cunjiShell` and app.setLanguage answers that there is no native menu: both are harmless.
import { useEffect, useRef } from 'react';
import type { MenuCommand, ShellBridge } from '../../../shared/api/menuCommands';
import { api } from '../api';
import { useAppStore } from '../store/useAppStore';

declare global {
  interface Window {
    /** Exposed by electron/preload; absent in the browser host. */
    cunjiShell?: ShellBridge;
  }
}

let pending: MenuCommand | null = null;

/**
 * The last command the sync screen has not acted on yet: it takes it when it mounts (or is
 * told a new one arrived), so a command that opened the screen is carried out exactly once.
 */
export function takePendingMenuCommand(): MenuCommand | null {
  const command = pending;
  pending = null;
  return command;
}

/** The sync screen, while mounted: told when a command is kept, to take it at once. */
const takers = new Set<() => void>();

/**
 * For the sync screen: `act` gets the pending command on mount (the one that opened the
 * screen) and each new one while mounted, each exactly once.
 */
export function usePendingMenuCommand(act: (command: MenuCommand) => void): void {
  const latest = useRef(act);
  useEffect(() => {
    latest.current = act;
  });
  useEffect(() => {
    const take = () => {
      const command = takePendingMenuCommand();
      if (command) latest.current(command);
    };
    takers.add(take);
    take();
    return () => void takers.delete(take);
  }, []);
}

/** Listens while mounted; `onCommand` is called after the command is kept for the sync screen. */
export function useMenuCommands(onCommand: (command: MenuCommand) => void): void {
  const language = useAppStore((s) => s.language);

  useEffect(() => {
    // Best effort: a menu in the other language is no reason to bother the person.
    api.app.setLanguage({ language }).catch(() => undefined);
  }, [language]);

  useEffect(
    () =>
      window.cunjiShell?.onMenuCommand((command) => {
        pending = command;
        onCommand(command);
        takers.forEach((take) => take());
      }),
    [onCommand],
  );
}
