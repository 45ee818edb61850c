// Makes a file or folder really read-only for the test, then writable again afterwards. chmod
// is enough for a normal user; root ignores it, so there the immutable attribute (chattr +i)
// is used. `null` when neither works here (the test then says so and skips that case).
import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, constants, statSync } from 'node:fs';
import { afterEach } from 'vitest';

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
  } catch {
    return false;
  }
  // access() says yes to root whatever the mode: only the immutable flag stops root.
  if (process.getuid?.() !== 0) return true;
  try {
    return !execFileSync('lsattr', ['-d', path], { encoding: 'utf8' }).split(' ')[0]!.includes('i');
  } catch {
    return true;
  }
}

export function useReadOnly(): (path: string) => boolean {
  const undo: (() => void)[] = [];
  afterEach(() => {
    for (const step of undo.splice(0).reverse()) step();
  });
  return (path) => {
    const mode = statSync(path).mode & 0o777;
    chmodSync(path, statSync(path).isDirectory() ? 0o555 : 0o444);
    undo.push(() => chmodSync(path, mode));
    if (isWritable(path) && process.platform === 'linux') {
      try {
        execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
        undo.push(() => execFileSync('chattr', ['-i', path], { stdio: 'ignore' }));
      } catch {
        // no chattr, or a filesystem without attributes
      }
    }
    return !isWritable(path);
  };
}
