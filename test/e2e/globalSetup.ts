// Said once per run, before the tests: whether the Electron smoke test can run on this machine.
import { findElectronBinary } from '../../scripts/electronRuntime.mjs';

export const ELECTRON_SKIP_REASON =
  'Electron smoke test skipped: the Electron binary is not installed on this machine (run `npx install-electron` where it can be downloaded).';

export default function globalSetup(): void {
  if (!findElectronBinary()) console.log(ELECTRON_SKIP_REASON);
}
