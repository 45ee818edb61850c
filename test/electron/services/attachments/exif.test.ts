import { describe, expect, it } from 'vitest';
import { readExifFacts } from '../../../../electron/services/attachments/exif';

type Field = { tag: number; type: number; count: number; value: Buffer };

/** A TIFF/EXIF block built by hand in either byte order, as a camera writes it (Apple writes MM). */
function tiffBlock(order: 'II' | 'MM', ifd0: Field[], exif: Field[], gps: Field[]): Buffer {
  const le = order === 'II';
  const u16 = (n: number) => { const b = Buffer.alloc(2); if (le) b.writeUInt16LE(n); else b.writeUInt16BE(n); return b; };
  const u32 = (n: number) => { const b = Buffer.alloc(4); if (le) b.writeUInt32LE(n); else b.writeUInt32BE(n); return b; };
  const ifdSize = (fields: Field[]) => 2 + fields.length * 12 + 4;
  // Layout: header (8), IFD0, Exif IFD, GPS IFD, then every value too long to sit in its entry.
  const withPointers = [...ifd0, { tag: 0x8769, type: 4, count: 1, value: Buffer.alloc(4) }, { tag: 0x8825, type: 4, count: 1, value: Buffer.alloc(4) }];
  const exifAt = 8 + ifdSize(withPointers);
  const gpsAt = exifAt + ifdSize(exif);
  let dataAt = gpsAt + ifdSize(gps);
  withPointers[withPointers.length - 2]!.value = u32(exifAt);
  withPointers[withPointers.length - 1]!.value = u32(gpsAt);
  const data: Buffer[] = [];
  const ifd = (fields: Field[]) => {
    const parts = [u16(fields.length)];
    for (const f of fields) {
      let slot = Buffer.alloc(4);
      if (f.value.length <= 4) f.value.copy(slot);
      else { slot = u32(dataAt); data.push(f.value); dataAt += f.value.length; }
      parts.push(u16(f.tag), u16(f.type), u32(f.count), slot);
    }
    parts.push(u32(0));
    return Buffer.concat(parts);
  };
  const head = Buffer.concat([Buffer.from(order, 'latin1'), u16(42), u32(8)]);
  const ifds = Buffer.concat([ifd(withPointers), ifd(exif), ifd(gps)]);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), head, ifds, ...data]);
}

function ascii(text: string): Buffer {
  return Buffer.from(`${text}\0`, 'latin1');
}
function rationals(order: 'II' | 'MM', values: Array<[number, number]>): Buffer {
  const b = Buffer.alloc(values.length * 8);
  values.forEach(([n, d], i) => {
    if (order === 'II') { b.writeUInt32LE(n, i * 8); b.writeUInt32LE(d, i * 8 + 4); } else { b.writeUInt32BE(n, i * 8); b.writeUInt32BE(d, i * 8 + 4); }
  });
  return b;
}

describe('reading the date and position from EXIF', () => {
  it.each(['II', 'MM'] as const)('reads DateTimeOriginal with its offset and a south-west position in %s byte order', (order) => {
    const block = tiffBlock(
      order,
      [{ tag: 0x0132, type: 2, count: 20, value: ascii('2025:01:01 00:00:00') }],
      [
        { tag: 0x9003, type: 2, count: 20, value: ascii('2026:11:03 09:15:42') },
        { tag: 0x9011, type: 2, count: 7, value: ascii('+08:00') },
      ],
      [
        { tag: 1, type: 2, count: 2, value: ascii('S') },
        { tag: 2, type: 5, count: 3, value: rationals(order, [[33, 1], [51, 1], [3540, 100]]) },
        { tag: 3, type: 2, count: 2, value: ascii('W') },
        { tag: 4, type: 5, count: 3, value: rationals(order, [[70, 1], [30, 1], [0, 1]]) },
      ],
    );
    const facts = readExifFacts(block);
    expect(facts.takenAt).toBe('2026-11-03T09:15:42+08:00');
    expect(facts.hasGpsBlock).toBe(true);
    expect(facts.gps!.latitude).toBeCloseTo(-(33 + 51 / 60 + 35.4 / 3600), 6);
    expect(facts.gps!.longitude).toBeCloseTo(-70.5, 6);
  });

  it('falls back to DateTime, and treats a zeroed date as none', () => {
    const withDateTime = tiffBlock('MM', [{ tag: 0x0132, type: 2, count: 20, value: ascii('2025:06:30 18:00:01') }], [], []);
    expect(readExifFacts(withDateTime)).toEqual({ takenAt: '2025-06-30T18:00:01', gps: null, hasGpsBlock: true });
    const zeroed = tiffBlock('II', [], [{ tag: 0x9003, type: 2, count: 20, value: ascii('0000:00:00 00:00:00') }], []);
    expect(readExifFacts(zeroed).takenAt).toBeNull();
  });

  it('never reads outside the block: cut or garbage EXIF gives nothing rather than an error', () => {
    const block = tiffBlock('II', [], [{ tag: 0x9003, type: 2, count: 20, value: ascii('2026:11:03 09:15:42') }], []);
    for (let cut = 0; cut < block.length; cut += 7) expect(() => readExifFacts(block.subarray(0, cut))).not.toThrow();
    expect(readExifFacts(block.subarray(0, 40)).takenAt).toBeNull();
    expect(readExifFacts(Buffer.from('Exif\0\0garbage garbage garbage'))).toEqual({ takenAt: null, gps: null, hasGpsBlock: false });
    expect(readExifFacts(undefined).takenAt).toBeNull();
  });
});
