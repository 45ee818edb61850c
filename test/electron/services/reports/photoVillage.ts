// A secretary's village with photos and scans on its records, made through the API with real
// JPEGs and a PDF: 王建国's visit with five photos (three drawn, "+2"), 李秀英's visit with a
// photo whose thumbnail is not on this device (its file removed, as before a sync brings it) and
// a PDF, a visit without any, a project with two photos, and its fund entry's scanned invoice.
import { openFileStore } from '../../../../electron/services/attachments/fileStore';
import { expectOk, openTestApp, SECRETARY_SETUP, type TestApp } from '../../../helpers/openedApp';
import { makePdf, makePhoto } from '../attachments/makeFiles';

export interface PhotoVillage {
  app: TestApp;
  dataDir: string;
  villageId: string;
  visits: { full: string; partial: string; bare: string };
  projectId: string;
  fundId: string;
}

const b64 = (bytes: Buffer) => bytes.toString('base64');

export async function photoVillage(dataDir: string): Promise<PhotoVillage> {
  const app = await openTestApp(dataDir);
  const profile = await expectOk(app, 'device.setup', SECRETARY_SETUP);
  const villageId = profile.villageIds[0]!;
  const wang = await expectOk(app, 'households.create', { villageId, headName: '王建国', category: 'ordinary' });
  const li = await expectOk(app, 'households.create', { villageId, headName: '李秀英', category: 'ordinary' });
  const visit = (householdId: string, visitDate: string) => expectOk(app, 'visits.create', { villageId, householdId, visitDate, mode: 'home', situation: '入户了解收入' });
  const full = await visit(wang.id, '2026-11-02');
  const partial = await visit(li.id, '2026-11-05');
  const bare = await visit(wang.id, '2026-11-09');
  // Five photos of different shapes and colours (each file differs), landscape and portrait.
  const shapes = [[1600, 1200], [1200, 1600], [2000, 1000], [1000, 1000], [1400, 1050]] as const;
  const photos = await Promise.all(shapes.map(([width, height], i) => makePhoto({ width: width + i, height, takenAt: `2026:11:02 09:0${i}:00` })));
  await expectOk(app, 'attachments.add', {
    ledger: 'visits', recordId: full.id, caption: '入户合影', files: photos.map((bytes, i) => ({ name: `IMG_000${i + 1}.jpg`, type: 'image/jpeg', data: b64(bytes) })),
  });
  const gone = await expectOk(app, 'attachments.add', {
    ledger: 'visits', recordId: partial.id, files: [{ name: 'li.jpg', data: b64(await makePhoto({ width: 900, height: 700 })) }, { name: '低保申请表.pdf', data: b64(makePdf()) }],
  });
  const project = await expectOk(app, 'projects.create', { villageId, name: '村道硬化', kind: 'infrastructure', status: 'approved', budgetFen: 50_000_000, startDate: '2026-03-01' });
  await expectOk(app, 'attachments.add', {
    ledger: 'projects', recordId: project.id, caption: '施工前后',
    files: [{ name: 'before.jpg', data: b64(await makePhoto({ width: 1500, height: 1000, noise: true })) }, { name: 'after.jpg', data: b64(await makePhoto({ width: 1000, height: 1500 })) }],
  });
  const fund = await expectOk(app, 'funds.create', { villageId, projectId: project.id, direction: 'in', amountFen: 100_000, entryDate: '2026-11-01', source: '县财政' });
  await expectOk(app, 'attachments.add', { ledger: 'funds', recordId: fund.id, caption: '拨款凭证', files: [{ name: 'invoice.pdf', data: b64(makePdf()) }] });
  // 李秀英's photo arrived as a row only: its thumbnail and file are not kept here.
  const row = gone.results[0]!;
  if (!row.ok) throw new Error('the photo was refused');
  const store = openFileStore(dataDir);
  store.remove(row.attachment.thumbSha256!);
  store.remove(row.attachment.sha256);
  return { app, dataDir, villageId, visits: { full: full.id, partial: partial.id, bare: bare.id }, projectId: project.id, fundId: fund.id };
}
