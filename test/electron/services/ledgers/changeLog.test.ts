// Every write of every ledger lands in `changes`: one change per column written, with rising
// HLCs, the right village, table and row; and the live tables stay a projection of the log
// (rebuildLedgers reproduces them byte for byte). Walked from LEDGER_NOUNS, so a new ledger
// without a sample in test/helpers/ledgerSamples.ts fails here.
import { describe, expect, it } from 'vitest';
import { LEDGER_NOUNS, type ApiMethod } from '../../../../shared/api/methods';
import { LEDGER_DEFINITIONS } from '../../../../shared/domain/ledgers/index';
import { snakeCase } from '../../../../shared/domain/ledgers/define';
import { dumpHeads, dumpLedgers } from '../../../../db/sync/dump';
import { rebuildLedgers } from '../../../../db/sync/rebuild';
import { APP_START_TIME, expectOk, openTestApp, SECRETARY_SETUP, type TestApp } from '../../../helpers/openedApp';
import { LEDGER_SAMPLES, prepareSample, sampleOf } from '../../../helpers/ledgerSamples';
import { useTempDirs } from '../../../helpers/tempDir';
import type { ChangeRow } from '../../../../db/schema';

const tempDir = useTempDirs();

function changesAfter(app: TestApp, after: string): ChangeRow[] {
  return app.context.db.sqlite.prepare('SELECT * FROM changes WHERE id > ? ORDER BY id').all(after) as ChangeRow[];
}

function lastChangeId(app: TestApp): string {
  return (app.context.db.sqlite.prepare('SELECT max(id) FROM changes').pluck().get() as string | null) ?? '';
}

const call = <T = Record<string, unknown>>(app: TestApp, method: string, input: unknown) => expectOk(app, method as ApiMethod, input as never) as Promise<T>;

describe('samples', () => {
  it('there is a sample for every ledger, and for nothing else', () => {
    for (const noun of LEDGER_NOUNS) expect(() => sampleOf(noun), noun).not.toThrow();
    expect(Object.keys(LEDGER_SAMPLES).sort()).toEqual([...LEDGER_NOUNS].sort());
  });
});

describe('every write of every ledger lands in changes', () => {
  it.each([...LEDGER_NOUNS])('%s: create, update, delete', async (noun) => {
    const app = await openTestApp(tempDir());
    try {
      const profile = await expectOk(app, 'device.setup', SECRETARY_SETUP);
      const villageId = profile.villageIds[0]!;
      const def = LEDGER_DEFINITIONS[noun];
      const table = def.table;
      const input = await prepareSample(app, noun, villageId);
      const fieldColumns = Object.keys(def.fields).map(snakeCase).sort();

      // Create: one change per field column of the definition, all of the new row.
      app.advance(60_000);
      let mark = lastChangeId(app);
      const created = await call<{ id: string }>(app, `${noun}.create`, input);
      const createChanges = changesAfter(app, mark);
      expect(createChanges.map((c) => c.col).sort()).toEqual(fieldColumns);
      for (const c of createChanges) {
        expect(c, `${noun} create ${c.col}`).toMatchObject({ tbl: table, row_id: created.id, village_id: villageId, origin: app.context.identity.deviceId });
        expect(c.hlc > mark.slice(0, c.hlc.length), `${noun}: HLCs rise`).toBe(true);
      }
      expect(new Set(createChanges.map((c) => c.hlc)).size).toBe(createChanges.length);

      // Update: one change, of the changed column only.
      app.advance(60_000);
      mark = lastChangeId(app);
      const patch = sampleOf(noun).update;
      const updated = await call(app, `${noun}.update`, { id: created.id, patch });
      expect(updated).toMatchObject(patch);
      const updateChanges = changesAfter(app, mark);
      expect(updateChanges.map((c) => c.col)).toEqual(Object.keys(patch).map(snakeCase));
      expect(updateChanges[0]).toMatchObject({ tbl: table, row_id: created.id, village_id: villageId, value: JSON.stringify(Object.values(patch)[0]) });
      expect(updateChanges[0]!.hlc > createChanges[createChanges.length - 1]!.hlc).toBe(true);

      // Nothing else changed on the row: the stored record is the created one plus the patch.
      const { updatedAt: _u1, ...before } = created as Record<string, unknown>;
      const { updatedAt: _u2, ...after } = updated;
      expect(after).toEqual({ ...before, ...patch });

      // Delete: one `_row` change, "deleted".
      app.advance(60_000);
      mark = lastChangeId(app);
      await call(app, `${noun}.delete`, { id: created.id });
      const deleteChanges = changesAfter(app, mark);
      expect(deleteChanges.map((c) => [c.tbl, c.row_id, c.village_id, c.col, c.value])).toEqual([[table, created.id, villageId, '_row', '"deleted"']]);
      expect(deleteChanges[0]!.hlc > updateChanges[0]!.hlc).toBe(true);

      // The live tables are what replaying the log gives.
      const live = dumpLedgers(app.context.db.sqlite);
      const heads = dumpHeads(app.context.db.sqlite);
      expect(live).toContain(`"deleted_at":"${new Date(APP_START_TIME + 180_000).toISOString()}"`);
      rebuildLedgers(app.context.db.sqlite);
      expect(dumpLedgers(app.context.db.sqlite)).toBe(live);
      expect(dumpHeads(app.context.db.sqlite)).toBe(heads);
    } finally {
      app.close();
    }
  });
});
