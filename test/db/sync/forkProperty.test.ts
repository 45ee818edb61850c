// Random multi-device histories with laptops restored from backups and copied, through real
// SQLite files and real bundle files: two secretaries write; any copy of a secretary's database
// may be saved as a backup and opened again later (the device continuing from an older copy of
// itself, its clock sometimes set back to the backup's time so both copies write the same change
// ids), with the old copy sometimes still in use. Files travel up to the coordinator, down to any
// copy and on to the district. At the end every copy, the coordinator and the district hold the
// same ledgers, and every change any file carried is held by the coordinator and the district:
// merged, or — when two copies wrote one id — set aside as DUPLICATE_ID with its content.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../db/sync/apply';
import type { ImportReceipt } from '../../../db/sync/importBundle';
import { fileSource, readBundle } from '../../../db/sync/segments/bundle';
import { TOWNSHIP_SCOPE_PREFIX } from '../../../db/sync/trust';
import { useTempDirs } from '../../helpers/tempDir';
import { loggedChanges } from '../../helpers/loggedChanges';
import { keyring } from './bundleHelpers';
import { deviceIdOf, openPeer, replicaState, villageWithHouseholds, type Peer } from './syncPeers';

const tempDir = useTempDirs();
const MINUTE = 60_000;
// Columns any text goes in (a phone must look like one: such a value is set aside everywhere but its writer).
const COLUMNS = ['head_name', 'notes', 'address'] as const;

type Op =
  | { kind: 'write'; dev: number; copy: number; create: boolean; pick: number; col: (typeof COLUMNS)[number]; value: string }
  | { kind: 'backup'; dev: number; copy: number }
  | { kind: 'restore'; dev: number; backup: number; keepOld: boolean; rewind: boolean }
  | { kind: 'up'; dev: number; copy: number }
  | { kind: 'down'; dev: number; copy: number }
  | { kind: 'district' }
  | { kind: 'time'; ms: number };

const dev = fc.integer({ min: 0, max: 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('write' as const), dev, copy: fc.nat(), create: fc.boolean(), pick: fc.nat(), col: fc.constantFrom(...COLUMNS), value: fc.constantFrom('甲', '乙', '丙', '丁') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('backup' as const), dev, copy: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('restore' as const), dev, backup: fc.nat(), keepOld: fc.boolean(), rewind: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('up' as const), dev, copy: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('down' as const), dev, copy: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('district' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 10 * MINUTE }) }) },
);

function imported(receipt: ImportReceipt): void {
  expect(receipt.refusal, receipt.refusal?.message).toBeNull();
  expect(receipt.status).not.toBe('refused');
}

interface Backup {
  readonly path: string;
  readonly at: number;
}

describe('forks at random points of a random multi-device history', () => {
  it('converges through the coordinator and the district, and no change any file carried is lost or silently dropped', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 22 }), async (script) => {
        run++;
        const dir = tempDir();
        const ids = [deviceIdOf(run, 1), deviceIdOf(run, 2)];
        const first = [await openPeer(join(dir, 's1-0'), ids[0]!), await openPeer(join(dir, 's2-0'), ids[1]!)];
        const coordinator = await openPeer(join(dir, 'c'), deviceIdOf(run, 0xc));
        const district = await openPeer(join(dir, 'd'), deviceIdOf(run, 0xd));
        const villages = first.map((s) => villageWithHouseholds(s, 2));
        const scopeOf = (i: number) => [villages[i]!];
        for (const [i, s] of first.entries()) {
          s.trust(coordinator, [`${TOWNSHIP_SCOPE_PREFIX}青石镇`], 'coordinator');
          s.trust(first[1 - i]!, scopeOf(1 - i));
          coordinator.trust(s, scopeOf(i));
          district.trust(s, scopeOf(i));
        }
        district.trust(coordinator, [`${TOWNSHIP_SCOPE_PREFIX}青石镇`], 'coordinator');
        const copies: Peer[][] = [[first[0]!], [first[1]!]];
        const backups: Backup[][] = [[], []];
        // Each secretary's first backup, made once it was set up: a restore is always possible.
        mkdirSync(join(dir, 'backups'), { recursive: true });
        for (const [i, s] of first.entries()) {
          const path = join(dir, 'backups', `${ids[i]}-start.sqlite`);
          s.sqlite.prepare('VACUUM INTO ?').run(path);
          backups[i]!.push({ path, at: s.now() });
        }
        const files: string[] = [];
        let copyNumber = 0;
        const outbox = (name: string) => join(dir, 'files', name);
        const send = (from: Peer, to: Peer, name: string, full = false) => {
          const file = from.exportTo(outbox(name), full ? { full: true } : {});
          if (!file) return;
          files.push(file);
          imported(to.importFile(file));
        };

        for (const o of script) {
          if (o.kind === 'time') {
            for (const peer of [...copies.flat(), coordinator, district]) peer.advance(o.ms);
            continue;
          }
          if (o.kind === 'district') {
            send(coordinator, district, 'c');
            continue;
          }
          const live = copies[o.dev]!;
          if (o.kind === 'restore') {
            const backup = backups[o.dev]![o.backup % Math.max(1, backups[o.dev]!.length)];
            if (!backup) continue;
            const latest = Math.max(...live.map((p) => p.now()));
            const folder = join(dir, `copy-${++copyNumber}`);
            mkdirSync(folder, { recursive: true });
            copyFileSync(backup.path, join(folder, `${ids[o.dev]}.sqlite`));
            const restored = await openPeer(folder, ids[o.dev]!, o.rewind ? backup.at : latest + MINUTE, first[o.dev]!.keys);
            if (!o.keepOld && live.length > 0) live.splice(0, 1)[0]!.device.close();
            live.push(restored);
            continue;
          }
          const peer = live[o.copy % live.length]!;
          if (o.kind === 'backup') {
            const path = join(dir, 'backups', `${ids[o.dev]}-${backups[o.dev]!.length}.sqlite`);
            peer.sqlite.prepare('VACUUM INTO ?').run(path);
            backups[o.dev]!.push({ path, at: peer.now() });
          } else if (o.kind === 'write') {
            peer.advance(1_000);
            const households = peer.sqlite.prepare('SELECT id FROM households WHERE village_id = ? AND deleted_at IS NULL ORDER BY id').pluck().all(villages[o.dev]!) as string[];
            if (o.create || households.length === 0) peer.device.store.create('households', villages[o.dev]!, { head_name: `${o.value}${o.pick}`, villager_group: `${o.pick}组` });
            else peer.device.store.update('households', households[o.pick % households.length]!, { [o.col]: o.value });
          } else if (o.kind === 'up') send(peer, coordinator, `up-${o.dev}`);
          else send(coordinator, peer, 'c');
        }

        // Everyone sends up, the coordinator sends everything down and on, twice (a file's relay can bring more).
        for (let round = 0; round < 2; round++) {
          for (const [i, live] of copies.entries()) for (const peer of live) send(peer, coordinator, `final-up-${i}`, true);
          for (const peer of [...copies.flat(), district]) send(coordinator, peer, 'final-down', true);
        }
        const expected = replicaState(coordinator.sqlite);
        for (const peer of [district, ...copies.flat()]) expect(replicaState(peer.sqlite)).toBe(expected);

        // Every change of every file: merged with its content, or set aside with its content while another holds its id.
        const keyOf = keyring(first[0]!.keys, first[1]!.keys, coordinator.keys);
        const carried = new Map<string, Change>();
        for (const file of files) {
          const source = fileSource(file);
          try {
            for (const c of readBundle(source, { keyOf }).changeList) carried.set(`${c.id}\u0000${c.value}\u0000${c.row_id}\u0000${c.col}`, c);
          } finally {
            source.close();
          }
        }
        for (const holder of [coordinator, district]) {
          const logged = new Map(loggedChanges(holder.sqlite).map((c) => [c.id, c]));
          const heldAside = new Set(
            (holder.sqlite.prepare("SELECT detail FROM quarantine WHERE reason = 'DUPLICATE_ID'").pluck().all() as string[]).map((d) => {
              const c = (JSON.parse(d) as { change: Change }).change;
              return `${c.id}\u0000${c.value}\u0000${c.row_id}\u0000${c.col}`;
            }),
          );
          for (const [key, c] of carried) {
            const row = logged.get(c.id);
            expect(row, `change ${c.id} is nowhere`).toBeDefined();
            const merged = row!.value === c.value && row!.row_id === c.row_id && row!.col === c.col;
            expect(merged || heldAside.has(key), `change ${c.id} (${c.value}) was dropped`).toBe(true);
          }
        }
        for (const peer of [...copies.flat(), coordinator, district]) peer.device.close();
      }),
      { numRuns: 15 },
    );
  }, 240_000);
});
