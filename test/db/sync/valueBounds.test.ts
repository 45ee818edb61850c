// Every value a file brings must be one the contract's schema for its column accepts, or it is set
// aside as VALUE_INVALID with the rest of the file merged; and what a segment decodes to is bounded
// by what the app itself writes, however small the file that claims more.
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LEDGERS } from '../../../db/ledgers';
import { listConflicts } from '../../../db/sync/conflicts';
import { bufferSource, verifyBundle } from '../../../db/sync/segments/bundle';
import { DEFAULT_DECODE_LIMITS, SEGMENT_MAX_CHANGES } from '../../../db/sync/segments/codec';
import { SyncFileError } from '../../../db/sync/segments/errors';
import { columnsWithoutRule, invalidValue } from '../../../db/sync/valueCheck';
import type { Change } from '../../../db/sync/apply';
import { useTempDirs } from '../../helpers/tempDir';
import { loggedChanges } from '../../helpers/loggedChanges';
import { assemble, keyring, newKeys, sealChanges } from './bundleHelpers';
import { deviceIdOf, openPeer, type Peer } from './syncPeers';

const tempDir = useTempDirs();
const opened: Peer[] = [];
afterEach(() => {
  for (const peer of opened.splice(0)) peer.device.close();
});
let run = 0x5a00;

async function pair(): Promise<[Peer, Peer]> {
  run++;
  const dir = tempDir();
  const [writer, reader] = await Promise.all([1, 2].map((i) => openPeer(dir, deviceIdOf(run, i))));
  opened.push(writer!, reader!);
  return [writer!, reader!];
}

describe('values a file brings are judged by the contract', () => {
  it('has a rule, taken from the contract, for every ledger column', () => {
    expect(columnsWithoutRule()).toEqual([]);
  });

  it('no column takes a text as long as the decoder cuts a value at (so a cut value is always refused)', () => {
    // A text cut at maxValueBytes of UTF-8 holds at least a third as many UTF-16 units.
    const shortestCut = 'a'.repeat(Math.floor(DEFAULT_DECODE_LIMITS.maxValueBytes / 3));
    for (const [table, columns] of Object.entries(LEDGERS)) {
      for (const [col, kind] of Object.entries(columns)) {
        if (kind === 'text') expect(invalidValue(table as keyof typeof LEDGERS, col, shortestCut), `${table}.${col}`).not.toBeNull();
      }
    }
  });

  it('sets aside an 11-million-character note from a trusted device as VALUE_INVALID, keeps the row as it was, and merges the rest', async () => {
    const [writer, reader] = await pair();
    const village = writer.device.store.create('villages', null, { name: '李家村', township: '青石镇' });
    const household = writer.device.store.create('households', village, { head_name: '王建国', category: 'ordinary', notes: '原来的备注' });
    reader.trust(writer, [village]);
    expect(reader.importFile(writer.exportTo(tempDir())!).setAside).toEqual({});

    // The API caps notes at 2,000; a device that goes around it writes 11 million characters.
    writer.device.store.update('households', household, { notes: 'x'.repeat(11_000_000), phone: '13800000000' });
    writer.device.store.update('households', household, { category: 'not-a-category', head_name: '王建国'.repeat(10) });
    const file = writer.exportTo(tempDir())!;
    expect(statSync(file).size).toBeLessThan(4096);

    const receipt = reader.importFile(file);
    expect(receipt.refusal).toBeNull();
    expect(receipt.setAside).toEqual({ VALUE_INVALID: 3 });
    expect(receipt.changesNew).toBe(1); // the phone
    const row = reader.sqlite.prepare('SELECT notes, phone, category, head_name FROM households WHERE id = ?').get(household);
    expect(row).toEqual({ notes: '原来的备注', phone: '13800000000', category: 'ordinary', head_name: '王建国' });
    // Nothing over-long is kept anywhere: not in the log, not in the quarantine, not in conflicts.
    expect(Math.max(...loggedChanges(reader.sqlite).map((c) => [...c.value].length))).toBeLessThan(100);
    expect(reader.sqlite.prepare('SELECT max(length(detail)) FROM quarantine').pluck().get()).toBeLessThan(2000);
    const reasons = reader.sqlite.prepare("SELECT detail FROM quarantine WHERE reason = 'VALUE_INVALID'").pluck().all() as string[];
    expect(reasons.some((d) => d.includes('households.notes refuses text of'))).toBe(true);
    expect(JSON.stringify(listConflicts(reader.sqlite)).length).toBeLessThan(1000);
    // A second import of the file changes nothing.
    expect(reader.importFile(file).status).toBe('already-imported');
  });

  it('sets aside a bad value even when its clock is ahead, so the quarantine never releases it later', async () => {
    const [writer, reader] = await pair();
    const village = writer.device.store.create('villages', null, { name: '张家村', township: '青石镇' });
    reader.trust(writer, [village]);
    writer.advance(3 * 24 * 3_600_000);
    writer.device.store.update('villages', village, { notes: '长'.repeat(2001) });
    const receipt = reader.importFile(writer.exportTo(tempDir())!);
    expect(receipt.setAside.VALUE_INVALID).toBe(1);
  });
});

describe('a segment decodes to no more than the app writes', () => {
  const A = newKeys('00000000000000a1');
  const VILLAGE = '0190a000-0000-7000-8000-0000000000ff';
  const hlc = (i: number) => (0x19ac0000000 + i).toString(16).padStart(12, '0') + '0000';
  const tiny = (n: number): Change[] =>
    Array.from({ length: n }, (_, i) => ({ id: hlc(i) + A.deviceId, tbl: 'villages', row_id: VILLAGE, village_id: VILLAGE, col: 'notes', value: 'null', hlc: hlc(i), origin: A.deviceId, seen: [] }));

  function reasonOf(bytes: Buffer): string {
    try {
      verifyBundle(bufferSource(bytes), { keyOf: keyring(A) });
      return 'ACCEPTED';
    } catch (error) {
      if (!(error instanceof SyncFileError)) throw error;
      return error.reason;
    }
  }

  it('refuses, before decoding, a small file whose segment holds more small changes than any version of the app seals', () => {
    const bomb = assemble(A, [sealChanges(A, 1, null, tiny(SEGMENT_MAX_CHANGES + 1))]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(reasonOf(bomb)).toBe('TOO_LARGE');
    expect(reasonOf(assemble(A, [sealChanges(A, 1, null, tiny(SEGMENT_MAX_CHANGES))]))).toBe('ACCEPTED');
  });
});
