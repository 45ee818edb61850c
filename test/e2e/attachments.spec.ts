// Photos on a visit, end to end in the browser: 王建国 opens a visit he recorded, adds two photos
// of the household (made here by sharp, each with the camera's date) through the file chooser,
// sees their thumbnails, opens the viewer, moves to the next photo, zooms, and writes a caption
// that is kept. Then he syncs through a shared folder, and his coordinator 赵敏, after 立即同步 on
// her computer, opens the same visit and sees both photos, caption included.
// On the way he opens 照片档案 (the village's gallery): the two photos and a two-page scanned
// acceptance form on a project, grouped by month, filtered by ledger and by month; the viewer
// steps across the set, draws the PDF's pages itself (next page, zoom) and links to the record.
// Before her sync has fetched the files, 赵敏's gallery shows the photos as not on her computer yet.
// Screenshots at 1366×768 go to /tmp/h14-shots/, the gallery's (1366×768 and 1920×1080) to /tmp/gallery-shots/.
import sharp from 'sharp';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { create } from './ledgers/helpers';
import { LI, openSync, setUpDevice, syncWith, trustAndImport, ZHAO } from './syncSteps';

// Two installations, a sync and the gallery with a PDF drawn: about a minute alone, more on a busy machine.
test.describe.configure({ timeout: 180_000 });
test.use({ viewport: { width: 1366, height: 768 } });

const SHOTS = '/tmp/h14-shots';
const GALLERY_SHOTS = '/tmp/gallery-shots';

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

/** A scanned form: each page a JPEG (as a scanner app writes it) on an A4 page, byte by byte. */
async function scannedPdf(titles: string[]): Promise<Buffer> {
  const pages = await Promise.all(titles.map((title, i) => sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="620" height="877">
    <rect width="620" height="877" fill="#fdfdf8"/>
    <text x="310" y="100" font-size="32" text-anchor="middle" fill="#111" font-family="Noto Sans CJK SC">${title}</text>
    <text x="80" y="210" font-size="20" fill="#111" font-family="Noto Sans CJK SC">第 ${i + 1} 页 · 李家村村道硬化工程</text>
    <rect x="80" y="250" width="460" height="350" fill="none" stroke="#111" stroke-width="2"/>
    <circle cx="450" cy="725" r="70" fill="none" stroke="#d01010" stroke-width="7"/>
  </svg>`)).jpeg({ quality: 80 }).toBuffer()));
  const objects: Buffer[] = [];
  const add = (body: string | Buffer) => objects.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'));
  const kids = pages.map((_, i) => `${3 + i * 3} 0 R`).join(' ');
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  pages.forEach((jpeg, i) => {
    const [page, image, content] = [3 + i * 3, 4 + i * 3, 5 + i * 3];
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im${page} ${image} 0 R >> >> /Contents ${content} 0 R >>`);
    add(Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width 620 /Height 877 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`, 'latin1'), jpeg, Buffer.from('\nendstream', 'latin1')]));
    const draw = `q 595 0 0 842 0 0 cm /Im${page} Do Q`;
    add(`<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`);
  });
  const parts = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets: number[] = [];
  let size = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(size);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(chunk);
    size += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** How many of the canvas's pixels are dark: a drawn page has ink on it, a blank canvas none. */
const inkOn = (canvas: Locator) =>
  canvas.evaluate((el) => {
    const c = el as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100) dark++;
    return dark;
  });

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

  // 照片档案: a two-page scanned acceptance form on a project joins the two photos.
  const project = await create(li, 'projects', { villageId, name: '村道硬化', kind: 'infrastructure', status: 'approved', budgetFen: 50_000_000, startDate: '2026-03-01' });
  const pdfAdded = await li.call<{ results: { ok: boolean }[] }>('attachments.add', {
    ledger: 'projects', recordId: project.id, files: [{ name: '验收单.pdf', type: 'application/pdf', data: (await scannedPdf(['村道硬化工程验收单', '验收意见'])).toString('base64') }],
  });
  expect(pdfAdded.value?.results[0]?.ok).toBe(true);
  await page.getByTestId('nav-gallery').click();
  const gallery = page.getByTestId('gallery-screen');
  await expect(gallery).toContainText('照片档案');
  await expect(gallery.getByTestId('gallery-total')).toHaveText('共 3 个文件');
  const tiles = gallery.getByTestId('gallery-tile');
  await expect(tiles).toHaveCount(3);
  const november = gallery.locator('[data-testid="gallery-month"][data-month="2026-11"]');
  await expect(november).toContainText('2026年11月');
  await expect(november.getByTestId('gallery-tile')).toHaveCount(2);
  // Each tile: the ledger, the record (a link), the record's day and the caption or file name.
  await expect(november.getByTestId('gallery-tile').first().getByTestId('gallery-record-link')).toHaveText('张大山');
  await expect(november.getByTestId('gallery-tile').first()).toContainText('入户走访');
  await expect(november.getByTestId('gallery-tile').first()).toContainText('2026-11-20 · 院内.jpg');
  await expect(november.getByTestId('gallery-tile').nth(1)).toContainText('2026-11-20 · 与户主在院门前');
  for (const img of await gallery.locator('[data-testid="gallery-thumb"] img').all()) await expect.poll(() => naturalWidth(img)).toBeGreaterThan(0);
  await page.screenshot({ path: `${GALLERY_SHOTS}/gallery-1366.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${GALLERY_SHOTS}/gallery-1920.png` });
  await page.setViewportSize({ width: 1366, height: 768 });

  // By month: only November's photos (by ledger below: only the project's scan).
  await gallery.getByTestId('gallery-month-filter').click();
  await page.getByTitle('2026-11（2）', { exact: true }).click();
  await expect(tiles).toHaveCount(2);
  await expect(gallery.getByTestId('gallery-total')).toHaveText('共 2 个文件');

  // The viewer steps through the filtered set and goes round; its link opens the visit.
  // Newest first: the photo taken at 10:12, then the one at 10:05.
  await tiles.nth(0).getByTestId('gallery-thumb').click();
  await expect(viewer).toContainText('1 / 2：院内.jpg');
  await expect.poll(() => naturalWidth(viewer.getByTestId('attachment-image'))).toBe(1600);
  await expect(viewer.getByTestId('viewer-record-link')).toHaveText('打开记录：张大山 · 2026-11-20');
  await viewer.getByTestId('attachment-next').click();
  await expect(viewer).toContainText('2 / 2：与户主合影.jpg');
  await expect(viewer.getByTestId('attachment-caption')).toHaveValue('与户主在院门前');
  await viewer.getByTestId('attachment-next').click();
  await expect(viewer).toContainText('1 / 2：院内.jpg');
  await viewer.getByTestId('viewer-record-link').click();
  await expect(page.getByTestId('ledger-form-visits')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/visits\\?.*id=${visit.id}`));
  await page.goBack();

  // The scan's pages, drawn in the viewer: next page, zoom; the system reader stays a second way.
  await gallery.getByTestId('gallery-ledger').click();
  await page.getByTitle('项目', { exact: true }).click();
  await expect(tiles).toHaveCount(1);
  await expect(tiles.first()).toContainText('村道硬化');
  await tiles.first().getByTestId('gallery-thumb').click();
  await expect(viewer).toContainText('1 / 1：验收单.pdf');
  const pdfPage = viewer.getByTestId('pdf-canvas');
  // The first page drawn loads the PDF reader (its worker) first: on a CI machine busy with two
  // workers' browsers and hosts that alone took over 10 s once, the page drawn right after it.
  await expect(pdfPage).toHaveAttribute('data-drawn', '1@1', { timeout: 30_000 });
  await expect(viewer.getByTestId('pdf-page')).toHaveText('第 1 / 2 页');
  expect(await inkOn(pdfPage)).toBeGreaterThan(100);
  await expect(viewer.getByTestId('attachment-open-pdf')).toHaveText('用系统阅读器打开');
  await page.screenshot({ path: `${GALLERY_SHOTS}/pdf-page1-1366.png` });
  await viewer.getByTestId('pdf-next-page').click();
  await expect(viewer.getByTestId('pdf-page')).toHaveText('第 2 / 2 页');
  await viewer.getByTestId('pdf-zoom-in').click();
  await expect(pdfPage).toHaveAttribute('data-drawn', '2@1.25');
  expect(await inkOn(pdfPage)).toBeGreaterThan(100);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await viewer.getByTestId('pdf-zoom-level').click();
  await expect(pdfPage).toHaveAttribute('data-drawn', '2@1');
  await page.screenshot({ path: `${GALLERY_SHOTS}/pdf-page2-1920.png` });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  await openSync(page, li);
  await syncWith(page, folder);
  expect(readdirSync(join(folder, 'attachments')).length).toBeGreaterThan(0);
  const bundleDir = join(folder, device.deviceId);
  await trustAndImport(zhao, join(bundleDir, readdirSync(bundleDir).find((f) => f.endsWith('.cunji'))!));
  const zpage = zhao.page;
  // The records came in the file, the photos not yet: her gallery says so, with no error.
  await zpage.goto(zhao.url());
  await zpage.getByTestId('nav-gallery').click();
  const zgallery = zpage.getByTestId('gallery-screen');
  await expect(zgallery.getByTestId('gallery-total')).toHaveText('共 3 个文件');
  await expect(zgallery.getByTestId('gallery-not-here')).toHaveCount(3);
  await expect(zgallery.getByTestId('gallery-not-here').first()).toHaveText('尚未同步到本机');
  await zpage.screenshot({ path: `${GALLERY_SHOTS}/coordinator-not-synced-1366.png` });
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
