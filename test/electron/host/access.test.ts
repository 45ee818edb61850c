// Only the person who started the host can use it: every request without this start's secret
// is refused (the API, the exports, the pages), a wrong secret as well, a page of another origin
// even with the secret; the printed address signs a browser in with an HttpOnly, SameSite=Strict
// cookie and sends it on to the app, where everything then works.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { exportsDirOf } from '../../../electron/services/reports/files';
import { expectOk, openTestApp, type TestApp } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';
import { exportDone } from '../services/reports/readBack';

const tempDir = useTempDirs();
const INDEX_HTML = '<!doctype html><title>村记</title><div id="root"></div>';

let app: TestApp;
let host: RunningHost;
let port: number;

beforeEach(async () => {
  const root = tempDir();
  mkdirSync(join(root, 'static'));
  writeFileSync(join(root, 'static', 'index.html'), INDEX_HTML);
  app = await openTestApp(join(root, 'data'));
  await expectOk(app, 'device.setup', { role: 'coordinator', name: '赵敏', unit: '青石镇人民政府', unitLevel: 'township', township: '青石镇', county: '临河县' });
  await expectOk(app, 'villages.create', { name: '李家村', township: '青石镇' });
  host = await startHost({ dispatch: app.dispatch, staticDir: join(root, 'static'), exportsDir: exportsDirOf(join(root, 'data')) });
  port = (host.server.address() as AddressInfo).port;
});

afterEach(async () => {
  await host.close();
  app.close();
});

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

function send(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const listHouseholds = (headers: Record<string, string>) => send('/api/households.list', { ...JSON_TYPE, ...headers }, 'POST', '{"input":{}}');
const createVillage = (headers: Record<string, string>) =>
  send('/api/villages.create', { ...JSON_TYPE, ...headers }, 'POST', JSON.stringify({ input: { name: '外来村', township: '青石镇' } }));

describe('without this start\'s secret', () => {
  it('refuses the API with 401 and stores nothing, for no secret, a wrong one and a cookie of the wrong name', async () => {
    const before = app.snapshot();
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }, { authorization: `Bearer ${host.token}x` }, { authorization: host.token }, { cookie: `cunji_${port}=${host.token}` }, { cookie: `cunji_1=${host.token}` }];
    for (const headers of attempts) {
      const answer = await createVillage(headers);
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      expect((await listHouseholds(headers)).status).toBe(401);
    }
    expect(app.snapshot()).toBe(before);
  });

  it('refuses the pages and the exports with 401, saying where the address to open is', async () => {
    const job = await exportDone(app, { report: 'summary', scope: 'township', from: '2026-10-01', to: '2026-10-31', format: 'csv' });
    for (const path of ['/', '/index.html', '/villages', `/${job.download}`, '/auth', '/auth?token=wrong']) {
      const answer = await send(path);
      expect(answer.status, path).toBe(401);
      expect(answer.body, path).toContain('Open the address printed');
      expect(answer.body, path).not.toContain('<div id="root">');
    }
    // With the secret, the same export downloads.
    expect((await send(`/${job.download}`, { authorization: `Bearer ${host.token}` })).status).toBe(200);
  });
});

describe('the printed address', () => {
  it('carries a fresh random secret at every start, in a query the server reads (not a fragment)', async () => {
    expect(host.signInUrl).toBe(`${host.url}auth?token=${host.token}`);
    expect(host.token).toMatch(/^[\w-]{43}$/);
    const other = await startHost({ dispatch: app.dispatch, staticDir: tempDir() });
    try {
      expect(other.token).not.toBe(host.token);
    } finally {
      await other.close();
    }
  });

  it('sets an HttpOnly SameSite=Strict cookie and redirects to the app; with the cookie the API and pages work', async () => {
    const signIn = await send(`/auth?token=${host.token}`, { 'sec-fetch-site': 'none' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.location).toBe('/');
    const setCookie = signIn.headers['set-cookie']![0]!;
    expect(setCookie).toMatch(new RegExp(`^cunji_${port}=[\\w-]+; HttpOnly; SameSite=Strict; Path=/$`));
    const cookie = setCookie.split(';')[0]!;
    expect(cookie).not.toContain(host.token); // the cookie is its own secret, not the printed one

    const page = await send('/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX_HTML);
    const created = await createVillage({ cookie, origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { name: '外来村' } });
    expect((await listHouseholds({ authorization: `Bearer ${host.token}` })).status).toBe(200);
  });
});

describe('another origin', () => {
  it('is refused with 403 even with the secret, and stores nothing', async () => {
    const before = app.snapshot();
    const auth = { authorization: `Bearer ${host.token}` };
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, `http://localhost:${port}`, 'null', `https://127.0.0.1:${port}`]) {
      expect((await createVillage({ ...auth, origin })).status, origin).toBe(403);
    }
    for (const site of ['cross-site', 'same-site']) {
      expect((await createVillage({ ...auth, 'sec-fetch-site': site })).status, site).toBe(403);
      expect((await send(`/auth?token=${host.token}`, { 'sec-fetch-site': site })).status, site).toBe(403);
    }
    expect(app.snapshot()).toBe(before);
    // The same request from the host's own page goes through.
    expect((await createVillage({ ...auth, origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  });
});
