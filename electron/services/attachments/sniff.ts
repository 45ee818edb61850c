// What a file is by its first bytes, whatever its name says: the four kinds an attachment may be,
// and for anything else a plain word on what it looks like, for the refusal.
export type SniffedType = 'jpeg' | 'png' | 'heif' | 'pdf';

export const MIME_OF: Record<SniffedType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  heif: 'image/heif',
  pdf: 'application/pdf',
};

/** The file-name extensions each type may carry (lower case, no dot). */
export const EXTENSIONS_OF: Record<SniffedType, readonly string[]> = {
  jpeg: ['jpg', 'jpeg', 'jpe'],
  png: ['png'],
  heif: ['heic', 'heif', 'hif', 'avif'],
  pdf: ['pdf'],
};

/** MIME types a browser or the OS may declare for each type. */
export const DECLARED_TYPES_OF: Record<SniffedType, readonly string[]> = {
  jpeg: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  png: ['image/png'],
  heif: ['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence', 'image/avif'],
  pdf: ['application/pdf'],
};

// ISO-BMFF brands of still HEIF images (HEVC-coded HEIC, and AV1-coded AVIF, the same container).
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.subarray(start, Math.min(end, bytes.length))).toString('latin1');
}

export function sniffType(bytes: Uint8Array): SniffedType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
  if (bytes.length >= 16 && ascii(bytes, 4, 8) === 'ftyp') {
    const boxSize = Buffer.from(bytes.subarray(0, 4)).readUInt32BE(0);
    const end = Math.min(boxSize, bytes.length, 256);
    // The major brand, then the compatible brands, four bytes each after the minor version.
    const brands = [ascii(bytes, 8, 12)];
    for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
    if (brands.some((brand) => HEIF_BRANDS.has(brand))) return 'heif';
  }
  return null;
}

/** A plain description of a refused file's first bytes, for the message. */
export function describeUnknown(bytes: Uint8Array): string {
  const head = ascii(bytes, 0, 512).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.includes('<svg') || (head.startsWith('<?xml') && head.includes('svg'))) return 'an SVG image (it can carry scripts)';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<script')) return 'an HTML page';
  if (head.startsWith('<?xml') || head.startsWith('<')) return 'an XML or markup file';
  if (head.startsWith('mz')) return 'a Windows program';
  if (head.startsWith('\x7felf')) return 'a Linux program';
  if (head.startsWith('#!')) return 'a script';
  if (head.startsWith('pk\x03\x04')) return 'a ZIP archive or Office document';
  if (head.startsWith('gif8')) return 'a GIF image';
  if (head.startsWith('riff') && ascii(bytes, 8, 12) === 'WEBP') return 'a WebP image';
  return 'a file of an unknown type';
}
