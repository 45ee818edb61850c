// Where an installation keeps its data when no --data is given: the same folder Electron's
// app.getPath('userData') gives for productName 村记, so the desktop app and the browser host
// open one database.
import { join } from 'node:path';

export const PRODUCT_NAME = '村记';

export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

/** `--data DIR` or `--data=DIR` from a command line; null when absent or empty. */
export function dataDirArgument(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--data' ? argv[i + 1] : arg.startsWith('--data=') ? arg.slice('--data='.length) : undefined;
    if (value === undefined) continue;
    // `--data --port 5177` is a missing value, not a folder named "--port".
    return value.trim() && !value.startsWith('--') ? value : null;
  }
  return null;
}
