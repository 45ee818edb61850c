// The change log read an origin at a time (createChangeLog().ofOrigin, what a bench counts a log of
// millions with) gives exactly the log's changes of that origin, wherever they are kept: this
// device's unsealed rows, its sealed segments, received segments, and changes merged without one.
import { describe, expect, it } from 'vitest';
import { createChangeLog } from '../../../db/sync/changeLog';
import { mergeChanges } from '../../../db/sync/merge';
import { sealAll } from '../../../db/sync/segments/seal';
import { countLogged, countLoggedByOrigin } from '../../helpers/loggedChanges';
import { useTempDirs } from '../../helpers/tempDir';
import { deviceIdOf, openPeer, villageWithHouseholds } from './syncPeers';

const tempDir = useTempDirs();

describe('the change log, an origin at a time', () => {
  it('holds every change of the origin once, from rows, sealed segments, received segments and merges without a segment', async () => {
    const dir = tempDir();
    const [secretary, coordinator, other] = await Promise.all([1, 2, 3].map((role) => openPeer(dir, deviceIdOf(41, role), 1_700_000_000_000 + role * 1000)));
    const village = villageWithHouseholds(secretary!, 3);
    coordinator!.trust(secretary!, [village]);
    // Received in a stored segment (the export seals them), then more written and left unsealed.
    expect(coordinator!.importFile(secretary!.exportTo(`${dir}/up`)!).status).toBe('imported');
    secretary!.advance(1000);
    villageWithHouseholds(secretary!, 1);
    // Merged without a segment: the secretary's later changes, and another device's.
    other!.device.store.create('villages', null, { name: '王庄村', township: '青石镇' });
    mergeChanges(coordinator!.sqlite, coordinator!.device.clock, createChangeLog(secretary!.sqlite).all());
    mergeChanges(coordinator!.sqlite, coordinator!.device.clock, createChangeLog(other!.sqlite).all());
    coordinator!.device.store.update('villages', village, { notes: '协调员所写' });
    sealAll(coordinator!.sqlite, coordinator!.keys);
    coordinator!.device.store.update('villages', village, { notes: '未封存' });

    const log = createChangeLog(coordinator!.sqlite);
    const all = log.all();
    const origins = [secretary!.id, coordinator!.id, other!.id];
    for (const origin of origins) {
      const mine = all.filter((c) => c.origin === origin);
      expect(mine.length, origin).toBeGreaterThan(0);
      expect(log.ofOrigin(origin), origin).toEqual(mine);
    }
    // Every kind of keeping is there: a received segment, this device's segment, rows with and without one.
    expect(new Set(all.map((c) => (c.segment === null ? 'row' : c.origin === coordinator!.id ? 'own segment' : 'received segment')))).toEqual(new Set(['row', 'own segment', 'received segment']));
    expect(log.ofOrigin('0000000000000000')).toEqual([]);
    expect(countLoggedByOrigin(coordinator!.sqlite)).toBe(all.length);
    expect(countLogged(coordinator!.sqlite)).toBe(all.length);
    for (const peer of [secretary!, coordinator!, other!]) peer.device.close();
  });
});
