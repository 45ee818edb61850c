// The two facts ingest needs from a photo's EXIF block (as sharp's metadata returns it, "Exif\0\0"
// then a TIFF structure): when it was taken, and whether it says where. A tiny reader rather than a
// library: it follows three IFD pointers and never trusts an offset outside the block.
export interface ExifFacts {
  /** DateTimeOriginal (else DateTime) as `YYYY-MM-DDTHH:MM:SS`, with its offset when EXIF gives one. */
  takenAt: string | null;
  /** Decimal degrees when the GPS block holds a position. */
  gps: { latitude: number; longitude: number } | null;
  /** True when any GPS block is present, position or not. */
  hasGpsBlock: boolean;
}

const TAG_EXIF_IFD = 0x8769;
const TAG_GPS_IFD = 0x8825;
const TAG_DATETIME = 0x0132;
const TAG_DATETIME_ORIGINAL = 0x9003;
const TAG_OFFSET_TIME_ORIGINAL = 0x9011;
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** Where the value lies: inside the entry when it fits in four bytes, else at the offset. */
  valueAt: number;
}

export function readExifFacts(exif: Uint8Array | undefined): ExifFacts {
  const none: ExifFacts = { takenAt: null, gps: null, hasGpsBlock: false };
  if (!exif || exif.length < 14) return none;
  const block = Buffer.from(exif.buffer, exif.byteOffset, exif.length);
  const base = block.toString('latin1', 0, 6) === 'Exif\0\0' ? 6 : 0;
  const tiff = block.subarray(base);
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return none;
  const little = order === 'II';
  const u16 = (at: number) => (at + 2 <= tiff.length ? (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at)) : null);
  const u32 = (at: number) => (at + 4 <= tiff.length ? (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at)) : null);

  function entries(ifdAt: number | null): Entry[] {
    if (ifdAt === null || ifdAt < 8) return [];
    const count = u16(ifdAt);
    if (count === null || count > 1000) return [];
    const found: Entry[] = [];
    for (let i = 0; i < count; i++) {
      const at = ifdAt + 2 + i * 12;
      const tag = u16(at), type = u16(at + 2), n = u32(at + 4);
      if (tag === null || type === null || n === null) break;
      const size = (TYPE_SIZES[type] ?? 0) * n;
      const valueAt = size <= 4 ? at + 8 : u32(at + 8);
      if (valueAt === null || !TYPE_SIZES[type] || valueAt + size > tiff.length) continue;
      found.push({ tag, type, count: n, valueAt });
    }
    return found;
  }
  const text = (entry: Entry | undefined) =>
    entry && entry.type === 2 ? tiff.toString('latin1', entry.valueAt, entry.valueAt + entry.count).replace(/\0.*$/s, '').trim() : null;
  const pointer = (entry: Entry | undefined) => (entry && (entry.type === 4 || entry.type === 13) ? u32(entry.valueAt) : null);
  function degrees(entry: Entry | undefined): number | null {
    if (!entry || entry.type !== 5 || entry.count !== 3) return null;
    let value = 0;
    for (let i = 0; i < 3; i++) {
      const num = u32(entry.valueAt + i * 8)!, den = u32(entry.valueAt + i * 8 + 4)!;
      if (den === 0) return null;
      value += num / den / 60 ** i;
    }
    return value;
  }

  const ifd0 = entries(u32(4));
  const exifIfd = entries(pointer(ifd0.find((e) => e.tag === TAG_EXIF_IFD)));
  const gpsPointer = pointer(ifd0.find((e) => e.tag === TAG_GPS_IFD));
  const gpsIfd = entries(gpsPointer);

  const raw = text(exifIfd.find((e) => e.tag === TAG_DATETIME_ORIGINAL)) ?? text(ifd0.find((e) => e.tag === TAG_DATETIME));
  const match = raw ? /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(raw) : null;
  const offset = text(exifIfd.find((e) => e.tag === TAG_OFFSET_TIME_ORIGINAL));
  const takenAt =
    match && match[1] !== '0000'
      ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : ''}`
      : null;

  const byTag = (tag: number) => gpsIfd.find((e) => e.tag === tag);
  const lat = degrees(byTag(2)), lon = degrees(byTag(4));
  const gps =
    lat !== null && lon !== null
      ? { latitude: text(byTag(1)) === 'S' ? -lat : lat, longitude: text(byTag(3)) === 'W' ? -lon : lon }
      : null;
  return { takenAt, gps, hasGpsBlock: gpsPointer !== null && gpsPointer > 0 };
}
