// The BrowserWindow options, hardened (DESIGN §2): the renderer gets no Node, runs sandboxed
// and isolated, and reaches the main process only through the preload's api bridge.
// Pure: unit-tested under Node without the Electron binary.
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 680;

export function windowOptions(preloadPath: string, bounds?: Partial<Rectangle>): BrowserWindowConstructorOptions {
  return {
    width: Math.max(bounds?.width ?? 1280, MIN_WIDTH),
    height: Math.max(bounds?.height ?? 820, MIN_HEIGHT),
    // No position (or one that fell off every screen): the window manager centres it.
    ...(Number.isFinite(bounds?.x) && Number.isFinite(bounds?.y) ? { x: bounds!.x, y: bounds!.y } : {}),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: '村记',
    show: false, // shown on ready-to-show: no white flash
    backgroundColor: '#f5f7fa',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
