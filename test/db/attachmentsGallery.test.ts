// 照片档案's query (db/attachmentsGallery.ts through attachments.gallery): a village's photos and
// scans newest month first, each named by its record, filtered by ledger and month, paged without
// gaps or repeats, a deleted attachment absent, the month a photo without a camera date is filed
// under counted in China's time.
import { describe, expect, it } from 'vitest';
import type { GalleryItem } from '../../shared/domain/attachmentsGallery';
import { V } from '../../shared/domain/validation';
import { makePdf, makePhoto } from '../electron/services/attachments/makeFiles';
import { expectOk, expectRefused, openTestApp, SECRETARY_SETUP } from '../helpers/openedApp';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
/** 20:00 UTC on 30 November is 04:00 on 1 December in China: a file attached now is December's. */
const EVENING = Date.UTC(2026, 10, 30, 20, 0, 0);
const b64 = (bytes: Buffer) => bytes.toString('base64');
const names = (items: GalleryItem[]) => items.map((i) => i.fileName);

describe('attachments.gallery', () => {
  it("pages a village's attachments newest month first with their records, by ledger and month, a deleted one absent", async () => {
    const app = await openTestApp(tempDir(), EVENING);
    try {
      const { villageIds } = await expectOk(app, 'device.setup', SECRETARY_SETUP);
      const villageId = villageIds[0]!;
      const household = await expectOk(app, 'households.create', { villageId, headName: '王建国', category: 'ordinary' });
      const visit = await expectOk(app, 'visits.create', { villageId, householdId: household.id, visitDate: '2026-11-20', mode: 'home', situation: '入户了解收入' });
      const project = await expectOk(app, 'projects.create', { villageId, name: '村道硬化', kind: 'infrastructure', status: 'approved', budgetFen: 50_000_000, startDate: '2026-03-01' });
      const fund = await expectOk(app, 'funds.create', { villageId, projectId: project.id, direction: 'in', amountFen: 100_000, entryDate: '2026-11-01', source: '县财政' });
      const diary = await expectOk(app, 'diary.create', { villageId, entryDate: '2026-11-21', presence: 'in_village', content: '走访三户' });
      const attach = async (ledger: 'visits' | 'projects' | 'funds' | 'diary', recordId: string, name: string, bytes: Buffer) => {
        app.advance(60_000);
        const { results } = await expectOk(app, 'attachments.add', { ledger, recordId, files: [{ name, data: b64(bytes) }] });
        const result = results[0]!;
        if (!result.ok) throw new Error(`${name} refused: ${result.code}`);
        return result.attachment;
      };
      // Each photo its own size: the kept bytes carry no EXIF, so two alike would be one file, one attachment.
      let width = 160;
      const photo = (takenAt?: string) => makePhoto({ width: width++, height: 120, ...(takenAt ? { takenAt } : {}) });
      await attach('visits', visit.id, 'a-visit.jpg', await photo('2026:11:20 10:05:00'));
      const gone = await attach('visits', visit.id, 'b-visit.jpg', await photo('2026:10:03 09:00:00'));
      await attach('projects', project.id, 'c-site.jpg', await photo('2026:09:15 16:30:00'));
      await attach('funds', fund.id, 'd-invoice.jpg', await photo('2026:11:02 08:00:00'));
      await attach('diary', diary.id, 'e-diary.jpg', await photo());
      await attach('projects', project.id, 'f-plan.pdf', makePdf());
      await expectOk(app, 'attachments.remove', { id: gone.id });

      const all = await expectOk(app, 'attachments.gallery', { villageId });
      // December (attached at 04:00 China time, no camera date: the PDF after the diary photo), November, September.
      expect(names(all.items)).toEqual(['f-plan.pdf', 'e-diary.jpg', 'a-visit.jpg', 'd-invoice.jpg', 'c-site.jpg']);
      expect(all.total).toBe(5);
      expect(all.months).toEqual([{ month: '2026-12', count: 2 }, { month: '2026-11', count: 2 }, { month: '2026-09', count: 1 }]);
      expect(all.items.map((i) => [i.ledger, i.month, i.record.label, i.record.date, i.record.gone, i.present])).toEqual([
        ['projects', '2026-12', '村道硬化', '2026-03-01', false, true],
        ['diary', '2026-12', null, '2026-11-21', false, true],
        ['visits', '2026-11', '王建国', '2026-11-20', false, true],
        ['funds', '2026-11', '村道硬化', '2026-11-01', false, true],
        ['projects', '2026-09', '村道硬化', '2026-03-01', false, true],
      ]);

      // Pages of two, one after another, are the whole list: no gap, no repeat.
      const paged: GalleryItem[] = [];
      for (let offset = 0; offset < 6; offset += 2) {
        const page = await expectOk(app, 'attachments.gallery', { villageId, offset, limit: 2 });
        expect(page.total).toBe(5);
        paged.push(...page.items);
      }
      expect(paged.map((i) => i.id)).toEqual(all.items.map((i) => i.id));

      const projects = await expectOk(app, 'attachments.gallery', { villageId, ledger: 'projects' });
      expect(names(projects.items)).toEqual(['f-plan.pdf', 'c-site.jpg']);
      expect(projects.months).toEqual([{ month: '2026-12', count: 1 }, { month: '2026-09', count: 1 }]);
      const november = await expectOk(app, 'attachments.gallery', { villageId, month: '2026-11' });
      expect([names(november.items), november.total]).toEqual([['a-visit.jpg', 'd-invoice.jpg'], 2]);
      // The month list stays whole under a month filter, so another month can be chosen.
      expect(november.months).toHaveLength(3);
      const fundsInNovember = await expectOk(app, 'attachments.gallery', { villageId, ledger: 'funds', month: '2026-11' });
      expect(names(fundsInNovember.items)).toEqual(['d-invoice.jpg']);
      expect((await expectOk(app, 'attachments.gallery', { villageId, month: '2026-10' })).total).toBe(0);

      // A record deleted takes its attachments with it: they leave the gallery.
      await expectOk(app, 'diary.delete', { id: diary.id });
      expect(names((await expectOk(app, 'attachments.gallery', { villageId })).items)).not.toContain('e-diary.jpg');

      const other = '00000000-0000-4000-8000-000000000001';
      const refused = await expectRefused(app, 'attachments.gallery', { villageId: other });
      expect([refused.code, refused.issues?.[0]?.message]).toEqual(['INVALID_INPUT', V.villageOutOfScope]);
    } finally {
      app.close();
    }
  });
});
