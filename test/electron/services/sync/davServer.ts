// A real WebDAV server (webdav-server v2, files on disk) on 127.0.0.1 for the sync tests, with
// Basic auth and a hook in front of it that can misbehave the way hosted servers and networks
// do: refuse writes at the root (坚果云 does), answer 503/429, drop a connection mid-upload,
// corrupt a download. Every request is recorded, so a test can check order and concurrency.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v2 as webdav } from 'webdav-server';

export const DAV_USER = '李明';
export const DAV_PASSWORD = 'app-password-1';

/** Answers the request itself (true) or lets the WebDAV server have it (false). */
export type DavHook = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface DavServer {
  /** `http://127.0.0.1:<port>/` */
  readonly origin: string;
  /** Where the server keeps its files. */
  readonly disk: string;
  readonly requests: { method: string; path: string; at: number }[];
  /** The most requests ever in flight at once. */
  readonly maxConcurrent: () => number;
  setHook(hook: DavHook | null): void;
  /** Stops listening (clients get ECONNREFUSED) until `resume()`, on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export async function startDavServer(): Promise<DavServer> {
  const disk = mkdtempSync(join(tmpdir(), 'cunji-dav-'));
  const users = new webdav.SimpleUserManager();
  const user = users.addUser(DAV_USER, DAV_PASSWORD, false);
  const privileges = new webdav.SimplePathPrivilegeManager();
  privileges.setRights(user, '/', ['all']);
  const dav = new webdav.WebDAVServer({
    httpAuthentication: new webdav.HTTPBasicAuthentication(users, 'cunji-test'),
    privilegeManager: privileges,
    requireAuthentification: true,
    rootFileSystem: new webdav.PhysicalFileSystem(disk),
  });
  const requests: { method: string; path: string; at: number }[] = [];
  let hook: DavHook | null = null;
  let inFlight = 0;
  let most = 0;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ method: req.method ?? '', path, at: Date.now() });
    inFlight++;
    most = Math.max(most, inFlight);
    let done = false;
    const finish = () => {
      if (!done) inFlight--;
      done = true;
    };
    res.on('close', finish);
    // Like 坚果云: nothing may be written directly in the root folder.
    if ((req.method === 'PUT' || req.method === 'MOVE') && path.split('/').filter(Boolean).length <= 1) {
      res.writeHead(403).end();
      return;
    }
    if (hook?.(req, res)) return;
    dav.executeRequest(req, res);
  };
  let server: Server = createServer(handle);
  await listen(server, 0);
  const port = (server.address() as AddressInfo).port;
  const sockets = new Set<import('node:net').Socket>();
  const track = (s: Server) => s.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  track(server);
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return {
    origin: `http://127.0.0.1:${port}/`,
    disk,
    requests,
    maxConcurrent: () => most,
    setHook: (next) => {
      hook = next;
    },
    pause: stop,
    resume: async () => {
      server = createServer(handle);
      track(server);
      await listen(server, port);
    },
    close: async () => {
      await stop();
      rmSync(disk, { recursive: true, force: true });
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

/** A hook that answers `status` (with Retry-After when given) to the first `times` requests. */
export function busyFor(times: number, status: 429 | 503, retryAfter?: string): DavHook {
  let left = times;
  return (_req, res) => {
    if (left <= 0) return false;
    left--;
    res.writeHead(status, retryAfter !== undefined ? { 'Retry-After': retryAfter } : {}).end();
    return true;
  };
}

/** A hook that drops the connection in the middle of the first `times` uploads. */
export function dropUploads(times: number): DavHook {
  let left = times;
  return (req) => {
    if (req.method !== 'PUT' || left <= 0) return false;
    left--;
    req.once('data', () => req.socket.destroy());
    return true;
  };
}

/** A hook that flips one byte in every download of a `.cunji` file from `device`'s folder. */
export function corruptDownloadsOf(device: string): DavHook {
  return (req, res) => {
    if (req.method !== 'GET' || !decodeURIComponent(req.url ?? '').includes(`/${device}/`)) return false;
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    let flipped = false;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (!flipped && Buffer.isBuffer(chunk) && chunk.length > 0) {
        const copy = Buffer.from(chunk);
        copy[copy.length >> 1] = copy[copy.length >> 1]! ^ 0x20;
        flipped = true;
        return write(copy, ...rest);
      }
      return write(chunk, ...rest);
    }) as typeof res.write;
    const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (!flipped && Buffer.isBuffer(chunk) && chunk.length > 0) {
        flipped = true;
        const copy = Buffer.from(chunk);
        copy[copy.length >> 1] = copy[copy.length >> 1]! ^ 0x20;
        return end(copy, ...rest);
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
    return false;
  };
}

/** A hook that answers 507 (the account's storage is full) to the first `times` MOVEs. */
export function quotaFullOnMove(times: number): DavHook {
  let left = times;
  return (req, res) => {
    if (req.method !== 'MOVE' || left <= 0) return false;
    left--;
    res.writeHead(507).end();
    return true;
  };
}

/** A hook that lets the first `times` MOVEs happen on the server, then cuts the connection before the answer. */
export function loseMoveAnswers(times: number): DavHook {
  let left = times;
  return (req, res) => {
    if (req.method !== 'MOVE' || left <= 0) return false;
    left--;
    const cut = () => {
      req.socket.destroy();
      return res;
    };
    res.writeHead = cut as unknown as typeof res.writeHead;
    res.write = (() => cut() && true) as unknown as typeof res.write;
    res.end = cut as unknown as typeof res.end;
    return false;
  };
}
