// A small WebDAV client on node:http/https: PROPFIND (depth 0/1), MKCOL, PUT (from a file),
// MOVE (never overwriting), GET (to a file, bounded). One request at a time per client (hosted
// servers such as 坚果云 throttle parallel clients), Basic auth, a timeout on every request,
// and 429/503 backed off by the pure policy in retryPolicy.ts. No third-party client: the
// five verbs are all a sync needs, and each failure maps to a SyncTargetError a person reads.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { errorOfStatus, messageOf, SyncTargetError } from './errors';
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryCause, type RetryPolicy } from './retryPolicy';
import { isSafeSegment } from './syncTarget';

export interface WebdavClientOptions {
  /** The folder the client works in (a trailing slash is added). */
  readonly url: string;
  readonly username: string | null;
  readonly password: string | null;
  /** No bytes for this long ends the request (default 30 s). */
  readonly timeoutMs?: number;
  readonly policy?: RetryPolicy;
  /** Waits between tries (tests may shorten nothing: the policy says how long). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: () => number;
  /** Aborts whatever is in flight (the app is closing). */
  readonly signal?: AbortSignal;
  /** A response body (not a GET to file) larger than this is refused. */
  readonly maxBodyBytes?: number;
}

export interface DavEntry {
  /** The last segment of the entry's path, decoded. */
  readonly name: string;
  readonly isCollection: boolean;
  readonly size: number | null;
  /** The server's ETag, when it gives one (a file rewritten under its name gets a new one). */
  readonly etag?: string;
}

interface DavResponse {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

type Body = { readonly file: string } | { readonly text: string } | null;

const NO_ANSWER = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const IDEMPOTENT = new Set(['GET', 'PUT', 'PROPFIND', 'MKCOL', 'DELETE']);

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:getcontentlength/><D:getetag/></D:prop></D:propfind>';

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SyncTargetError('INTERRUPTED', 'Stopped.'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new SyncTargetError('INTERRUPTED', 'Stopped.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The folder URL with one trailing slash; each path below it is percent-encoded per segment. */
export function folderUrl(url: string): URL {
  const parsed = new URL(url);
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return parsed;
}

export function urlBelow(base: URL, segments: readonly string[], collection = false): URL {
  // `..` would survive encoding and climb out of the folder: only plain names go below it.
  const bad = segments.find((s) => !isSafeSegment(s));
  if (bad !== undefined) throw new SyncTargetError('LOCAL', `Not a name inside the sync folder: ${JSON.stringify(bad)}`);
  const path = segments.map((s) => encodeURIComponent(s)).join('/');
  return new URL(base.pathname + path + (collection && path ? '/' : ''), base);
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function xmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return XML_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/** A decoded path without its trailing slash, for comparing hrefs whatever their spelling. */
function plainPath(pathname: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = pathname;
  }
  return decoded.replace(/\/+$/, '');
}

/**
 * The entries of a PROPFIND multistatus, less the folder asked about. Tolerant of any namespace
 * prefix (D:, d:, lp1:, none), absolute or path-only hrefs, and entities; only 200 propstats count.
 */
export function parseMultistatus(xml: string, requested: URL): DavEntry[] {
  const tag = (name: string) => `<(?:[A-Za-z][\\w.-]*:)?${name}\\b[^>]*>`;
  const close = (name: string) => `</(?:[A-Za-z][\\w.-]*:)?${name}\\s*>`;
  const within = (text: string, name: string) => new RegExp(`${tag(name)}([\\s\\S]*?)${close(name)}`, 'i').exec(text)?.[1];
  const self = plainPath(requested.pathname);
  const entries: DavEntry[] = [];
  for (const [, response] of xml.matchAll(new RegExp(`${tag('response')}([\\s\\S]*?)${close('response')}`, 'gi'))) {
    const href = within(response!, 'href');
    if (href === undefined) continue;
    let path: string;
    try {
      path = plainPath(new URL(xmlText(href.trim()), requested).pathname);
    } catch {
      continue;
    }
    if (path === self) continue;
    // The properties of the propstat whose status is 200 (a 404 propstat lists what is missing).
    const okProps = [...response!.matchAll(new RegExp(`${tag('propstat')}([\\s\\S]*?)${close('propstat')}`, 'gi'))]
      .map((m) => m[1]!)
      .filter((p) => /\s200\s/.test(within(p, 'status') ?? ' 200 '))
      .join('');
    const resourceType = within(okProps, 'resourcetype') ?? '';
    const isCollection = new RegExp(`<(?:[A-Za-z][\\w.-]*:)?collection\\b`, 'i').test(resourceType) || /<(?:[A-Za-z][\w.-]*:)?resourcetype\b[^>]*>\s*<(?:[A-Za-z][\w.-]*:)?collection/i.test(okProps);
    const length = within(okProps, 'getcontentlength')?.trim();
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (!name) continue;
    const etag = within(okProps, 'getetag')?.trim();
    entries.push({ name, isCollection, size: length !== undefined && /^\d+$/.test(length) ? Number(length) : null, ...(etag ? { etag: xmlText(etag) } : {}) });
  }
  return entries;
}

export class WebdavClient {
  readonly base: URL;
  private readonly options: WebdavClientOptions;
  private readonly authorization: string | null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: WebdavClientOptions) {
    this.options = options;
    this.base = folderUrl(options.url);
    this.authorization = options.username !== null ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`, 'utf8').toString('base64')}` : null;
  }

  /** Depth 0 or 1 listing of `segments` (a folder below the base); null when it does not exist. */
  async propfind(segments: readonly string[], depth: 0 | 1): Promise<DavEntry[] | null> {
    const url = urlBelow(this.base, segments, true);
    const response = await this.send('PROPFIND', url, { Depth: String(depth), 'Content-Type': 'application/xml; charset=utf-8' }, { text: PROPFIND_BODY });
    if (response.status === 404) return null;
    if (response.status !== 207) throw errorOfStatus(response.status, `listing ${url.pathname}`);
    return parseMultistatus(response.body.toString('utf8'), url);
  }

  /** Creates a folder; 'exists' when the server says it is there already (405). */
  async mkcol(segments: readonly string[]): Promise<'created' | 'exists'> {
    const url = urlBelow(this.base, segments, true);
    const response = await this.send('MKCOL', url, {}, null);
    if (response.status === 201) return 'created';
    if (response.status === 405) return 'exists';
    throw errorOfStatus(response.status, `creating the folder ${url.pathname}`);
  }

  async putFile(segments: readonly string[], localFile: string): Promise<void> {
    const url = urlBelow(this.base, segments);
    const size = statSync(localFile).size;
    const response = await this.send('PUT', url, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) }, { file: localFile });
    if (response.status !== 201 && response.status !== 204 && response.status !== 200) throw errorOfStatus(response.status, `uploading ${url.pathname}`);
  }

  /** Removes a file; one that is not there is fine. */
  async remove(segments: readonly string[]): Promise<void> {
    const url = urlBelow(this.base, segments);
    const response = await this.send('DELETE', url, {}, null);
    if (response.status === 200 || response.status === 204 || response.status === 404) return;
    throw errorOfStatus(response.status, `removing ${url.pathname}`);
  }

  /** Renames on the server; `Overwrite: F`, so an existing destination is never replaced (412). */
  async move(from: readonly string[], to: readonly string[]): Promise<void> {
    if (!(await this.moveIfAbsent(from, to))) {
      throw new SyncTargetError('SERVER', `${urlBelow(this.base, to).pathname} exists already on the server; a shared file is never overwritten.`);
    }
  }

  /** Like `move`, but a destination that exists already (412) is an answer, not a failure: false. */
  async moveIfAbsent(from: readonly string[], to: readonly string[]): Promise<boolean> {
    const source = urlBelow(this.base, from);
    const destination = urlBelow(this.base, to);
    const response = await this.send('MOVE', source, { Destination: destination.href, Overwrite: 'F' }, null);
    if (response.status === 201 || response.status === 204) return true;
    if (response.status === 412) return false;
    throw errorOfStatus(response.status, `renaming ${source.pathname}`);
  }

  /** Downloads to `localFile`; refuses more than `maxBytes`. */
  async getToFile(segments: readonly string[], localFile: string, maxBytes: number): Promise<number> {
    const url = urlBelow(this.base, segments);
    const response = await this.send('GET', url, {}, null, { file: localFile, maxBytes });
    if (response.status !== 200) throw errorOfStatus(response.status, `downloading ${url.pathname}`);
    return statSync(localFile).size;
  }

  /** One request at a time: each waits for the one before it, whatever became of it. */
  private send(method: string, url: URL, headers: OutgoingHttpHeaders, body: Body, toFile?: { file: string; maxBytes: number }): Promise<DavResponse> {
    const run = this.queue.then(
      () => this.withRetries(method, url, headers, body, toFile),
      () => this.withRetries(method, url, headers, body, toFile),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async withRetries(method: string, url: URL, headers: OutgoingHttpHeaders, body: Body, toFile?: { file: string; maxBytes: number }): Promise<DavResponse> {
    const policy = this.options.policy ?? DEFAULT_RETRY_POLICY;
    const sleep = this.options.sleep ?? defaultSleep;
    const now = this.options.now ?? Date.now;
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      let cause: RetryCause;
      let failure: SyncTargetError;
      try {
        const response = await this.once(method, url, headers, body, toFile);
        if (response.status !== 429 && response.status !== 503) return response;
        cause = { kind: 'status', status: response.status, retryAfter: headerText(response.headers['retry-after']) };
        failure = errorOfStatus(response.status, `${method} ${url.pathname}`);
      } catch (error) {
        if (!(error instanceof NetworkFailure)) throw error;
        cause = { kind: 'network', code: error.code, idempotent: IDEMPOTENT.has(method) };
        failure = error.asTargetError(url);
      }
      const delay = retryDelay(policy, attempt, cause, waited, now());
      if (delay === null) throw failure;
      await sleep(delay, this.options.signal);
      waited += delay;
    }
  }

  private once(method: string, url: URL, headers: OutgoingHttpHeaders, body: Body, toFile?: { file: string; maxBytes: number }): Promise<DavResponse> {
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const maxBody = this.options.maxBodyBytes ?? 16 * 1024 * 1024;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<DavResponse>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      const all: OutgoingHttpHeaders = { 'User-Agent': 'Cunji', ...headers };
      if (this.authorization) all.Authorization = this.authorization;
      if (body && 'text' in body) all['Content-Length'] = String(Buffer.byteLength(body.text));
      // A fresh connection per request: no pooled socket the server closed meanwhile.
      const req = send(url, { method, headers: all, agent: false, ...(this.options.signal ? { signal: this.options.signal } : {}) }, (res) => {
        const status = res.statusCode ?? 0;
        if (toFile && status === 200) {
          const out = createWriteStream(toFile.file);
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (bytes > toFile.maxBytes) {
              res.destroy();
              out.destroy();
              fail(new SyncTargetError('SERVER', `${url.pathname} is larger than ${toFile.maxBytes} bytes; it was not downloaded.`));
            }
          });
          res.on('aborted', () => fail(new NetworkFailure('INTERRUPTED', 'the download was cut off')));
          res.on('error', (error) => fail(new NetworkFailure(codeOf(error) ?? 'INTERRUPTED', messageOf(error))));
          out.on('error', (error) => fail(new SyncTargetError('LOCAL', `Cannot write ${toFile.file}: ${messageOf(error)}`)));
          out.on('finish', () => {
            if (!res.complete) return fail(new NetworkFailure('INTERRUPTED', 'the download was cut off'));
            if (settled) return;
            settled = true;
            resolve({ status, headers: res.headers, body: Buffer.alloc(0) });
          });
          res.pipe(out);
          return;
        }
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > maxBody) {
            res.destroy();
            fail(new SyncTargetError('SERVER', `The server's answer to ${method} ${url.pathname} is too large.`));
          } else chunks.push(chunk);
        });
        res.on('error', (error) => fail(new NetworkFailure(codeOf(error) ?? 'INTERRUPTED', messageOf(error))));
        res.on('end', () => {
          if (!res.complete) return fail(new NetworkFailure('INTERRUPTED', 'the answer was cut off'));
          if (!settled) {
            settled = true;
            resolve({ status, headers: res.headers, body: Buffer.concat(chunks) });
          }
        });
      });
      req.setTimeout(timeoutMs, () => {
        req.destroy(new NetworkFailure('TIMEOUT', `no answer for ${Math.round(timeoutMs / 1000)} s`));
      });
      req.on('error', (error) => {
        if (error instanceof NetworkFailure || error instanceof SyncTargetError) return fail(error);
        if ((error as Error).name === 'AbortError') return fail(new SyncTargetError('INTERRUPTED', 'Stopped.'));
        fail(new NetworkFailure(codeOf(error) ?? 'INTERRUPTED', messageOf(error)));
      });
      if (body && 'file' in body) {
        const stream = createReadStream(body.file);
        stream.on('error', (error) => {
          req.destroy();
          fail(new SyncTargetError('LOCAL', `Cannot read ${body.file}: ${messageOf(error)}`));
        });
        stream.pipe(req);
      } else req.end(body && 'text' in body ? body.text : undefined);
    });
  }
}

function headerText(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function codeOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNRESET' && /socket hang up/i.test(messageOf(error))) return 'ECONNRESET';
  return code;
}

/** A transport failure: either nobody answered (unreachable) or the exchange broke off. */
class NetworkFailure extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }

  asTargetError(url: URL): SyncTargetError {
    if (NO_ANSWER.has(this.code)) return new SyncTargetError('UNREACHABLE', `${url.host} cannot be reached (${this.code}); check the network and the address.`, false);
    if (this.code === 'TIMEOUT') return new SyncTargetError('TIMEOUT', `${url.host} stopped answering (${this.message}).`, false);
    return new SyncTargetError('INTERRUPTED', `The connection to ${url.host} dropped (${this.code}: ${this.message}).`);
  }
}
