// A test-only afterPack hook (given on the command line by package.test.ts, never in
// electron-builder.yml): `--dir` writes no .desktop file, so this asks electron-builder's own
// Linux helper — the code its deb and AppImage targets run — for the desktop entry and the
// shared-mime-info XML and icon set it would install, and leaves them next to the package for the test.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export async function afterPack({ packager, outDir }) {
  const require = createRequire(join(packager.info.projectDir, 'package.json'));
  const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper');
  const helper = new LinuxTargetHelper(packager);
  // The deb target's options: linux's, overlaid with deb's (FpmTarget does the same).
  const debOptions = { ...packager.platformSpecificBuildOptions, ...packager.config.deb };
  const desktopEntry = await helper.computeDesktopEntry(debOptions);
  const mimeFile = await helper.mimeTypeFiles;
  const mimeXml = mimeFile ? readFileSync(mimeFile, 'utf8') : null;
  const icons = (await helper.icons).map(({ file, size }) => ({ file, size }));
  writeFileSync(join(outDir, 'desktop-probe.json'), JSON.stringify({ desktopEntry, mimeXml, icons }, null, 2));
}
