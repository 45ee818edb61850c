// A real small file system for disk-full tests: a tmpfs of fixed size mounted by the test on a
// folder of its own (root only; elsewhere the test is skipped with one line saying why), and a
// filler file that takes all of its free space but what the test leaves.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface SmallDisk {
  readonly path: string;
  /** Bytes free now. */
  free(): number;
  /** Fills the disk until at most `leave` bytes are free (a file `filler` at its root). */
  fill(leave?: number): void;
  /** Removes the filler: room again. */
  unfill(): void;
  unmount(): void;
}

/**
 * Mounts a tmpfs of `bytes` on `path` (an empty folder), or skips the test with `skip` when the
 * machine does not allow mounting.
 */
export function mountSmallDisk(path: string, bytes: number, skip: (note: string) => never, what: string): SmallDisk {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', path], { stdio: 'ignore' });
  } catch {
    skip(`cannot mount a small tmpfs here (needs root): ${what} is not tried`);
  }
  const filler = join(path, 'filler');
  const free = () => {
    const stats = statfsSync(path);
    return stats.bavail * stats.bsize;
  };
  return {
    path,
    free,
    fill(leave = 0) {
      const fd = openSync(filler, 'a');
      try {
        const block = Buffer.alloc(4096, 1);
        while (free() > leave) {
          try {
            writeSync(fd, block, 0, Math.min(block.length, free() - leave));
          } catch {
            break; // full
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    unfill: () => rmSync(filler, { force: true }),
    unmount() {
      try {
        execFileSync('umount', [path], { stdio: 'ignore' });
      } catch {
        // Not mounted.
      }
    },
  };
}
