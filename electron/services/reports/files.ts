// Where an export goes and how it gets there: written to `<target>.part`, fsynced, then renamed
// over the target, so a file by the chosen name is either the whole report or not there at
// all; a failure or a Stop removes the `.part`. Without a chosen path (the browser host), the
// file goes to `<data folder>/exports/` under the report's own name, never over another.
import { closeSync, createWriteStream, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../../shared/api/result';
import type { ReportFormat } from '../../../shared/domain/reports';
import { V } from '../../../shared/domain/validation';

export const EXPORTS_FOLDER = 'exports';

export function exportsDirOf(dataDir: string): string {
  return join(dataDir, EXPORTS_FOLDER);
}

/** A file name the host's download route serves: one plain name, a report's extension, nothing hidden. */
export function isExportFileName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 200 &&
    /\.(xlsx|csv|pdf)$/i.test(name) &&
    !name.startsWith('.') &&
    !/[\\/:*?"<>|]/.test(name) &&
    ![...name].some((ch) => ch.charCodeAt(0) < 0x20) &&
    !name.includes('..')
  );
}

/** A chosen path: its folder must exist and it must not be a folder itself. */
export function checkChosenPath(path: string): void {
  let folder = false;
  try {
    folder = statSync(dirname(path)).isDirectory();
  } catch {
    folder = false;
  }
  if (!folder) throw new ApiError('INVALID_INPUT', `The folder of ${path} does not exist`, [{ path: ['path'], message: V.folderMissing }]);
  if (existsSync(path) && statSync(path).isDirectory()) throw new ApiError('INVALID_INPUT', `${path} is a folder`, [{ path: ['path'], message: V.invalid }]);
}

/** A free name in the exports folder: `name.xlsx`, else `name (2).xlsx` …, skipping names in use. */
export function exportTarget(dataDir: string, stem: string, format: ReportFormat, busy: ReadonlySet<string>): string {
  const dir = exportsDirOf(dataDir);
  mkdirSync(dir, { recursive: true });
  for (let n = 1; ; n++) {
    const candidate = join(dir, `${stem}${n === 1 ? '' : ` (${n})`}.${format}`);
    if (!busy.has(candidate) && !existsSync(candidate) && !existsSync(`${candidate}.part`)) return candidate;
  }
}

/** Where the browser host serves a file of the exports folder (the `/exports/<name>` route), or null. */
export function downloadPathOf(dataDir: string, file: string): string | null {
  const name = basename(file);
  return dirname(file) === exportsDirOf(dataDir) && isExportFileName(name) ? `${EXPORTS_FOLDER}/${encodeURIComponent(name)}` : null;
}

function fsyncPath(path: string, flags: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(path, flags);
    fsyncSync(fd);
  } catch (error) {
    // A folder cannot be fsynced on Windows or some network shares: best effort there.
    if (flags === 'r+') throw error;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Runs `write` into `<target>.part`, then fsyncs and renames it over `target`. On any failure
 * (a Stop included) the `.part` is removed and the error passed on; `target` is untouched.
 */
export async function writeAtomically<T>(target: string, write: (part: string) => Promise<T>): Promise<{ result: T; bytes: number }> {
  const part = `${target}.part`;
  try {
    const result = await write(part);
    fsyncPath(part, 'r+');
    renameSync(part, target);
    fsyncPath(dirname(target), 'r');
    return { result, bytes: statSync(target).size };
  } catch (error) {
    rmSync(part, { force: true });
    throw error;
  }
}

/** A writer's stream into its `.part`, with the promise of its close and a check of its failure. */
export interface PartStream {
  readonly stream: WriteStream;
  /** Resolves when the file is closed; rejects with the stream's error (never unhandled). */
  readonly closed: Promise<void>;
  /** Throws the error the stream has met, if any: a writer waiting on a failed stream would wait forever. */
  throwIfFailed(): void;
  /**
   * Ends the stream after `error` and gives what to report: the stream's own error when it met
   * one (a full disk), not what a later write on the dead stream said (ERR_STREAM_DESTROYED).
   */
  abandon(error: unknown): Promise<unknown>;
}

/**
 * Opens `part` at once, not on a later turn as a stream would: the file exists (or its error is
 * thrown) before the first row is written, so a folder removed mid-way fails the write rather
 * than leaving it waiting on a stream that never opened.
 */
export function openPartStream(part: string, encoding?: BufferEncoding): PartStream {
  const stream = createWriteStream(part, { fd: openSync(part, 'w'), encoding });
  const closed = new Promise<void>((resolve, reject) => {
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  closed.catch(() => undefined); // awaited by the writer; never an unhandled rejection meanwhile
  return {
    stream,
    closed,
    throwIfFailed() {
      if (stream.errored) throw stream.errored;
    },
    async abandon(error) {
      const cause = stream.errored ?? error;
      stream.destroy();
      await closed.catch(() => undefined);
      return cause;
    },
  };
}
