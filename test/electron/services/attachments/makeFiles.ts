// Real files for the attachment tests, made here: photos by sharp (with EXIF orientation, date
// and GPS written the way a phone writes them), PDFs and a decompression-bomb PNG byte by byte.
import { crc32, deflateSync } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

export interface PhotoOptions {
  width: number;
  height: number;
  /** EXIF orientation (6 = the camera was turned: shown rotated 90° clockwise). */
  orientation?: number;
  takenAt?: string;
  /** Degrees, north and east. */
  gps?: { latitude: number; longitude: number };
  /** Gaussian noise like a real photo's, so the JPEG is not trivially small. */
  noise?: boolean;
}

function dms(value: number): string {
  const deg = Math.floor(value);
  const minutes = Math.floor((value - deg) * 60);
  const seconds = Math.round(((value - deg) * 60 - minutes) * 60 * 100);
  return `${deg}/1 ${minutes}/1 ${seconds}/100`;
}

/** A JPEG whose left half is red and right half blue, so a rotation shows in its pixels. */
export async function makePhoto(options: PhotoOptions): Promise<Buffer> {
  const { width, height } = options;
  const half = Math.floor(width / 2);
  const base = options.noise
    ? sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    : sharp({ create: { width, height, channels: 3, background: '#1030d0' } });
  const red = await sharp({ create: { width: half, height, channels: 3, background: '#e01010' } }).png().toBuffer();
  const composed = await base.composite([{ input: red, left: 0, top: 0, blend: options.noise ? 'multiply' : 'over' }]).png().toBuffer();
  return withCameraMetadata(sharp(composed).jpeg({ quality: 90 }), options);
}

/** The EXIF a phone writes: make and model, the date taken, GPS, orientation. */
function withCameraMetadata(image: Sharp, options: Omit<PhotoOptions, 'width' | 'height' | 'noise'>): Promise<Buffer> {
  const exif: Record<string, Record<string, string>> = { IFD0: { Make: 'CunjiTest', Model: 'Phone' } };
  if (options.takenAt) exif.IFD2 = { DateTimeOriginal: options.takenAt };
  if (options.gps) {
    exif.IFD3 = {
      GPSLatitudeRef: options.gps.latitude >= 0 ? 'N' : 'S',
      GPSLatitude: dms(Math.abs(options.gps.latitude)),
      GPSLongitudeRef: options.gps.longitude >= 0 ? 'E' : 'W',
      GPSLongitude: dms(Math.abs(options.gps.longitude)),
    };
  }
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  return image.withExif(exif).toBuffer();
}

const SHIFTS = 512;

/**
 * Many distinct camera-sized noisy photos, fast: the noise field (the slow part, ~3 s of CPU at
 * 12 MP) is made once, a little wider than a photo, and photo `n` is the window shifted by `n`
 * pixels (then by rows), so every photo has different pixels and a different hash.
 */
export async function cameraPhotoMaker(width: number, height: number): Promise<(n: number, options: Omit<PhotoOptions, 'width' | 'height' | 'noise'>) => Promise<Buffer>> {
  const fieldWidth = width + SHIFTS;
  const fieldHeight = height + SHIFTS;
  const field = await sharp({ create: { width: fieldWidth, height: fieldHeight, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).raw().toBuffer();
  const red = await sharp({ create: { width: Math.floor(width / 2), height, channels: 3, background: '#e01010' } }).png().toBuffer();
  return (n, options) => {
    if (n >= SHIFTS * SHIFTS) throw new Error(`at most ${SHIFTS * SHIFTS} distinct photos`);
    // sharp extracts before it composites, whatever the order of the calls.
    const window = sharp(field, { raw: { width: fieldWidth, height: fieldHeight, channels: 3 } }).extract({ left: n % SHIFTS, top: Math.floor(n / SHIFTS), width, height });
    return withCameraMetadata(window.composite([{ input: red, left: 0, top: 0, blend: 'multiply' }]).jpeg({ quality: 90 }), options);
  };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A tiny PNG whose header declares width × height: decoding it would take width × height × 3 bytes. */
export function makeBombPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1 + width * 3))), // one row of zeros; the rest missing
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A one-page PDF written by hand with a correct xref. `catalogExtra` goes into the catalog
 * dictionary (an /OpenAction, /Names for embedded files…); `extraObjects` are appended as 5 0 obj….
 */
export function makePdf(options: { catalogExtra?: string; extraObjects?: Array<string | Buffer> } = {}): Buffer {
  const objects: Array<string | Buffer> = [
    `<< /Type /Catalog /Pages 2 0 R ${options.catalogExtra ?? ''}>>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    '<< /Length 44 >>\nstream\nBT /F1 24 Tf 72 720 Td (Cunji test) Tj ET\nendstream',
    ...(options.extraObjects ?? []),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let size = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(size);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(chunk);
    size += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** An object stream (PDF 1.5) holding `objects` compressed, so their names are not in the file's bytes. */
export function makeObjStm(objects: string[], firstNumber = 10, typeName = '/Type /ObjStm'): Buffer {
  let header = '';
  let body = '';
  objects.forEach((object, i) => {
    header += `${firstNumber + i} ${body.length} `;
    body += `${object}\n`;
  });
  const data = deflateSync(Buffer.from(header + body, 'latin1'));
  return Buffer.concat([
    Buffer.from(`<< ${typeName} /N ${objects.length} /First ${header.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}
