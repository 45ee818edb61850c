// Each refusal names what is wrong and whose it is: a real file written by a real device, damaged
// the way copying damages files, is named as a damaged file — not as a file from a newer Cunji,
// not as something that is no Cunji file, not as a file too large.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_END_MAGIC, BUNDLE_MAGIC } from '../../../db/sync/segments/bundle';
import { useTempDirs } from '../../helpers/tempDir';
import { openPeer, villageWithHouseholds } from './syncPeers';

const tempDir = useTempDirs();
const TRAILER = 32 + 64 + BUNDLE_END_MAGIC.length;

/** A secretary's real file, and a coordinator that trusts the secretary. */
async function written(dir: string) {
  const secretary = await openPeer(dir, '00000000000000a1');
  const coordinator = await openPeer(dir, '00000000000000c1');
  const village = villageWithHouseholds(secretary, 5);
  coordinator.trust(secretary, [village]);
  const file = secretary.exportTo(join(dir, 'out'))!;
  return { coordinator, bytes: readFileSync(file) };
}

/** `bytes` with `edit` applied, written beside the others; the coordinator's refusal. */
function refusalOf(dir: string, peer: Awaited<ReturnType<typeof written>>['coordinator'], bytes: Buffer, name: string) {
  const path = join(dir, `${name}.cunji`);
  writeFileSync(path, bytes);
  const receipt = peer.importFile(path);
  expect(receipt.status).toBe('refused');
  return receipt.refusal!;
}

describe('refusal reasons that name what is wrong', () => {
  it('names one corrupted byte of the format mark as damage, not as a newer Cunji nor as no Cunji file', async () => {
    const dir = tempDir();
    const { coordinator, bytes } = await written(dir);
    for (const [at, value] of [[6, '2'.charCodeAt(0)], [5, '9'.charCodeAt(0)], [0, 'X'.charCodeAt(0)], [7, 0]] as const) {
      const damaged = Buffer.from(bytes);
      damaged[at] = value;
      const refusal = refusalOf(dir, coordinator, damaged, `mark-${at}`);
      expect(refusal.reason, `byte ${at}`).toBe('HASH_MISMATCH');
      expect(refusal.message).toMatch(/damaged/);
      expect(refusal.message).not.toMatch(/Update Cunji|newer|not a Cunji/);
    }
  });

  it('still names a file from a newer Cunji as such when its checksum does not hold with the present mark', async () => {
    const dir = tempDir();
    const { coordinator } = await written(dir);
    const newer = Buffer.concat([Buffer.from('CUNJI02\n', 'latin1'), Buffer.alloc(300, 7), Buffer.alloc(96, 1), BUNDLE_END_MAGIC]);
    expect(refusalOf(dir, coordinator, newer, 'newer').reason).toBe('NEWER_FORMAT');
  });

  it('names random bytes after the mark as damage, not as a file too large or a bad header', async () => {
    const dir = tempDir();
    const { coordinator, bytes } = await written(dir);
    let state = 0x2545f491;
    const random = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state & 0xff;
    };
    for (let round = 0; round < 8; round++) {
      const damaged = Buffer.from(bytes);
      // The header length always, and a random run after it: what a bad sector or a broken copy leaves.
      const end = round % 2 ? damaged.length - TRAILER : BUNDLE_MAGIC.length + 4 + round * 7;
      for (let at = BUNDLE_MAGIC.length; at < end; at++) damaged[at] = random();
      damaged.writeUInt32BE(0xf0000000 + round, BUNDLE_MAGIC.length);
      const refusal = refusalOf(dir, coordinator, damaged, `random-${round}`);
      expect(refusal.reason, `round ${round}`).toBe('HASH_MISMATCH');
      expect(refusal.message).toMatch(/damaged/);
    }
  });
});
