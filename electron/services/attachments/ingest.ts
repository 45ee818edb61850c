// Turns a file a person chose into what the store keeps: checked (name, size, real type, pixel
// count, PDF scripts) before anything is decoded or written, photos turned upright, downscaled and
// stripped of their location, a thumbnail made once; a refusal names its reason and stores nothing.
import { extname } from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { AttachmentRefused } from './errors';
import { readExifFacts } from './exif';
import type { FileStore, StoredExtension } from './fileStore';
import { findPdfActiveContent } from './pdfCheck';
import { DECLARED_TYPES_OF, describeUnknown, EXTENSIONS_OF, MIME_OF, sniffType, type SniffedType } from './sniff';

export interface IngestLimits {
  /** Bytes of the file as chosen (a phone photo is 2–12 MB; a multi-page scan can be tens). */
  maxBytes: number;
  /** Pixels the image's header may declare: above it, it is never decoded. */
  maxPixels: number;
  /** The long side of a kept photo, in pixels. */
  longSide: number;
  thumbLongSide: number;
  /** JPEG quality of a kept photo (see docs/attachments.md for why 82). */
  jpegQuality: number;
  thumbQuality: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxBytes: 50 * 1024 * 1024,
  // 120 MP: above the 108 MP of the largest phone sensors and a 600 dpi A3 scan (about 70 MP).
  maxPixels: 120_000_000,
  longSide: 2048,
  thumbLongSide: 320,
  jpegQuality: 82,
  thumbQuality: 70,
};

export interface IngestInput {
  bytes: Uint8Array;
  /** The file's name as chosen or pasted: a name, never a path. */
  name: string;
  /** The MIME type the OS or browser declared, if any ('' and application/octet-stream claim nothing). */
  declaredType?: string;
  /** Keep the photo's GPS position in the kept file (asked per photo); removed otherwise. */
  keepLocation?: boolean;
}

export interface AttachmentMeta {
  hash: string;
  /** The thumbnail's hash; null for a PDF (no renderer for PDFs here). */
  thumbHash: string | null;
  kind: 'image' | 'pdf';
  mime: string;
  width: number | null;
  height: number | null;
  /** Bytes of the kept file. */
  bytes: number;
  /** From the photo's EXIF (local time as the camera wrote it, with its offset when given). */
  takenAt: string | null;
  /** True when the kept file still says where it was taken. */
  hasLocation: boolean;
}

const NO_CLAIM = new Set(['', 'application/octet-stream']);

/** A file name, not a path: refused with ATTACHMENT_NAME otherwise. */
export function checkAttachmentName(name: string): void {
  const refuse = (why: string) => {
    throw new AttachmentRefused('ATTACHMENT_NAME', `${JSON.stringify(name.slice(0, 200))}: ${why}`);
  };
  if (name.trim() === '') refuse('a file needs a name');
  if (name.length > 255) refuse('longer than 255 characters');
  if (/[/\\]/.test(name)) refuse('a path, not a file name');
  if (name === '.' || name === '..') refuse('a path, not a file name');
  if (name.includes(':')) refuse('a drive or stream name, not a file name');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) refuse('contains control characters');
}

function checkClaims(type: SniffedType, name: string, declaredType: string | undefined): void {
  const ext = extname(name).slice(1).toLowerCase();
  if (!EXTENSIONS_OF[type].includes(ext)) {
    throw new AttachmentRefused('ATTACHMENT_TYPE', `${JSON.stringify(name)} is named as ${ext ? `.${ext}` : 'no type'} but its bytes are ${type.toUpperCase()}`);
  }
  const declared = (declaredType ?? '').trim().toLowerCase();
  if (!NO_CLAIM.has(declared) && !DECLARED_TYPES_OF[type].includes(declared)) {
    throw new AttachmentRefused('ATTACHMENT_TYPE', `${JSON.stringify(name)} was declared ${declared} but its bytes are ${type.toUpperCase()}`);
  }
}

interface ProcessedImage {
  data: Buffer;
  ext: StoredExtension;
  mime: string;
  width: number;
  height: number;
  thumb: Buffer;
  takenAt: string | null;
  hasLocation: boolean;
}

async function processImage(type: SniffedType, bytes: Uint8Array, keepLocation: boolean, limits: IngestLimits): Promise<ProcessedImage> {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let header: Metadata;
  try {
    // Reads the header only: a bomb is refused on its declared size before a pixel is decoded.
    header = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new AttachmentRefused('ATTACHMENT_DECODE', `not a readable ${type.toUpperCase()} image: ${(error as Error).message}`);
  }
  const { width, height } = header;
  if (!width || !height) throw new AttachmentRefused('ATTACHMENT_DECODE', `the ${type.toUpperCase()} header gives no size`);
  if (width * height > limits.maxPixels) {
    throw new AttachmentRefused('ATTACHMENT_PIXELS', `${width} × ${height} pixels is more than the ${limits.maxPixels.toLocaleString('en')} allowed`);
  }
  const expectedFormat = type === 'jpeg' ? 'jpeg' : type === 'png' ? 'png' : 'heif';
  if (header.format !== expectedFormat) {
    throw new AttachmentRefused('ATTACHMENT_TYPE', `the bytes start as ${type.toUpperCase()} but decode as ${String(header.format)}`);
  }
  const facts = readExifFacts(header.exif);
  // PNG stays PNG (screenshots and scans of forms, lossless); JPEG and HEIC become JPEG, which
  // every viewer, Excel and PDF export can show.
  const ext: StoredExtension = type === 'png' ? 'png' : 'jpg';
  try {
    // limitInputPixels again while decoding: the header was checked, this holds if it lied.
    let pipeline = sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'error', autoOrient: true }).resize({
      width: limits.longSide,
      height: limits.longSide,
      fit: 'inside',
      withoutEnlargement: true,
    });
    // sharp writes no metadata unless asked: without keepExif the EXIF (GPS, camera serials) is gone.
    const keep = keepLocation && facts.hasGpsBlock;
    if (keep) pipeline = pipeline.keepExif();
    pipeline =
      ext === 'png'
        ? pipeline.png({ compressionLevel: 6 })
        : // 4:4:4: a red seal or a red tick on a form lives in the colour channels, which 4:2:0 blurs.
          pipeline.jpeg({ quality: limits.jpegQuality, chromaSubsampling: '4:4:4', mozjpeg: false });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    const thumb = await sharp(data)
      .resize({ width: limits.thumbLongSide, height: limits.thumbLongSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: limits.thumbQuality })
      .toBuffer();
    return { data, ext, mime: ext === 'png' ? 'image/png' : 'image/jpeg', width: info.width, height: info.height, thumb, takenAt: facts.takenAt, hasLocation: keep };
  } catch (error) {
    if (/pixel limit/i.test((error as Error).message)) {
      throw new AttachmentRefused('ATTACHMENT_PIXELS', `decodes to more than ${limits.maxPixels.toLocaleString('en')} pixels`);
    }
    throw new AttachmentRefused('ATTACHMENT_DECODE', `the ${type.toUpperCase()} image does not decode here: ${(error as Error).message}`);
  }
}

/** Checks, converts and keeps one file; throws AttachmentRefused (nothing kept) when it may not be. */
export async function ingestAttachment(store: FileStore, input: IngestInput, limits: IngestLimits = DEFAULT_INGEST_LIMITS): Promise<AttachmentMeta> {
  const { bytes, name } = input;
  checkAttachmentName(name);
  if (bytes.length === 0) throw new AttachmentRefused('ATTACHMENT_EMPTY', `${JSON.stringify(name)} is empty`);
  if (bytes.length > limits.maxBytes) {
    throw new AttachmentRefused('ATTACHMENT_TOO_LARGE', `${JSON.stringify(name)} is ${bytes.length.toLocaleString('en')} bytes, more than the ${limits.maxBytes.toLocaleString('en')} allowed`);
  }
  const type = sniffType(bytes);
  if (!type) throw new AttachmentRefused('ATTACHMENT_TYPE', `${JSON.stringify(name)} is ${describeUnknown(bytes)}, not a JPEG, PNG, HEIC or PDF`);
  checkClaims(type, name, input.declaredType);

  if (type === 'pdf') {
    const active = findPdfActiveContent(bytes);
    if (active) throw new AttachmentRefused('ATTACHMENT_PDF_SCRIPT', `${JSON.stringify(name)} holds ${active}`);
    const { hash } = store.put(bytes, 'pdf');
    return { hash, thumbHash: null, kind: 'pdf', mime: MIME_OF.pdf, width: null, height: null, bytes: bytes.length, takenAt: null, hasLocation: false };
  }

  // Everything is made before anything is written, so a failure part-way stores nothing.
  const image = await processImage(type, bytes, input.keepLocation === true, limits);
  const { hash } = store.put(image.data, image.ext);
  const { hash: thumbHash } = store.put(image.thumb, 'jpg');
  return {
    hash,
    thumbHash,
    kind: 'image',
    mime: image.mime,
    width: image.width,
    height: image.height,
    bytes: image.data.length,
    takenAt: image.takenAt,
    hasLocation: image.hasLocation,
  };
}
