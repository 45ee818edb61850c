// Photos on a visit, end to end in the browser: 王建国 opens a visit he recorded, adds two photos
// of the household (made here by sharp, each with the camera's date) through the file chooser,
// sees their thumbnails, opens the viewer, moves to the next photo, zooms, and writes a caption
// that is kept. Then he syncs through a shared folder, and his coordinator 赵敏, after 立即同步 on
// her computer, opens the same visit and sees both photos, caption included.
// Screenshots at 1366×768 go to /tmp/h14-shots/.
import sharp from 'sharp';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { create } from './ledgers/helpers';
import { LI, openSync, setUpDevice, syncWith, trustAndImport, ZHAO } from './syncSteps';

test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1366, height: 768 } });

const SHOTS = '/tmp/h14-shots';

/** A photo-sized JPEG with a coloured scene and a line of text, as the camera would date it. */
async function photo(background: string, text: string, takenAt: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
    <rect x="0" y="700" width="1600" height="500" fill="#6b8e23"/>
    <rect x="420" y="380" width="760" height="420" fill="#d8c3a5" stroke="#5a3e2b" stroke-width="12"/>
    <polygon points="380,400 800,150 1220,400" fill="#8b3a3a"/>
    <text x="800" y="1080" font-size="84" text-anchor="middle" fill="#ffffff" font-family="Noto Sans CJK SC">${text}</text>
  </svg>`;
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background } })
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { Make: 'CunjiTest' }, IFD2: { DateTimeOriginal: takenAt } })
    .toBuffer();
}

/** The width of the picture the browser decoded (0 until it has). */
const naturalWidth = (img: Locator) => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth);

interface Listed {
  items: { fileName: string; caption: string | null; takenAt: string | null; width: number; present: boolean }[];
}

test("two photos attached to a visit show as thumbnails and in the viewer, with next and zoom, and on the coordinator's computer after a sync", async ({ hosts }) => {
  const [li, zhao] = await Promise.all([hosts.start('li'), hosts.start('zhao')]);
  await setUpDevice(zhao, ZHAO);
  const device = await setUpDevice(li, LI);
  const villageId = device.villageIds[0];
  const household = await create(li, 'households', { villageId, headName: '张大山', villagerGroup: '第一村民小组', category: 'ordinary' });
  const visit = await create(li, 'visits', { villageId, householdId: household.id, visitDate: '2026-11-20', mode: 'home', situation: '了解今年的收入和看病情况' });

  const page = li.page;
  await page.goto(li.url());
  await page.getByTestId('nav-visits').click();
  await page.getByTestId(`ledger-edit-${visit.id}`).click();
  const panel = page.getByTestId('attachments-panel');
  await expect(panel).toContainText('照片和扫描件');
  await expect(panel).toContainText('还没有附件');

  await panel.getByTestId('attachments-input').setInputFiles([
    { name: '与户主合影.jpg', mimeType: 'image/jpeg', buffer: await photo('#87ceeb', '入户走访 张大山家', '2026:11:20 10:05:00') },
    { name: '院内.jpg', mimeType: 'image/jpeg', buffer: await photo('#b0c4de', '院内 危房改造后', '2026:11:20 10:12:30') },
  ]);
  const thumbs = panel.getByTestId('attachment-thumb');
  await expect(thumbs).toHaveCount(2);
  await expect(page.getByText('已添加 2 个文件')).toBeVisible();
  // Each thumbnail shows its picture (a blob: address made from the bytes, asked for by hash).
  for (const img of await thumbs.locator('img').all()) await expect.poll(() => naturalWidth(img)).toBeGreaterThan(0);
  // A file that is not a photo is refused by name, with its reason; nothing is added.
  await panel.getByTestId('attachments-input').setInputFiles([{ name: '照片.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }]);
  await expect(page.getByText('照片.svg 没有添加：不是 JPEG、PNG、HEIC 照片或 PDF，或者文件名和内容对不上')).toBeVisible();
  await expect(thumbs).toHaveCount(2);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/visit-form-thumbnails.png` });

  await thumbs.first().click();
  const viewer = page.getByTestId('attachment-viewer');
  await expect(viewer).toContainText('1 / 2：与户主合影.jpg');
  await expect(viewer).toContainText('拍摄于 2026-11-20 10:05');
  await expect(viewer).toContainText('1600 × 1200 像素');
  const image = viewer.getByTestId('attachment-image');
  await expect.poll(() => naturalWidth(image)).toBe(1600);
  await viewer.getByTestId('attachment-caption').fill('与户主在院门前');
  await viewer.getByTestId('attachment-caption').press('Enter');
  await expect.poll(async () => (await li.call<Listed>('attachments.list', { recordId: visit.id })).value!.items[0]!.caption).toBe('与户主在院门前');
  await page.screenshot({ path: `${SHOTS}/viewer-first.png` });

  await viewer.getByTestId('attachment-next').click();
  await expect(viewer).toContainText('2 / 2：院内.jpg');
  await viewer.getByTestId('attachment-zoom-in').click();
  await expect(viewer.getByTestId('attachment-zoom-level')).toHaveText('150%');
  await expect.poll(() => naturalWidth(viewer.getByTestId('attachment-image'))).toBe(1600);
  await page.screenshot({ path: `${SHOTS}/viewer-second-zoomed.png` });
  // The arrow key goes back round to the first.
  await page.keyboard.press('ArrowRight');
  await expect(viewer).toContainText('1 / 2：与户主合影.jpg');

  const listed = (await li.call<Listed>('attachments.list', { recordId: visit.id })).value!;
  expect(listed.items.map((i) => [i.fileName, i.takenAt, i.width, i.present])).toEqual([
    ['与户主合影.jpg', '2026-11-20T10:05:00', 1600, true],
    ['院内.jpg', '2026-11-20T10:12:30', 1600, true],
  ]);

  // He syncs through the shared folder; 赵敏 trusts his device once, then syncs from the sync screen.
  const folder = mkdtempSync(join(tmpdir(), 'cunji-h14-shared-'));
  // Esc closes the viewer; saving the unchanged form closes it (the attachments were kept already).
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  await page.getByTestId('ledger-form-visits-submit').click();
  await expect(page.getByTestId('ledger-form-visits')).toBeHidden();
  await openSync(page, li);
  await syncWith(page, folder);
  expect(readdirSync(join(folder, 'attachments')).length).toBeGreaterThan(0);
  const bundleDir = join(folder, device.deviceId);
  await trustAndImport(zhao, join(bundleDir, readdirSync(bundleDir).find((f) => f.endsWith('.cunji'))!));
  const zpage = zhao.page;
  await openSync(zpage, zhao);
  await syncWith(zpage, folder);
  await zpage.getByTestId('nav-visits').click();
  await zpage.getByTestId(`ledger-edit-${visit.id}`).click();
  const zpanel = zpage.getByTestId('attachments-panel');
  const zthumbs = zpanel.getByTestId('attachment-thumb');
  await expect(zthumbs).toHaveCount(2);
  for (const img of await zthumbs.locator('img').all()) await expect.poll(() => naturalWidth(img)).toBeGreaterThan(0);
  await zpanel.scrollIntoViewIfNeeded();
  await zpage.screenshot({ path: `${SHOTS}/coordinator-thumbnails.png` });
  await zthumbs.first().click();
  const zviewer = zpage.getByTestId('attachment-viewer');
  await expect(zviewer).toContainText('1 / 2：与户主合影.jpg');
  await expect(zviewer.getByTestId('attachment-caption')).toHaveValue('与户主在院门前');
  await expect(zviewer).toContainText('王建国 于');
  await expect.poll(() => naturalWidth(zviewer.getByTestId('attachment-image'))).toBe(1600);
  await zpage.screenshot({ path: `${SHOTS}/coordinator-viewer.png` });
});
