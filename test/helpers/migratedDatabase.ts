// A fresh test database without running every migration again: the run's global setup migrates
// one empty database (test/helpers/vitestSetup.ts), and a test's new data folder starts from a
// copy of it — byte for byte what migrating there would have made, in a tenth of the time. The
// migrations themselves are proven from empty by test/db/migrations.test.ts and by every e2e
// host start. Outside vitest (child scripts, benches) nothing is copied and the open migrates.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The file of an empty database migrated to the latest version, closed (no WAL beside it). */
    migratedDatabase?: string;
  }
}

/** Put a migrated empty database at `file` unless something is there already (a reopen). */
export function seedMigratedDatabase(file: string): void {
  if (existsSync(file) || existsSync(`${file}-wal`)) return;
  const template = providedTemplate();
  if (!template) return;
  mkdirSync(dirname(file), { recursive: true });
  copyFileSync(template, file);
}

function providedTemplate(): string | undefined {
  try {
    return inject('migratedDatabase');
  } catch {
    return undefined; // not inside a vitest worker
  }
}
