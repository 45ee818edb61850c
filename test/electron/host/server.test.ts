// The browser host over real HTTP on 127.0.0.1: the API answers exactly as dispatch does, and
// refuses what a hostile page could send (GETs, forms, other Host names, huge bodies); static
// files carry the CSP, and no path reaches a file outside the static folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startHost, type RunningHost } from '../../../electron/host/server';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../../electron/services/csp';
import { expectOk, openTestApp, SECRETARY_SETUP, type TestApp } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();

const INDEX_HTML = '<!doctype html><html lang="zh-CN"><head><title>村记</title></head><body><div id="root"></div></body></html>';
const APP_JS = 'document.getElementById("root").textContent = "村记";';
const SECRET = 'TOP-SECRET-村记-outside-the-static-folder';

let app: TestApp;
let host: RunningHost;
let port: number;
let root: string;

beforeEach(async () => {
  root = tempDir();
  const staticDir = join(root, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'assets', 'app.js'), APP_JS);
  writeFileSync(join(staticDir, 'assets', 'app.css'), 'body { margin: 0 }');
  writeFileSync(join(staticDir, 'assets', 'blob.bin'), 'binary');
  // Things a path must never reach: a file beside the static folder, and a sibling whose name
  // starts with the static folder's name.
  writeFileSync(join(root, 'secret.txt'), SECRET);
  mkdirSync(join(root, 'static-evil'));
  writeFileSync(join(root, 'static-evil', 'secret.txt'), SECRET);

  app = await openTestApp(join(root, 'data'));
  host = await startHost({ dispatch: app.dispatch, staticDir });
  port = (host.server.address() as AddressInfo).port;
});

afterEach(async () => {
  await host.close();
  app.close();
});

/** This start's secret as scripts send it: every request below is signed in unless it says otherwise. */
function signedIn(headers: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${host.token}`, ...headers };
}

/** POST a JSON envelope `{ input }` (or a raw body) to /api/<method> with fetch. */
async function post(method: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Response> {
  return fetch(`${host.url}api/${method}`, { method: 'POST', headers: signedIn(headers), body: typeof body === 'string' ? body : JSON.stringify(body) });
}

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A request with the path and Host exactly as given (fetch normalises both, or forbids them). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string; setHost?: boolean; anonymous?: boolean } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers = options.anonymous ? options.headers : signedIn(options.headers);
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers, setHost: options.setHost ?? true, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const villageEnvelope = { input: { name: '王庄村', township: '青石镇', notes: '经由 HTTP' } };

describe('where it listens', () => {
  it('binds 127.0.0.1 only, on the port the OS gave', () => {
    const address = host.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(address.family).toBe('IPv4');
    expect(address.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${address.port}/`);
  });

  it('keeps an idle keep-alive connection open past Node\'s 5 s default (6 s with its grace), so a reused socket is never reset mid-save', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets: unknown[] = [];
    const call = () => new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/device.status', method: 'POST', agent, headers: signedIn({ 'content-type': 'application/json' }) }, (res) => {
        sockets.push(req.socket);
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end('{}');
    });
    try {
      expect(await call()).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 7_000));
      expect(await call()).toBe(200);
      expect(sockets[1]).toBe(sockets[0]); // the same connection, still open
    } finally {
      agent.destroy();
    }
  }, 15_000);
});

describe('the API over HTTP', () => {
  it('answers POST /api/device.status with JSON, the same result as calling dispatch', async () => {
    const response = await post('device.status', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body: unknown = await response.json();
    expect(body).toEqual({ ok: true, value: { setUp: false } });
    expect(body).toEqual(await app.dispatch('device.status', undefined));
  });

  it('gives the same values and the same errors as dispatch, for every kind of answer', async () => {
    const setUp: unknown = await (await post('device.setup', { input: SECRETARY_SETUP })).json();
    expect(setUp).toMatchObject({ ok: true, value: { role: 'secretary', deviceId: app.context.identity.deviceId } });
    expect(await (await post('device.status', {})).json()).toEqual(await app.dispatch('device.status', undefined));
    expect(await (await post('villages.list', { input: { search: '李' } })).json()).toEqual(await app.dispatch('villages.list', { search: '李' }));

    const invalid = { input: { name: ' ', township: '青石镇', code: '12345' } };
    const overHttp: unknown = await (await post('villages.create', invalid)).json();
    expect(overHttp).toEqual(await app.dispatch('villages.create', invalid.input));
    expect(overHttp).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: ['name'], message: 'validation.required' }, { path: ['code'], message: 'validation.divisionCode' }] } });

    const missing = { input: { id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' } };
    expect(await (await post('villages.get', missing)).json()).toEqual(await app.dispatch('villages.get', missing.input));
    expect(await (await post('device.setup', { input: SECRETARY_SETUP })).json()).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
  });

  it('writes through to the same database: a village created over HTTP is there for dispatch', async () => {
    await expectOk(app, 'device.setup', SECRETARY_SETUP);
    const created = (await (await post('villages.create', villageEnvelope)).json()) as { ok: true; value: { id: string } };
    expect(created.ok).toBe(true);
    expect(await expectOk(app, 'villages.get', { id: created.value.id })).toMatchObject({ name: '王庄村', notes: '经由 HTTP' });
  });

  it('reads an empty body or one without `input` as no input', async () => {
    expect(await (await post('app.info', '')).json()).toMatchObject({ ok: true, value: { version: 'test' } });
    expect(await (await post('app.info', { other: 1 })).json()).toMatchObject({ ok: true });
    expect(await (await post('app.info', 'null')).json()).toMatchObject({ ok: true });
    expect(await (await post('app.info', { input: null })).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses any method but POST with 405, a CORS preflight included', async () => {
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      // A preflight from another origin is refused for its origin (403), one from this page for its method.
      const response = await raw('/api/device.status', { method, headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
      expect(response.status, method).toBe(403);
      expect(response.headers['access-control-allow-origin'], method).toBeUndefined();
      const own = await raw('/api/device.status', { method, headers: { origin: `http://127.0.0.1:${port}`, 'access-control-request-method': 'POST' } });
      expect(own.status, method).toBe(405);
      expect(own.headers['access-control-allow-origin'], method).toBeUndefined();
    }
    expect((await fetch(`${host.url}api/device.status`, { headers: signedIn() })).status).toBe(405);
  });

  it('refuses anything but application/json with 415 (a cross-site form needs no preflight), and stores nothing', async () => {
    await expectOk(app, 'device.setup', SECRETARY_SETUP);
    const before = app.snapshot();
    const body = JSON.stringify(villageEnvelope);
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/json']) {
      expect((await post('villages.create', body, { 'content-type': type })).status, type).toBe(415);
    }
    expect((await raw('/api/villages.create', { method: 'POST', body })).status).toBe(415); // no content type at all
    expect(app.snapshot()).toBe(before);
    // The same body as JSON is accepted, so the 415s above were about the type alone.
    expect((await post('villages.create', body)).status).toBe(200);
    expect(app.snapshot()).not.toBe(before);
  });

  it('refuses a Host header other than 127.0.0.1 or localhost with 403 (DNS rebinding), for the API and the files', async () => {
    await expectOk(app, 'device.setup', SECRETARY_SETUP);
    const before = app.snapshot();
    const body = JSON.stringify(villageEnvelope);
    for (const hostHeader of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `localhost.evil.example`, `evil.localhost:${port}`, '0.0.0.0', `[::1]:${port}`]) {
      const api = await raw('/api/villages.create', { method: 'POST', headers: { host: hostHeader, 'content-type': 'application/json' }, body });
      expect(api.status, hostHeader).toBe(403);
      const page = await raw('/', { headers: { host: hostHeader } });
      expect(page.status, hostHeader).toBe(403);
      expect(page.body).not.toContain('村记');
    }
    // No Host at all: Node's own parser answers 400 for HTTP/1.1, the host's check 403.
    expect([400, 403]).toContain((await raw('/', { setHost: false })).status);
    expect(app.snapshot()).toBe(before);

    for (const hostHeader of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost']) {
      expect((await raw('/api/device.status', { method: 'POST', headers: { host: hostHeader, 'content-type': 'application/json' } })).status, hostHeader).toBe(200);
    }
  });

  it('refuses a body over 1 MiB with 413 and stores nothing; a body of exactly 1 MiB is taken', async () => {
    await expectOk(app, 'device.setup', SECRETARY_SETUP);
    const before = app.snapshot();
    const json = JSON.stringify(villageEnvelope);
    // Valid JSON padded with whitespace: without the limit it would be parsed and stored.
    const padded = (bytes: number) => json + ' '.repeat(bytes - Buffer.byteLength(json));

    const tooBig = await post('villages.create', padded(MAX_BODY_BYTES + 1));
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const wayTooBig = await post('villages.create', padded(4 * MAX_BODY_BYTES));
    expect(wayTooBig.status).toBe(413);
    expect(app.snapshot()).toBe(before);

    const atLimit = await post('villages.create', padded(MAX_BODY_BYTES));
    expect(atLimit.status).toBe(200);
    expect(await atLimit.json()).toMatchObject({ ok: true, value: { name: '王庄村' } });
  });

  it('answers a body that is not JSON with 400 INVALID_INPUT, and stores nothing', async () => {
    await expectOk(app, 'device.setup', SECRETARY_SETUP);
    const before = app.snapshot();
    for (const body of ['{', '{"input":{"name":"王庄村",}}', "{'input':{}}", 'undefined', '\u0000']) {
      const response = await post('villages.create', body);
      expect(response.status, body).toBe(400);
      expect(await response.json()).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not JSON' } });
    }
    expect(app.snapshot()).toBe(before);
  });

  it('answers a method that is not in the contract with UNKNOWN_METHOD', async () => {
    for (const method of ['villages.destroy', 'constructor', '__proto__', 'toString', '', 'device.status/extra', 'device%2Estatus%20', '%2e%2e%2fdevice.status']) {
      const response = await post(method, {});
      expect(response.status, method).toBe(200);
      expect(await response.json(), method).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  // BUG (electron/host/server.ts line 52, `decodeURIComponent(url.pathname.slice(...))` in
  // handle()): a malformed percent-escape in the method name throws URIError, which the catch
  // around handle() turns into 500 INTERNAL "URIError: URI malformed". The request is the
  // client's mistake: expected a 4xx (or 200 UNKNOWN_METHOD); actual 500.
  it('answers a malformed percent-escape in the method name as a client error, not 500', async () => {
    const response = await raw('/api/%E0%A4%A', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.body).not.toContain('INTERNAL');
    expect(response.status).not.toBe(500);
  });
});

describe('the static files', () => {
  // BUG (electron/host/server.ts line 76, `normalize(decodeURIComponent(pathname))` in
  // serveStatic): a malformed percent-escape such as GET /%E0%A4%A throws URIError and comes
  // back as 500 with a JSON body {"ok":false,"error":{"code":"INTERNAL","message":"URIError: URI
  // malformed"}} on a page route. Expected: 400 (or the index.html fallback); actual: 500.
  it('answers a malformed percent-escape in a page path as a client error, not 500', async () => {
    const response = await raw('/%E0%A4%A');
    expect(response.body).not.toContain('INTERNAL');
    expect(response.status).not.toBe(500);
  });

  it('serves index.html and the assets with the CSP header and the right MIME type', async () => {
    for (const [path, type, content] of [
      ['/', 'text/html; charset=utf-8', INDEX_HTML],
      ['/index.html', 'text/html; charset=utf-8', INDEX_HTML],
      ['/assets/app.js', 'text/javascript; charset=utf-8', APP_JS],
      ['/assets/app.css', 'text/css; charset=utf-8', 'body { margin: 0 }'],
      ['/assets/blob.bin', 'application/octet-stream', 'binary'],
    ] as const) {
      const response = await fetch(`${host.url}${path.slice(1)}`, { headers: signedIn() });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
      expect(response.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY_HEADER);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(await response.text(), path).toBe(content);
    }
  });

  it('falls back to index.html for a path that is not a file, so the app routes itself', async () => {
    for (const path of ['/villages', '/villages/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/edit', '/assets', '/assets/', '/assets/missing.js', '/%E6%9D%91%E8%AE%B0']) {
      const response = await raw(path);
      expect(response.status, path).toBe(200);
      expect(response.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(response.headers['content-security-policy'], path).toBe(CONTENT_SECURITY_POLICY_HEADER);
      expect(response.body, path).toBe(INDEX_HTML);
    }
  });

  it('refuses any method but GET and HEAD on files with 405', async () => {
    expect((await raw('/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(405);
    expect((await raw('/assets/app.js', { method: 'PUT', body: 'x' })).status).toBe(405);
    const head = await raw('/assets/app.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('never serves a file outside the static folder, however the path is spelt', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../etc/passwd',
      '/../../../../../../../../etc/passwd',
      '/%2e%2e/secret.txt',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%2E%2E/%2E%2E/etc/passwd',
      '/.%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%2f..%2fetc%2fpasswd',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/%2e%2e%2fstatic-evil%2fsecret.txt',
      '/..%5csecret.txt',
      '/..%5c..%5cetc%5cpasswd',
      '/%5c..%5c..%5csecret.txt',
      '/..\\secret.txt',
      '/..%255csecret.txt',
      '/..%252fsecret.txt',
      '//../secret.txt',
      '/%2f%2e%2e%2fsecret.txt',
      `/${join(root, 'secret.txt')}`,
      `/${encodeURIComponent(join(root, 'secret.txt'))}`,
      '/etc/passwd',
      '/%00../secret.txt',
    ];
    for (const path of attempts) {
      const response = await raw(path);
      expect(response.body, path).not.toContain(SECRET);
      expect(response.body, path).not.toMatch(/root:.*:0:0:/);
      // Either refused, or the app shell; never some other file.
      if (response.status === 200) expect(response.body, path).toBe(INDEX_HTML);
      else expect([400, 403, 404], path).toContain(response.status);
    }
  });
});
