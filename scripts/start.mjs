// `npm start [-- --data DIR] [--port N]`: build what changed, then open the desktop app. Where
// the Electron binary is missing (its download failed or was blocked), say so plainly and serve
// the very same app through the browser host on 127.0.0.1 instead (--port is the host's).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronNativeBinding, findElectronBinary } from './electronRuntime.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);

const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const electron = findElectronBinary();
if (electron) {
  const nativeBinding = await electronNativeBinding(electron.version);
  const child = spawn(electron.binary, [join(root, 'dist/electron/main.cjs'), ...args], {
    stdio: 'inherit',
    env: { ...process.env, CUNJI_NATIVE_BINDING: nativeBinding },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    '\nThe Electron runtime could not be downloaded to this machine, so Cunji opens in your browser instead; ' +
      'for the desktop window, connect to the internet and run `npx install-electron` ' +
      '(in mainland China set ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ first), then `npm start` again.\n',
  );
  const child = spawn(process.execPath, [join(root, 'dist/electron/host.cjs'), '--open', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
