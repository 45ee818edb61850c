// Takes the EXIF block (with its GPS position) out of a kept photo without decoding it, for a
// person who kept the location and then changes their mind: the pixels stay byte for byte, so
// the photo loses nothing but the metadata. The original with its position is gone once removed.
import { AttachmentRefused } from './errors';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The JPEG without its APP1 "Exif" segments (everything from the image data on is kept as is). */
function stripJpeg(bytes: Buffer): Buffer {
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new AttachmentRefused('ATTACHMENT_DECODE', `no JPEG marker at byte ${at}`);
    const marker = bytes[at + 1]!;
    // Start of scan: the compressed image follows, with no more metadata segments before it.
    if (marker === 0xda) break;
    const length = bytes.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw new AttachmentRefused('ATTACHMENT_DECODE', `a JPEG segment runs past the end at byte ${at}`);
    const isExif = marker === 0xe1 && bytes.toString('latin1', at + 4, at + 10) === 'Exif\0\0';
    if (!isExif) parts.push(bytes.subarray(at, end));
    at = end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

/** The PNG without its eXIf chunk. */
function stripPng(bytes: Buffer): Buffer {
  const parts: Buffer[] = [bytes.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > bytes.length) throw new AttachmentRefused('ATTACHMENT_DECODE', `a PNG chunk runs past the end at byte ${at}`);
    if (bytes.toString('latin1', at + 4, at + 8) !== 'eXIf') parts.push(bytes.subarray(at, end));
    at = end;
  }
  return Buffer.concat(parts);
}

/** The same image without EXIF; throws ATTACHMENT_TYPE for anything but a JPEG or PNG. */
export function stripLocation(bytes: Buffer): Buffer {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return stripJpeg(bytes);
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return stripPng(bytes);
  throw new AttachmentRefused('ATTACHMENT_TYPE', 'only a JPEG or PNG photo carries a location');
}
