// The browser host: the built renderer and the contract's handlers over HTTP, on 127.0.0.1
// only. It is how the e2e tests drive the real app in Chromium, and how `npm start` still
// serves Cunji where the Electron binary cannot be had.
import { createReadStream, existsSync, lstatSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import type { Dispatch } from '../services/dispatch';
import { CONTENT_SECURITY_POLICY_HEADER } from '../services/csp';
import { isExportFileName } from '../services/reports/files';
import { AUTH_PATH, AUTH_TOKEN_PARAM, fromOwnPage, isSignedIn, newHostSecret, sameSecret, sessionCookie, type HostSecret } from './access';

export const API_PATH_PREFIX = '/api/';
/** Report files written by reports.export without a chosen path, served as downloads. */
export const EXPORTS_PATH_PREFIX = '/exports/';
/** Inputs are small forms; anything larger is refused before it is parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** attachments.add carries one photo or scan (at most 50 MiB) as base64, a third larger: its own bound. */
export const MAX_ATTACHMENT_BODY_BYTES = 72 * 1024 * 1024;
/**
 * How long an idle keep-alive connection stays open. Node closes them after 5 s by default,
 * which races a client reusing the socket at that moment: the client's next POST meets a reset
 * (ECONNRESET) and a form save fails for no reason. Clients give up idle sockets sooner than
 * this (Chromium after 5 min), so the client, not the server, closes them.
 */
export const IDLE_CONNECTION_MS = 10 * 60 * 1000;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  // PDF.js's worker is an ES module file; a module script served as anything else is refused.
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface HostOptions {
  dispatch: Dispatch;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** `<data folder>/exports`: the report files the host lets the page download; none without it. */
  exportsDir?: string;
  port?: number;
}

export interface RunningHost {
  readonly server: Server;
  /** The app's address, which answers only a browser that has signed in. */
  readonly url: string;
  /** The address to open: signs the browser in (a cookie for this start) and goes on to the app. */
  readonly signInUrl: string;
  /** This start's secret, for `Authorization: Bearer` from scripts and tests. */
  readonly token: string;
  close(): Promise<void>;
}

export async function startHost({ dispatch, staticDir, exportsDir, port = 0 }: HostOptions): Promise<RunningHost> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: String(error) } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  server.headersTimeout = IDLE_CONNECTION_MS + 1000;

  // Made once the port is known (the cookie is named after it); no request is read before.
  let secret: HostSecret | null = null;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach the API.
    const host = req.headers.host ?? '';
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) return sendText(res, 403, 'Forbidden host');
    // A page of another site, or of another port here, gets nothing, signed in or not.
    if (!fromOwnPage(req)) return sendText(res, 403, 'Forbidden origin');
    if (secret === null) return sendText(res, 503, 'Starting');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = safeDecode(url.pathname);
    if (pathname === null) return sendText(res, 400, 'Malformed percent-encoding in the path');
    if (pathname === AUTH_PATH) return signIn(req, res, url.searchParams.get(AUTH_TOKEN_PARAM) ?? undefined, secret);
    if (!isSignedIn(req, secret)) return sendNotSignedIn(res, pathname);
    if (pathname.startsWith(API_PATH_PREFIX)) return handleApi(req, res, pathname.slice(API_PATH_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    if (pathname.startsWith(EXPORTS_PATH_PREFIX)) return serveExport(req, res, pathname.slice(EXPORTS_PATH_PREFIX.length));
    return serveStatic(res, pathname);
  }

  /** The printed address: its token for a cookie, then on to the app (the fragment, a screen's route, is kept by the browser). */
  function signIn(req: IncomingMessage, res: ServerResponse, token: string | undefined, current: HostSecret): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    if (!sameSecret(token, current.token)) return sendNotSignedIn(res, AUTH_PATH);
    res.writeHead(303, { Location: '/', 'Set-Cookie': sessionCookie(current), 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    res.end();
  }

  /**
   * A report the page exported, as a download. Only a plain file name of the exports folder (no
   * folder, no `..`, no hidden file, a report's extension), only a regular file (no symlink out),
   * and only for the app's own page or a typed address: a page of another site cannot make the
   * browser save files (Sec-Fetch-Site, sent by every current browser).
   */
  function serveExport(req: IncomingMessage, res: ServerResponse, name: string): void {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return sendText(res, 403, 'Forbidden');
    if (!exportsDir || !isExportFileName(name)) return sendText(res, 404, 'No such export');
    const file = join(exportsDir, name);
    if (dirname(file) !== normalize(exportsDir)) return sendText(res, 404, 'No such export');
    let size: number;
    try {
      const stat = lstatSync(file);
      if (!stat.isFile()) return sendText(res, 404, 'No such export');
      size = stat.size;
    } catch {
      return sendText(res, 404, 'No such export');
    }
    res.writeHead(200, {
      'Content-Type': EXPORT_MIME[extname(name).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': size,
      'Content-Disposition': attachmentHeader(name),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return sendText(res, 405, 'Use POST');
    // Only JSON: a cross-site form or text/plain POST would need no CORS preflight.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return sendText(res, 415, 'Send application/json');
    const limit = method === 'attachments.add' ? MAX_ATTACHMENT_BODY_BYTES : MAX_BODY_BYTES;
    const body = await readBody(req, limit);
    if (body === null) {
      return sendJson(res, 413, { ok: false, error: { code: 'INVALID_INPUT', message: `Request larger than ${limit} bytes` } });
    }
    let envelope: unknown;
    try {
      envelope = body.length ? JSON.parse(body) : {};
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not JSON' } });
    }
    const input = envelope && typeof envelope === 'object' ? (envelope as { input?: unknown }).input : undefined;
    sendJson(res, 200, await dispatch(method, input));
  }

  function serveStatic(res: ServerResponse, pathname: string): void {
    const relative = normalize(pathname).replace(/^([/\\])+/, '');
    let file = join(staticDir, relative);
    if (!file.startsWith(normalize(staticDir + sep)) && file !== normalize(staticDir)) return sendText(res, 403, 'Forbidden');
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticDir, 'index.html'); // the app routes itself
    if (!existsSync(file)) return sendText(res, 404, 'The renderer is not built: run npm run build');
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  secret = newHostSecret(address.port);
  const url = `http://127.0.0.1:${address.port}/`;
  return {
    server,
    url,
    signInUrl: `${url}${AUTH_PATH.slice(1)}?${AUTH_TOKEN_PARAM}=${secret.token}`,
    token: secret.token,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const EXPORT_MIME: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
};

/** `attachment` with the name twice: an ASCII stand-in for old clients, the UTF-8 name (RFC 6266, 5987) for the rest. */
export function attachmentHeader(name: string): string {
  const ascii = [...name].map((ch) => (ch >= ' ' && ch <= '~' && ch !== '"' && ch !== '\\' && ch !== '%' ? ch : '_')).join('');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Without this start's secret: the API answers 401 in JSON; a page says, in both languages, to
 * open the address printed where 村记 was started.
 */
function sendNotSignedIn(res: ServerResponse, pathname: string): void {
  if (pathname.startsWith(API_PATH_PREFIX)) {
    return sendJson(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'Open the address printed where Cunji was started; it signs this browser in' } });
  }
  res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER, 'Cache-Control': 'no-store' });
  res.end(NOT_SIGNED_IN_PAGE);
}

const NOT_SIGNED_IN_PAGE =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>村记</title></head><body>' +
  '<p>请打开启动村记时终端里显示的地址（含本次启动的密钥）。每次启动的地址都不同。</p>' +
  '<p>Open the address printed in the terminal where Cunji was started (it carries this start\'s key). It changes at every start.</p>' +
  '</body></html>';

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
