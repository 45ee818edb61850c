// The coordinator's history both migration tests of the exclusions start from, through real
// files: three secretaries (the third trusted for nothing), changes set aside for scope, for a
// device trusted for nothing, for refused values; a fork — a copy made while S1's note was unsealed
// seals it again, a copy from before it writes another change with its id whose content hash wins,
// so the log's change is replaced.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createChangeLog } from '../../../db/sync/changeLog';
import { changeContentHash } from '../../../db/sync/forks';
import { TOWNSHIP_SCOPE_PREFIX } from '../../../db/sync/trust';
import { openPeer, type Peer } from '../sync/syncPeers';

export const MINUTE = 60_000;
export const TOWNSHIP = '青石镇';

export function backupOf(peer: Peer, folder: string): string {
  mkdirSync(folder, { recursive: true });
  peer.sqlite.prepare('VACUUM INTO ?').run(join(folder, `${peer.id}.sqlite`));
  return folder;
}

/** The story up to the replaced note; `fill` writes more in S1's village before anything is sent. */
export async function setAsideAndForkedStory(dir: string, fill?: (s1: Peer, village: string) => void) {
  const ids = ['00000000000000a1', '00000000000000a2', '00000000000000a3', '00000000000000c1'];
  const [s1, s2, s3, c] = (await Promise.all(ids.map((id) => openPeer(join(dir, id), id)))) as [Peer, Peer, Peer, Peer];
  const opened = [s1, s2, s3, c];
  const [v1, v2] = [s1, s2, s3].map((s, i) => s.device.store.create('villages', null, { name: `村${i}`, township: TOWNSHIP }));
  const [h1, h2] = [s1, s2].map((s, i) => s.device.store.create('households', [v1, v2][i]!, { head_name: `户${i}`, category: 'ordinary' }));
  fill?.(s1, v1!);
  for (const s of [s1, s2, s3]) s.trust(c, [`${TOWNSHIP_SCOPE_PREFIX}${TOWNSHIP}`], 'coordinator');
  s1.trust(s2, [v2!]);
  c.trust(s1, [v1!]);
  c.trust(s2, [v2!]);
  c.trust(s3, []); // trusted for nothing yet: all it sends waits
  const send = (from: Peer, to: Peer) => to.importFile(from.exportTo(join(dir, `${from.id}-to-${to.id}`))!);
  send(s2, s1);
  expect(send(s2, c).setAside).toEqual({});
  expect(send(s3, c).setAside).toEqual({ OUT_OF_SCOPE: 2 });
  // S1 writes in S2's village (out of its scope here), a number for a name and a category that does not exist.
  s1.device.store.update('households', h2!, { notes: '邻村' });
  s1.device.store.update('households', h1!, { head_name: 7 as unknown as string, category: 'not-a-category' });
  expect(send(s1, c).setAside).toEqual({ OUT_OF_SCOPE: 1, BAD_VALUE: 1, VALUE_INVALID: 1 });

  // A fork: a copy made while S1's note was unsealed seals it again; a copy from before it
  // writes another change with its id, whose content hash wins: the log's change is replaced.
  const early = backupOf(s1, join(dir, 'early'));
  const T = s1.now() + MINUTE;
  s1.advance(T - s1.now());
  s1.device.store.update('households', h1!, { notes: '原机' });
  const unsealed = await openPeer(backupOf(s1, join(dir, 'unsealed')), s1.id, T + MINUTE, s1.keys);
  opened.push(unsealed);
  send(s1, c);
  unsealed.device.store.update('households', h1!, { head_name: '副本一' });
  expect(send(unsealed, c).forks?.map((f) => f.deviceId)).toEqual([s1.id]);
  const notes = createChangeLog(c.sqlite).ofCell('households', h1!, 'notes');
  expect(notes).toHaveLength(1);
  const note = notes[0]!;
  const winning = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'].find((v) => changeContentHash({ ...note, value: JSON.stringify(v) }) < changeContentHash(note))!;
  const earlier = await openPeer(early, s1.id, T, s1.keys);
  opened.push(earlier);
  earlier.device.store.update('households', h1!, { notes: winning });
  expect(send(earlier, c).setAside).toEqual({ DUPLICATE_ID: 1 });
  expect(createChangeLog(c.sqlite).byId(note.id)?.value).toBe(JSON.stringify(winning));
  return { s1, s2, s3, c, opened, v1: v1!, v2: v2!, h1: h1!, h2: h2!, send, note, T, unsealed, earlier };
}
