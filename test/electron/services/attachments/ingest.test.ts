import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readExifFacts } from '../../../../electron/services/attachments/exif';
import { openFileStore } from '../../../../electron/services/attachments/fileStore';
import { ingestAttachment } from '../../../../electron/services/attachments/ingest';
import { useTempDirs } from '../../../helpers/tempDir';
import { makePdf, makePhoto } from './makeFiles';

const tempDir = useTempDirs();
const BEIJING = { latitude: 39.9042, longitude: 116.4074 };

describe('ingesting a photo', () => {
  it('downscales to a long side of 2,048 px and makes a 320 px thumbnail once', async () => {
    const store = openFileStore(tempDir());
    const photo = await makePhoto({ width: 4000, height: 3000 });
    const meta = await ingestAttachment(store, { bytes: photo, name: 'IMG_0001.JPG', declaredType: 'image/jpeg' });
    expect(meta).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 2048, height: 1536, takenAt: null, hasLocation: false });
    const kept = await sharp(store.read(meta.hash)).metadata();
    expect([kept.format, kept.width, kept.height]).toEqual(['jpeg', 2048, 1536]);
    expect(meta.bytes).toBe(store.read(meta.hash).length);
    const thumb = await sharp(store.read(meta.thumbHash!)).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['jpeg', 320, 240]);
    expect(store.list().sort()).toEqual([meta.hash, meta.thumbHash].sort());
  });

  it('never enlarges a photo already smaller than the bound', async () => {
    const store = openFileStore(tempDir());
    const meta = await ingestAttachment(store, { bytes: await makePhoto({ width: 800, height: 600 }), name: 'small.jpg' });
    expect([meta.width, meta.height]).toEqual([800, 600]);
  });

  it('turns a photo upright by its EXIF orientation, so the kept pixels need no tag', async () => {
    const store = openFileStore(tempDir());
    // Stored 400 × 200, red on the left; orientation 6 shows it turned clockwise: red on top.
    const photo = await makePhoto({ width: 400, height: 200, orientation: 6 });
    const meta = await ingestAttachment(store, { bytes: photo, name: 'turned.jpg' });
    expect([meta.width, meta.height]).toEqual([200, 400]);
    const kept = sharp(store.read(meta.hash));
    expect((await kept.metadata()).orientation ?? 1).toBe(1);
    const { data } = await kept.raw().toBuffer({ resolveWithObject: true });
    const top = [data[(10 * 200 + 100) * 3]!, data[(10 * 200 + 100) * 3 + 2]!];
    const bottom = [data[(390 * 200 + 100) * 3]!, data[(390 * 200 + 100) * 3 + 2]!];
    expect(top[0]).toBeGreaterThan(top[1]!); // red
    expect(bottom[1]).toBeGreaterThan(bottom[0]!); // blue
  });

  it('removes the GPS position (and all EXIF) but keeps the date it was taken', async () => {
    const store = openFileStore(tempDir());
    const photo = await makePhoto({ width: 1200, height: 900, takenAt: '2026:11:03 09:15:42', gps: BEIJING });
    expect(readExifFacts((await sharp(photo).metadata()).exif).gps?.latitude).toBeCloseTo(BEIJING.latitude, 3);
    const meta = await ingestAttachment(store, { bytes: photo, name: 'visit.jpg' });
    expect(meta.takenAt).toBe('2026-11-03T09:15:42');
    expect(meta.hasLocation).toBe(false);
    const kept = await sharp(store.read(meta.hash)).metadata();
    expect(kept.exif).toBeUndefined();
    expect(store.read(meta.hash).includes(Buffer.from('CunjiTest'))).toBe(false);
  });

  it('keeps the GPS position when the person asks for that photo', async () => {
    const store = openFileStore(tempDir());
    const photo = await makePhoto({ width: 1200, height: 900, orientation: 6, takenAt: '2026:11:03 09:15:42', gps: BEIJING });
    const meta = await ingestAttachment(store, { bytes: photo, name: 'site.jpg', keepLocation: true });
    expect(meta.hasLocation).toBe(true);
    const kept = await sharp(store.read(meta.hash)).metadata();
    const facts = readExifFacts(kept.exif);
    expect(facts.gps?.latitude).toBeCloseTo(BEIJING.latitude, 3);
    expect(facts.gps?.longitude).toBeCloseTo(BEIJING.longitude, 3);
    expect(facts.takenAt).toBe('2026-11-03T09:15:42');
    // Turned upright, so the kept EXIF must not tell a viewer to turn it again.
    expect([kept.width, kept.height, kept.orientation ?? 1]).toEqual([900, 1200, 1]);
  });

  it('keeps the same photo, attached twice, as one file', async () => {
    const store = openFileStore(tempDir());
    const photo = await makePhoto({ width: 1000, height: 750, noise: true, gps: BEIJING });
    const first = await ingestAttachment(store, { bytes: photo, name: 'a.jpg' });
    const second = await ingestAttachment(store, { bytes: Buffer.from(photo), name: 'copy of a.jpeg' });
    expect(second).toEqual(first);
    expect(store.list()).toHaveLength(2); // the photo and its thumbnail
  });

  it("turns a scanner's CMYK JPEG into an sRGB JPEG every viewer shows", async () => {
    const store = openFileStore(tempDir());
    const cmyk = await sharp(await makePhoto({ width: 600, height: 400 })).toColourspace('cmyk').jpeg().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const meta = await ingestAttachment(store, { bytes: cmyk, name: 'scan.jpg' });
    const kept = await sharp(store.read(meta.hash)).metadata();
    expect([kept.space, kept.channels]).toEqual(['srgb', 3]);
  });

  it('keeps a PNG lossless as PNG, downscaled, with a JPEG thumbnail', async () => {
    const store = openFileStore(tempDir());
    const png = await sharp({ create: { width: 3000, height: 1000, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } }).png().toBuffer();
    const meta = await ingestAttachment(store, { bytes: png, name: 'form.png', declaredType: 'image/png' });
    expect(meta).toMatchObject({ mime: 'image/png', width: 2048, height: 683 });
    expect((await sharp(store.read(meta.hash)).metadata()).format).toBe('png');
    expect((await sharp(store.read(meta.thumbHash!)).metadata()).format).toBe('jpeg');
  });

  it('keeps a plain PDF byte for byte, a page-turning open action included', async () => {
    const store = openFileStore(tempDir());
    const pdf = makePdf({ catalogExtra: '/OpenAction [3 0 R /Fit] ' });
    const meta = await ingestAttachment(store, { bytes: pdf, name: '发票.pdf', declaredType: 'application/pdf' });
    expect(meta).toEqual({ hash: meta.hash, thumbHash: null, kind: 'pdf', mime: 'application/pdf', width: null, height: null, bytes: pdf.length, takenAt: null, hasLocation: false });
    expect(store.read(meta.hash)).toEqual(pdf);
  });
});

describe('ingesting a HEIF image', () => {
  it('decodes an AVIF-coded HEIF (what the bundled libvips reads) and keeps it as JPEG', async () => {
    const store = openFileStore(tempDir());
    const avif = await sharp(await makePhoto({ width: 3000, height: 1000 })).avif({ quality: 60 }).toBuffer();
    const meta = await ingestAttachment(store, { bytes: avif, name: 'IMG_0003.avif', declaredType: 'image/avif' });
    expect(meta).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 2048, height: 683 });
    expect((await sharp(store.read(meta.hash)).metadata()).format).toBe('jpeg');
  });
});
