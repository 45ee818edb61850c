// What a sync needs from any place files are shared through (a folder, a WebDAV server):
// list other devices' bundle files, fetch one to a local file, write a new one of ours
// atomically. Layout everywhere: `<target>/<device id>/<bundle uuidv7>.cunji`. A target never
// overwrites or deletes a file, and nothing is inferred from what a listing lacks.

export interface RemoteBundle {
  /** Inside the target: `<device folder>/<file name>`, with `/` whatever the platform. */
  readonly path: string;
  /** Bytes, when the listing says (a size change means a different file). */
  readonly size: number | null;
  /** The listing's version tag (a WebDAV ETag, a folder file's modification time), when it gives one. */
  readonly etag?: string | null;
}

export interface TargetListing {
  /** Other devices' finished bundle files (not `.part`), in a stable order. */
  readonly files: RemoteBundle[];
  /** What could not be listed, reported and skipped. */
  readonly unreadable: { path: string; message: string }[];
}

export interface SyncTarget {
  /** Names the target for its export marks: `folder:<absolute path>` or `webdav:<url>`. */
  readonly markName: string;
  /** Cheap: throws a SyncTargetError when the target cannot be reached now. */
  probe(): Promise<void>;
  /** Our own sub-folder exists afterwards (created, with the target folder itself where allowed). */
  prepare(): Promise<void>;
  list(): Promise<TargetListing>;
  /** A local file with the content of `path`: a copy in `intoDir`, or the file itself for a folder. */
  fetch(file: RemoteBundle, intoDir: string): Promise<string>;
  /** Writes `localFile` as `<own device>/<name>` atomically (never over an existing file); its path. */
  write(localFile: string, name: string): Promise<RemoteBundle>;
  /** Where a person finds the file: an absolute path, or the file's URL. */
  locationOf(file: RemoteBundle): string;
}

export const BUNDLE_EXTENSION = '.cunji';

/** A name from a listing that is safe to use as one path segment here. */
export function isSafeSegment(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\]/.test(name) && !name.includes('\u0000') && name.length <= 255;
}
