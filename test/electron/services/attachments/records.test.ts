import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { readExifFacts } from '../../../../electron/services/attachments/exif';
import { openFileStore } from '../../../../electron/services/attachments/fileStore';
import { retentionOf, sweepAttachmentFiles } from '../../../../electron/services/attachments/sweep';
import { expectOk, expectRefused, openTestApp, SECRETARY_SETUP, type TestApp } from '../../../helpers/openedApp';
import { prepareSample } from '../../../helpers/ledgerSamples';
import { useTempDirs } from '../../../helpers/tempDir';
import { makePhoto } from './makeFiles';

const tempDir = useTempDirs();
const DAY = 24 * 60 * 60 * 1000;
const opened: TestApp[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

async function secretaryWithVisits() {
  const dataDir = tempDir();
  const app = await openTestApp(dataDir);
  opened.push(app);
  const profile = await expectOk(app, 'device.setup', SECRETARY_SETUP);
  const villageId = profile.villageIds[0]!;
  const household = await expectOk(app, 'households.create', { villageId, headName: '王建国', category: 'ordinary' });
  const visit = (visitDate: string) => expectOk(app, 'visits.create', { villageId, householdId: household.id, visitDate, mode: 'home', situation: '入户了解收入' });
  const [first, second] = [await visit('2026-11-20'), await visit('2026-11-21')];
  return { app, dataDir, villageId, first, second };
}

const b64 = (bytes: Buffer) => bytes.toString('base64');

describe('attachments as synced rows', () => {
  it('attaches two photos to a visit: two rows through the store (in the change log), one file and one thumbnail each', async () => {
    const { app, dataDir, first } = await secretaryWithVisits();
    const a = await makePhoto({ width: 3000, height: 2000, takenAt: '2026:11:20 10:05:00' });
    const b = await makePhoto({ width: 800, height: 1200 });
    const { results } = await expectOk(app, 'attachments.add', {
      ledger: 'visits', recordId: first.id, files: [{ name: '户主合影.jpg', type: 'image/jpeg', data: b64(a) }, { name: 'b.jpg', data: b64(b) }],
    });
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const listed = await expectOk(app, 'attachments.list', { recordId: first.id });
    expect(listed.items.map((i) => [i.fileName, i.kind, i.width, i.height, i.takenAt, i.attachedBy, i.present])).toEqual([
      ['户主合影.jpg', 'photo', 2048, 1365, '2026-11-20T10:05:00', SECRETARY_SETUP.name, true],
      ['b.jpg', 'photo', 800, 1200, null, SECRETARY_SETUP.name, true],
    ]);
    const logged = app.context.db.sqlite.prepare("SELECT count(DISTINCT row_id) FROM changes WHERE tbl = 'attachments'").pluck().get();
    expect(logged).toBe(2);
    expect(openFileStore(dataDir).list()).toHaveLength(4);
  });

  it('the same photo on two records is two rows and one file; twice on one record is one attachment', async () => {
    const { app, dataDir, first, second } = await secretaryWithVisits();
    const data = b64(await makePhoto({ width: 1000, height: 800 }));
    const one = await expectOk(app, 'attachments.add', { ledger: 'visits', recordId: first.id, files: [{ name: 'p.jpg', data }] });
    const again = await expectOk(app, 'attachments.add', { ledger: 'visits', recordId: first.id, files: [{ name: 'p.jpg', data }] });
    const other = await expectOk(app, 'attachments.add', { ledger: 'visits', recordId: second.id, files: [{ name: 'p.jpg', data }] });
    expect(again.results[0]).toMatchObject({ ok: true, duplicate: true });
    expect(other.results[0]).toMatchObject({ ok: true, duplicate: false });
    const [r1, r3] = [one.results[0]!, other.results[0]!];
    if (!r1.ok || !r3.ok) throw new Error('refused');
    expect(r3.attachment.id).not.toBe(r1.attachment.id);
    expect(r3.attachment.sha256).toBe(r1.attachment.sha256);
    expect(openFileStore(dataDir).list()).toHaveLength(2); // the photo and its thumbnail
  });

  it('refuses a hostile file in a batch with its named reason, storing nothing for it, and keeps the others', async () => {
    const { app, dataDir, first } = await secretaryWithVisits();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const { results } = await expectOk(app, 'attachments.add', {
      ledger: 'visits', recordId: first.id,
      files: [{ name: 'x.svg', data: b64(svg) }, { name: 'ok.jpg', data: b64(await makePhoto({ width: 300, height: 200 })) }, { name: 'a.jpg', data: b64(Buffer.from('%PDF-1.4 no')) }],
    });
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ATTACHMENT_TYPE', 'ok', 'ATTACHMENT_TYPE']);
    expect((await expectOk(app, 'attachments.list', { recordId: first.id })).total).toBe(1);
    expect(openFileStore(dataDir).list()).toHaveLength(2);
  });

  it('reads a chosen path, refusing one that is not a file', async () => {
    const { app, first } = await secretaryWithVisits();
    const path = join(tempDir(), '扫描件.jpg');
    writeFileSync(path, await makePhoto({ width: 640, height: 480 }));
    const { results } = await expectOk(app, 'attachments.add', { ledger: 'visits', recordId: first.id, files: [{ path }, { path: tempDir() }, { path: join(tempDir(), 'gone.jpg') }] });
    expect(results.map((r) => (r.ok ? r.attachment.fileName : r.code))).toEqual(['扫描件.jpg', 'ATTACHMENT_UNREADABLE', 'ATTACHMENT_UNREADABLE']);
  });

  it('refuses to attach to a record that does not exist, writing nothing', async () => {
    const { app, first } = await secretaryWithVisits();
    await expectOk(app, 'visits.delete', { id: first.id });
    const before = app.snapshot();
    const error = await expectRefused(app, 'attachments.add', { ledger: 'visits', recordId: first.id, files: [{ name: 'p.jpg', data: b64(await makePhoto({ width: 10, height: 10 })) }] });
    expect(error.code).toBe('NOT_FOUND');
    expect(app.snapshot()).toBe(before);
  });

  it('changes a caption, and drops a kept location from the file without decoding it (not the other way)', async () => {
    const { app, first } = await secretaryWithVisits();
    const photo = await makePhoto({ width: 600, height: 400, gps: { latitude: 36.1, longitude: 117.2 } });
    const { results } = await expectOk(app, 'attachments.add', { ledger: 'visits', recordId: first.id, keepLocation: true, files: [{ name: 'gps.jpg', data: b64(photo) }] });
    const added = results[0]!;
    if (!added.ok) throw new Error(added.message);
    expect(added.attachment.keepLocation).toBe(true);
    const gpsOf = async (hash: string) => {
      const { data } = await expectOk(app, 'attachments.content', { hash });
      return readExifFacts((await sharp(Buffer.from(data, 'base64')).metadata()).exif).gps;
    };
    expect(await gpsOf(added.attachment.sha256)).not.toBeNull();
    const captioned = await expectOk(app, 'attachments.update', { id: added.attachment.id, patch: { caption: '与户主在院内' } });
    expect(captioned.caption).toBe('与户主在院内');
    const dropped = await expectOk(app, 'attachments.update', { id: added.attachment.id, patch: { keepLocation: false } });
    expect(dropped.keepLocation).toBe(false);
    expect(dropped.sha256).not.toBe(added.attachment.sha256);
    expect(await gpsOf(dropped.sha256)).toBeNull();
    const error = await expectRefused(app, 'attachments.update', { id: added.attachment.id, patch: { keepLocation: true } });
    expect(error.issues).toEqual([{ path: ['patch', 'keepLocation'], message: 'attachments.locationGone' }]);
  });

  it("a village's gallery filters by ledger and by month", async () => {
    const { app, villageId, first } = await secretaryWithVisits();
    const project = await expectOk(app, 'projects.create', { villageId, name: '村道硬化', kind: 'infrastructure', status: 'building', budgetFen: 100000 });
    const nov = b64(await makePhoto({ width: 100, height: 100, takenAt: '2026:11:02 08:00:00' }));
    const oct = b64(await makePhoto({ width: 120, height: 100, takenAt: '2026:10:02 08:00:00' }));
    await expectOk(app, 'attachments.add', { ledger: 'visits', recordId: first.id, files: [{ name: 'nov.jpg', data: nov }] });
    await expectOk(app, 'attachments.add', { ledger: 'projects', recordId: project.id, files: [{ name: 'oct.jpg', data: oct }] });
    const names = async (input: object) => (await expectOk(app, 'attachments.list', { villageId, ...input })).items.map((i) => i.fileName);
    expect(await names({})).toEqual(['nov.jpg', 'oct.jpg']);
    expect(await names({ ledger: 'projects' })).toEqual(['oct.jpg']);
    expect(await names({ month: '2026-11' })).toEqual(['nov.jpg']);
    expect(await names({ ledger: 'visits', month: '2026-10' })).toEqual([]);
  });

  it('attaches the signed form to a member-development step, and refuses a ledger files do not belong to', async () => {
    const { app, villageId } = await secretaryWithVisits();
    const step = await expectOk(app, 'steps.create', (await prepareSample(app, 'steps', villageId)) as never);
    const form = b64(await makePhoto({ width: 1240, height: 1754 }));
    const { results } = await expectOk(app, 'attachments.add', { ledger: 'steps', recordId: step.id, files: [{ name: '入党申请书.jpg', data: form }] });
    expect(results[0]).toMatchObject({ ok: true, attachment: { ledger: 'steps', recordId: step.id, width: 1240, height: 1754 } });
    const refused = await expectRefused(app, 'attachments.add', { ledger: 'households', recordId: step.id, files: [{ name: 'a.jpg', data: form }] });
    expect(refused.issues).toEqual([{ path: ['ledger'], message: 'validation.invalid' }]);
  });

  it('gives the bytes of a file only by a hash a live attachment refers to', async () => {
    const { app, first } = await secretaryWithVisits();
    const { results } = await expectOk(app, 'attachments.add', { ledger: 'visits', recordId: first.id, files: [{ name: 'p.jpg', data: b64(await makePhoto({ width: 50, height: 50 })) }] });
    const added = results[0]!;
    if (!added.ok) throw new Error(added.message);
    const thumb = await expectOk(app, 'attachments.content', { hash: added.attachment.thumbSha256! });
    expect(thumb.mime).toBe('image/jpeg');
    expect((await expectRefused(app, 'attachments.content', { hash: 'a'.repeat(64) })).code).toBe('NOT_FOUND');
    await expectOk(app, 'attachments.remove', { id: added.attachment.id });
    expect((await expectRefused(app, 'attachments.content', { hash: added.attachment.sha256 })).code).toBe('NOT_FOUND');
  });
});

describe('removing an attachment and sweeping files', () => {
  it('keeps a file a live row still refers to; removes one only after the backups reach no deleted row that named it', async () => {
    const { app, dataDir, first, second } = await secretaryWithVisits();
    const shared = b64(await makePhoto({ width: 400, height: 300 }));
    const alone = b64(await makePhoto({ width: 300, height: 400 }));
    const add = async (recordId: string, data: string) => {
      const r = (await expectOk(app, 'attachments.add', { ledger: 'visits', recordId, files: [{ name: 'p.jpg', data }] })).results[0]!;
      if (!r.ok) throw new Error(r.message);
      return r.attachment;
    };
    const onFirst = await add(first.id, shared);
    await add(second.id, shared);
    const lonely = await add(first.id, alone);
    await expectOk(app, 'attachments.remove', { id: onFirst.id });
    await expectOk(app, 'attachments.remove', { id: lonely.id });
    expect((await expectOk(app, 'attachments.list', { recordId: first.id })).items).toEqual([]);

    const files = openFileStore(dataDir);
    const sweep = (now: number) => sweepAttachmentFiles(app.context.db.sqlite, files, { now });
    // Within the backups' reach, both stay: a restored backup still names them.
    expect(sweep(app.context.now() + retentionOf() - DAY).removed).toEqual([]);
    // Past it, the lonely photo and its thumbnail go; the one the second visit shows stays.
    const later = sweep(app.context.now() + retentionOf() + DAY);
    expect(later.removed.sort()).toEqual([lonely.sha256, lonely.thumbSha256].sort());
    expect(files.has(onFirst.sha256)).toBe(true);
    expect(files.has(onFirst.thumbSha256!)).toBe(true);
  });

  it("the day's backup runs the sweep: a removed photo's file goes once the backups no longer reach its row", async () => {
    const { app, dataDir, first } = await secretaryWithVisits();
    const r = (await expectOk(app, 'attachments.add', { ledger: 'visits', recordId: first.id, files: [{ name: 'p.jpg', data: b64(await makePhoto({ width: 64, height: 48 })) }] })).results[0]!;
    if (!r.ok) throw new Error(r.message);
    await expectOk(app, 'attachments.remove', { id: r.attachment.id });
    const files = openFileStore(dataDir);
    await app.context.backups!.daily();
    expect(files.has(r.attachment.sha256)).toBe(true);
    app.advance(retentionOf() + DAY);
    await app.context.backups!.daily();
    expect(files.list()).toEqual([]);
  });

  it("deleting a record deletes its attachments, and those of the rows its delete takes with it, as synced deletes", async () => {
    const { app, villageId } = await secretaryWithVisits();
    const project = await expectOk(app, 'projects.create', { villageId, name: '村道硬化', kind: 'infrastructure', status: 'approved', budgetFen: 50_000_000, startDate: '2026-03-01' });
    const fund = await expectOk(app, 'funds.create', { villageId, projectId: project.id, direction: 'in', amountFen: 100_000, entryDate: '2026-11-01', source: '县财政' });
    const photo = b64(await makePhoto({ width: 64, height: 48 }));
    for (const [ledger, recordId] of [['projects', project.id], ['funds', fund.id]] as const) {
      await expectOk(app, 'attachments.add', { ledger, recordId, files: [{ name: 'p.jpg', data: photo }] });
    }
    const logged = () => app.context.db.sqlite.prepare("SELECT count(*) FROM changes WHERE tbl = 'attachments' AND col = '_row'").pluck().get();
    const before = logged() as number;
    await expectOk(app, 'projects.delete', { id: project.id });
    expect((await expectOk(app, 'attachments.list', { recordId: project.id })).items).toEqual([]);
    expect((await expectOk(app, 'attachments.list', { recordId: fund.id })).items).toEqual([]);
    expect(logged()).toBe(before + 2);
  });

  it('removes a file no row ever named only after a day (an add may be between its file and its row)', async () => {
    const { app, dataDir } = await secretaryWithVisits();
    const files = openFileStore(dataDir);
    const { hash } = files.put(await makePhoto({ width: 20, height: 20 }), 'jpg');
    expect(sweepAttachmentFiles(app.context.db.sqlite, files, { now: Date.now() }).removed).toEqual([]);
    expect(sweepAttachmentFiles(app.context.db.sqlite, files, { now: Date.now() + 2 * DAY }).removed).toEqual([hash]);
  });
});
