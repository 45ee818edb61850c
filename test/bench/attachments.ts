// `npm run bench:attachments`: a secretary attaches camera-sized photos (noisy JPEGs made by sharp,
// about 12 MP by default) to her visits through the real attachments.add, then syncs them through
// a shared folder to her coordinator, as the app does (the whole app opened on real data folders,
// calls through its dispatch). Prints time (wall and CPU), bytes kept vs the photos' own size,
// bytes written to the shared folder vs the photos' size, and checks the coordinator has every file.
//   node scripts/bench.mjs attachments [--photos N] [--width PX] [--height PX] [--quick] [--keep]
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../electron/services/app';
import { createClient } from '../../shared/api/client';
import type { ApiMethod } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
import type { ApiOutput } from '../../shared/api/types';
import type { DeviceSetupInput } from '../../shared/domain/device';
import { cameraPhotoMaker } from '../electron/services/attachments/makeFiles';
import { arg, cpuSeconds, int, mb, seconds } from './syncFixture';

const PER_VISIT = 10;
const SECRETARY: DeviceSetupInput = {
  role: 'secretary', name: '李明', unit: '省农业农村厅', unitLevel: 'province', township: '青石镇', county: '临河县', villages: [{ name: '李家村', code: '371325101201' }],
};
const COORDINATOR: DeviceSetupInput = { ...SECRETARY, role: 'coordinator', name: '赵镇', villages: [] };

/** Bytes of every file under `dir`. */
function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function openDevice(dataDir: string, setup: DeviceSetupInput) {
  const app = await openApp({ dataDir, appVersion: 'bench', sync: { autoStart: false } });
  const api = createClient(<M extends ApiMethod>(method: M, input: unknown) => app.dispatch(method, input) as Promise<ApiResult<ApiOutput<M>>>);
  const profile = await api.device.setup(setup);
  return { app, api, id: app.context.identity.deviceId, publicKey: app.context.identity.publicKeyPem, villageId: profile.villageIds[0] };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const photos = arg('photos', quick ? 20 : 500);
  const width = arg('width', quick ? 1600 : 4000);
  const height = arg('height', quick ? 1200 : 3000);
  const dir = mkdtempSync(join(tmpdir(), 'cunji-bench-attachments-'));
  try {
    console.log(`村记 bench:attachments — ${photos} photos of ${width}×${height} (${((width * height) / 1e6).toFixed(1)} MP), ${PER_VISIT} a visit, through a shared folder; in ${dir}`);
    console.log(`uptime: ${execSync('uptime').toString().trim()}; node ${process.version}`);
    const a = await openDevice(join(dir, 'secretary'), SECRETARY);
    const c = await openDevice(join(dir, 'coordinator'), COORDINATOR);
    await a.api.devices.trust({ deviceId: c.id, publicKey: c.publicKey, name: '赵镇', role: 'coordinator', villages: [], township: '青石镇' });
    await c.api.devices.trust({ deviceId: a.id, publicKey: a.publicKey, name: '李明', role: 'secretary', villages: [a.villageId!], township: null });

    let photoBytes = 0;
    const m00 = performance.now();
    const makePhoto = await cameraPhotoMaker(width, height);
    let makeS = seconds(m00);
    let addS = 0;
    let addCpuS = 0;
    const visits: string[] = [];
    for (let done = 0; done < photos; done += PER_VISIT) {
      const household = await a.api.households.create({ villageId: a.villageId!, headName: '赵前进', villagerGroup: `第${visits.length + 1}组`, category: 'ordinary' });
      const visit = await a.api.visits.create({ villageId: a.villageId!, householdId: household.id, visitDate: '2026-11-02', mode: 'home', situation: '入户走访' });
      visits.push(visit.id);
      const m0 = performance.now();
      const batch: Buffer[] = [];
      for (let i = done; i < Math.min(photos, done + PER_VISIT); i++) {
        batch.push(await makePhoto(i, { takenAt: '2026:11:02 10:00:00', gps: { latitude: 35.1 + i / 1e4, longitude: 118.3 } }));
      }
      makeS += seconds(m0);
      photoBytes += batch.reduce((n, p) => n + p.length, 0);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const { results } = await a.api.attachments.add({ ledger: 'visits', recordId: visit.id, files: batch.map((p, i) => ({ name: `IMG_${done + i}.jpg`, data: p.toString('base64') })) });
      addS += seconds(t0);
      addCpuS += cpuSeconds(c0);
      const refused = results.find((r) => !r.ok);
      if (refused) throw new Error(`attachments.add refused a photo: ${JSON.stringify(refused)}`);
    }
    const stored = bytesUnder(join(dir, 'secretary', 'attachments'));

    const folder = join(dir, 'shared');
    mkdirSync(folder);
    const targetA = (await a.api.sync.saveTarget({ kind: 'folder', name: '共享', folder })).id;
    const targetC = (await c.api.sync.saveTarget({ kind: 'folder', name: '共享', folder })).id;
    const s0 = performance.now();
    const sc0 = process.cpuUsage();
    const sent = await a.api.sync.run({ id: targetA });
    const sendS = seconds(s0);
    const sendCpuS = cpuSeconds(sc0);
    if (sent.status.lastError) throw new Error(`secretary's sync: ${sent.status.lastError}`);
    const wire = bytesUnder(folder);
    const r0 = performance.now();
    const rc0 = process.cpuUsage();
    const received = await c.api.sync.run({ id: targetC });
    const receiveS = seconds(r0);
    const receiveCpuS = cpuSeconds(rc0);
    if (received.status.lastError) throw new Error(`coordinator's sync: ${received.status.lastError}`);
    let present = 0;
    for (const recordId of visits) present += (await c.api.attachments.list({ recordId })).items.filter((i) => i.present).length;
    if (present !== photos) throw new Error(`the coordinator has ${present} of ${photos} photos`);
    a.app.close();
    c.app.close();

    const share = (n: number) => `${((n / photoBytes) * 100).toFixed(1)}% of the photos`;
    console.log(`photos made in ${makeS.toFixed(1)} s (not counted): ${int(photos)} photos, ${mb(photoBytes)} (${mb(photoBytes / photos)} each)`);
    if (quick) {
      console.log(`quick: OK — ${photos} photos attached, synced through the folder, all ${present} present at the coordinator`);
      return;
    }
    console.table({
      'attachments.add (all photos)': { value: `${addS.toFixed(1)} s wall, ${addCpuS.toFixed(1)} s CPU of this process; ${(addS / photos * 1000).toFixed(0)} ms a photo` },
      'kept on the secretary\'s computer': { value: `${mb(stored)}: ${share(stored)} (2,048 px copies and thumbnails)` },
      'sync, secretary → shared folder': { value: `${sendS.toFixed(1)} s wall (${sendCpuS.toFixed(1)} s CPU)` },
      'written to the shared folder': { value: `${mb(wire)}: ${share(wire)}` },
      'sync, shared folder → coordinator': { value: `${receiveS.toFixed(1)} s wall (${receiveCpuS.toFixed(1)} s CPU); ${present} of ${photos} photos present` },
    });
  } finally {
    if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
