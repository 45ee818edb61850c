// `node dist/electron/host.cjs [--data DIR] [--port N]`: open the data folder and serve the
// app on 127.0.0.1. Used by `npm start` where Electron is missing, and by the e2e tests.
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../services/app';
import { createLogger, logDirOf, type Logger } from '../services/log';
import { dataDirArgument, defaultDataDir } from '../services/paths';
import { exportsDirOf } from '../services/reports/files';
import { listenOnPort } from './listen';

declare const __CUNJI_VERSION__: string;

/** The log of the data folder in use, for a failed start; until it is known, stderr only. */
let startLog: Logger | null = null;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dataDir = dataDirArgument(argv) ?? defaultDataDir(process.platform, process.env, homedir());
  const portArg = argv.find((a) => a.startsWith('--port='))?.slice('--port='.length) ?? (argv.includes('--port') ? argv[argv.indexOf('--port') + 1] : undefined);
  const port = portArg === undefined ? undefined : Number(portArg);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new Error(`--port must be a number from 0 to 65535, not ${portArg}`);

  // The same log as the desktop app (<data>/logs/cunji.log): one place to look, whichever ran.
  const log = createLogger({ dir: logDirOf(dataDir) });
  startLog = log;
  log.info(`host start: Cunji ${__CUNJI_VERSION__}, Node ${process.versions.node}, data ${dataDir}`);
  const app = await openApp({
    dataDir,
    appVersion: __CUNJI_VERSION__,
    onUnexpected: (method, error) => {
      log.error(`${method} failed`, error);
      console.error(`[cunji] ${method} failed:`, error);
    },
  });
  const staticDir = join(__dirname, '..', 'renderer');
  const exportsDir = exportsDirOf(dataDir);
  const { host, notice } = await listenOnPort({ dispatch: app.dispatch, staticDir, exportsDir }, port).catch((error: unknown) => {
    app.close();
    throw error;
  });
  if (notice) console.log(notice);
  // The address carries this start's secret: only whoever sees this terminal can open the app.
  console.log(`村记 Cunji is running at ${host.signInUrl}  (data: ${dataDir})`);
  console.log('Open that address in a browser (it changes at every start). Press Ctrl+C here to stop 村记.');
  log.info(`host serving ${host.url}`);
  if (argv.includes('--open')) openInBrowser(host.signInUrl);
  const stop = () => {
    log.info('host stop');
    void host.close().then(() => {
      app.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Best effort: a person who typed `npm start` wants to see the app, not copy a URL; if no browser opens, say so. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const noBrowser = () =>
    console.log(`No browser could be opened on this machine: open the address above in a browser yourself. Press Ctrl+C to stop 村记.`);
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', noBrowser);
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) noBrowser();
    });
    child.unref();
  } catch {
    noBrowser();
  }
}

main().catch((error: unknown) => {
  startLog?.error('host failed to start', error);
  console.error(`[cunji] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
