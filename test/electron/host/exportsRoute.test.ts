// The browser host's download route for exported reports (/exports/<name>): a report written by
// reports.export comes back byte for byte as an attachment with its Chinese name; nothing else
// does — no other folder, no `..`, no hidden or other kind of file, no symlink out, no other
// Host name, no page of another site.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentHeader, startHost, type RunningHost } from '../../../electron/host/server';
import { exportsDirOf } from '../../../electron/services/reports/files';
import { expectOk, openTestApp, type TestApp } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';
import { exportDone } from '../services/reports/readBack';

const tempDir = useTempDirs();
const SECRET = 'TOP-SECRET-村记';

let app: TestApp;
let host: RunningHost;
let port: number;
let dataDir: string;

beforeEach(async () => {
  const root = tempDir();
  dataDir = join(root, 'data');
  mkdirSync(join(root, 'static'));
  writeFileSync(join(root, 'static', 'index.html'), '<!doctype html><title>村记</title>');
  writeFileSync(join(root, 'secret.xlsx'), SECRET);
  app = await openTestApp(dataDir);
  await expectOk(app, 'device.setup', { role: 'coordinator', name: '赵敏', unit: '青石镇人民政府', unitLevel: 'township', township: '青石镇', county: '临河县' });
  await expectOk(app, 'villages.create', { name: '李家村', township: '青石镇' });
  mkdirSync(exportsDirOf(dataDir), { recursive: true });
  symlinkSync(join(root, 'secret.xlsx'), join(exportsDirOf(dataDir), 'link.xlsx'));
  writeFileSync(join(exportsDirOf(dataDir), '.hidden.xlsx'), SECRET);
  writeFileSync(join(exportsDirOf(dataDir), 'notes.txt'), SECRET);
  host = await startHost({ dispatch: app.dispatch, staticDir: join(root, 'static'), exportsDir: exportsDirOf(dataDir) });
  port = (host.server.address() as AddressInfo).port;
});

afterEach(async () => {
  await host.close();
  app.close();
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: { authorization: `Bearer ${host.token}`, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/exports/<name>', () => {
  it('serves an exported report as an attachment, byte for byte, under its Chinese name', async () => {
    const job = await exportDone(app, { report: 'summary', scope: 'township', from: '2026-10-01', to: '2026-10-31', format: 'csv' });
    expect(job.download).toBe(`exports/${encodeURIComponent(job.fileName)}`);
    const res = await get(`/${job.download}`, { 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(200);
    expect(res.body.equals(readFileSync(job.file))).toBe(true);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(attachmentHeader(job.fileName));
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(job.fileName)}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    const typed = await get(`/${job.download}`); // an address typed or opened by the person
    expect(typed.status).toBe(200);
    const head = await get(`/${job.download}`, {}, 'HEAD');
    expect([head.status, head.body.length, Number(head.headers['content-length'])]).toEqual([200, 0, res.body.length]);
  });

  it('names the file twice in Content-Disposition: an ASCII stand-in and the UTF-8 name', () => {
    expect(attachmentHeader('镇街汇总表 (2).xlsx')).toBe(`attachment; filename="_____ (2).xlsx"; filename*=UTF-8''${'%E9%95%87%E8%A1%97%E6%B1%87%E6%80%BB%E8%A1%A8'}%20%282%29.xlsx`);
    expect(attachmentHeader('a"b\\c%.csv')).toBe(`attachment; filename="a_b_c_.csv"; filename*=UTF-8''a%22b%5Cc%25.csv`);
  });

  it.each([
    ['a path out of the folder', '/exports/..%2Fsecret.xlsx'],
    ['a dotted path out of the folder', '/exports/%2e%2e%2fsecret.xlsx'],
    ['a sub-folder', '/exports/a/b.xlsx'],
    ['the database', '/exports/..%2Fcunji.sqlite'],
    ['a hidden file', '/exports/.hidden.xlsx'],
    ['a file of another kind', '/exports/notes.txt'],
    ['a symlink to a file outside', '/exports/link.xlsx'],
    ['a name that is not there', '/exports/nothing.xlsx'],
    ['a backslash', '/exports/..%5Csecret.xlsx'],
    ['a NUL', '/exports/a%00.xlsx'],
  ])('refuses %s', async (_label, path) => {
    const res = await get(path);
    expect([403, 404]).toContain(res.status);
    expect(res.body.toString()).not.toContain(SECRET);
  });

  it('refuses a page of another site (Sec-Fetch-Site), another Host name, and anything but GET', async () => {
    const job = await exportDone(app, { report: 'summary', scope: 'township', from: '2026-10-01', to: '2026-10-31', format: 'xlsx' });
    expect((await get(`/${job.download}`, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await get(`/${job.download}`, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await get(`/${job.download}`, { host: 'evil.example:80' })).status).toBe(403);
    expect((await get(`/${job.download}`, {}, 'POST')).status).toBe(405);
    expect((await get(`/${job.download}`, {}, 'DELETE')).status).toBe(405);
  });

  it('serves nothing when the host was started without an exports folder', async () => {
    const job = await exportDone(app, { report: 'summary', scope: 'township', from: '2026-10-01', to: '2026-10-31', format: 'xlsx' });
    const bare = await startHost({ dispatch: app.dispatch, staticDir: join(dataDir, '..', 'static') });
    try {
      const res = await fetch(`${bare.url}${job.download}`, { headers: { authorization: `Bearer ${bare.token}` } });
      expect(res.status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
