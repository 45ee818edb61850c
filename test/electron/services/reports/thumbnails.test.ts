// Photo thumbnails in the 走访 and 项目 reports: off by default; asked for, the XLSX carries each
// record's first three thumbnails as images anchored in its own row (the stored thumbnails, byte
// for byte, each kept once), "+2" for the rest, a placeholder word for a photo not on this device,
// never a failure; the CSV and the preview say the same in words.
import { afterEach, describe, expect, it } from 'vitest';
import { openFileStore } from '../../../../electron/services/attachments/fileStore';
import { expectOk, expectRefused, type TestApp } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { photoVillage } from './photoVillage';
import { exportDone, readCsv, readXlsx } from './readBack';

const tempDir = useTempDirs();
const opened: TestApp[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});
const PERIOD = { from: '2026-11-01', to: '2026-11-30' };

async function village() {
  const world = await photoVillage(tempDir());
  opened.push(world.app);
  return world;
}

/** The images of a sheet by the 1-based row they are anchored in. */
function imagesByRow(sheet: { getImages(): { imageId: string; range: { tl: { nativeRow: number; nativeCol: number } } }[] }) {
  const rows = new Map<number, { imageId: number; col: number }[]>();
  for (const image of sheet.getImages()) {
    const row = image.range.tl.nativeRow + 1;
    rows.set(row, [...(rows.get(row) ?? []), { imageId: Number(image.imageId), col: image.range.tl.nativeCol + 1 }]);
  }
  return rows;
}

describe('thumbnails in the visits and projects reports', () => {
  it('draws each visit’s first three thumbnails in its own row, +2 for the rest, a placeholder for a photo not here', { timeout: 60_000 }, async () => {
    const { app, dataDir, villageId, visits } = await village();
    const request = { report: 'visitsNeeds' as const, scope: 'village' as const, villageId, ...PERIOD, thumbnails: true };
    const job = await exportDone(app, { ...request, format: 'xlsx' });
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    const { workbook, sheets } = await readXlsx(job.file);
    const visitsSheet = sheets.find((s) => s.name === '走访记录')!;
    const photosCol = visitsSheet.header.indexOf('照片') + 1;
    expect(photosCol).toBeGreaterThan(0);
    const headerRow = visitsSheet.lines.length + 1;
    const rowOf = (date: string) => headerRow + 1 + visitsSheet.body.findIndex((cells) => cells.some((c) => c instanceof Date && c.toISOString().startsWith(date)));
    const [full, partial, bare] = [rowOf('2026-11-02'), rowOf('2026-11-05'), rowOf('2026-11-09')];
    const byRow = imagesByRow(visitsSheet.worksheet);
    // Only 王建国's visit has thumbnails here, three of its five, all in the photos column.
    expect([...byRow.keys()]).toEqual([full]);
    expect(byRow.get(full)!.map((i) => i.col)).toEqual([photosCol, photosCol, photosCol]);
    const ws = visitsSheet.worksheet;
    expect(ws.getRow(full).getCell(photosCol).value).toBe('+2');
    expect(ws.getRow(full).height).toBeGreaterThanOrEqual(55);
    expect(ws.getRow(partial).getCell(photosCol).value).toBe('照片 1 张　未在本机 1　PDF 1');
    expect(ws.getRow(bare).getCell(photosCol).value).toBeNull();
    // The images are the stored thumbnails of the first three photos, in the order attached.
    const store = openFileStore(dataDir);
    const attached = await expectOk(app, 'attachments.list', { recordId: visits.full });
    const expected = attached.items.slice(0, 3).map((a) => store.read(a.thumbSha256!));
    const embedded = byRow.get(full)!.map((i) => Buffer.from(workbook.getImage(i.imageId).buffer as unknown as Uint8Array));
    expect(embedded.map((b) => b.equals(expected[embedded.indexOf(b)]!))).toEqual([true, true, true]);
    expect(embedded.every((b) => b.length < 40_000)).toBe(true);
    // The needs sheet has no photos column and no images.
    const needsSheet = sheets.find((s) => s.name === '群众诉求')!;
    expect(needsSheet.header).not.toContain('照片');
    expect(needsSheet.worksheet.getImages()).toEqual([]);

    // The projects report: the project's two thumbnails, each once in the file.
    const funds = await exportDone(app, { report: 'funds', scope: 'village', villageId, ...PERIOD, thumbnails: true, format: 'xlsx', language: 'en' });
    const back = await readXlsx(funds.file);
    const projects = back.sheets.find((s) => s.name === 'Projects')!;
    const projectRows = imagesByRow(projects.worksheet);
    expect([...projectRows.values()].map((images) => images.length)).toEqual([2]);
    expect([...projectRows.keys()]).toEqual([projects.lines.length + 2]);
    expect(back.sheets.filter((s) => s.name !== 'Projects').every((s) => s.worksheet.getImages().length === 0)).toBe(true);
    expect((back.workbook.model as unknown as { media: unknown[] }).media).toHaveLength(2);
  });

  it('is off by default, says the photos in words in the CSV and the preview, and is refused for another report', { timeout: 60_000 }, async () => {
    const { app, villageId } = await village();
    const plain = await exportDone(app, { report: 'visitsNeeds', scope: 'village', villageId, ...PERIOD, format: 'xlsx' });
    const { sheets } = await readXlsx(plain.file);
    expect(sheets.flatMap((s) => s.header)).not.toContain('照片');
    expect(sheets.every((s) => s.worksheet.getImages().length === 0)).toBe(true);

    const csv = await exportDone(app, { report: 'visitsNeeds', scope: 'village', villageId, ...PERIOD, format: 'csv', thumbnails: true });
    const text = readCsv(csv.file).flat();
    expect(text).toContain('照片 5 张');
    expect(text).toContain('照片 1 张　未在本机 1　PDF 1');

    const preview = await expectOk(app, 'reports.preview', { report: 'visitsNeeds', scope: 'village', villageId, ...PERIOD, thumbnails: true });
    const visitsTable = preview.tables.find((t) => t.key === 'visits')!;
    const photos = visitsTable.rows.filter((r) => r.kind === 'data').map((r) => r.photos);
    expect(photos.map((p) => [p?.thumbs.length, p?.more, p?.missing, p?.pdfs, p?.note])).toEqual([
      [3, 2, 0, 0, '+2'],
      [0, 0, 1, 1, '未在本机 1　PDF 1'],
      [0, 0, 0, 0, ''],
    ]);
    const refused = await expectRefused(app, 'reports.preview', { report: 'attendance', scope: 'village', villageId, ...PERIOD, thumbnails: true });
    expect(refused.issues?.map((i) => i.path.join('.'))).toEqual(['thumbnails']);
  });
});
