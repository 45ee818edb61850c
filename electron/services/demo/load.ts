// Writes generated villages through the store, the one write path: every column is stamped with
// an HLC and lands in the change log, so the demo (or a benchmark's city) syncs like real data.
// One transaction per village; the caller may wrap several (demo.load wraps all of them).
import type { Store } from '../../../db/store';
import { LEDGER_DEFINITIONS } from '../../../shared/domain/ledgers/index';
import type { LedgerDefinition } from '../../../shared/domain/ledgers/define';
import type { LedgerName } from '../../../db/ledgers';
import { toColumns } from '../ledgers/codec';
import type { DemoVillage } from './generate';

type AnyDefinition = LedgerDefinition<string, Record<string, never>>;

export interface LoadStats {
  villages: number;
  /** Rows created, villages included. */
  rows: number;
  /** Columns written: the store appends exactly one change for each. */
  changes: number;
  rowsByTable: Record<string, number>;
}

export function emptyStats(): LoadStats {
  return { villages: 0, rows: 0, changes: 0, rowsByTable: {} };
}

/** Writes one village and everything in it; returns the village's id. */
export function loadVillage(store: Store, village: DemoVillage, stats: LoadStats = emptyStats()): string {
  return store.transaction(() => {
    const create = (table: LedgerName, villageId: string | null, columns: Record<string, string | number | null>): string => {
      stats.rows++;
      stats.changes += Object.keys(columns).length;
      stats.rowsByTable[table] = (stats.rowsByTable[table] ?? 0) + 1;
      return store.create(table as 'households', villageId as string, columns);
    };
    const write = (noun: keyof typeof LEDGER_DEFINITIONS, villageId: string, fields: object): string => {
      const def = LEDGER_DEFINITIONS[noun] as unknown as AnyDefinition;
      return create(def.table as LedgerName, villageId, toColumns(def, fields as Record<string, unknown>));
    };

    const v = village.village;
    const villageId = create('villages', null, { name: v.name, code: v.code, township: v.township, county: v.county });
    for (const s of village.secretaries) write('secretaries', villageId, s);
    for (const i of village.indicators) write('indicators', villageId, i);
    const householdIds = village.households.map((h) => write('households', villageId, h));
    for (const m of village.members) write('members', villageId, { ...m.fields, householdId: householdIds[m.household] });
    for (const m of village.monitoring) write('monitoring', villageId, { ...m.fields, householdId: householdIds[m.household] });
    const visitIds = village.visits.map((x) => write('visits', villageId, { ...x.fields, householdId: householdIds[x.household] }));
    for (const n of village.needs) write('needs', villageId, { ...n.fields, householdId: householdIds[n.household], visitId: visitIds[n.visit] });
    for (const p of village.plans) write('plans', villageId, p);
    for (const c of village.commitments) write('commitments', villageId, c);
    const projectIds = village.projects.map((p) => write('projects', villageId, p));
    for (const f of village.funds) write('funds', villageId, { ...f.fields, projectId: projectIds[f.project] });
    for (const d of village.diary) write('diary', villageId, d);
    for (const l of village.leaves) write('leaves', villageId, l);
    for (const c of village.party.candidates) {
      const candidateId = write('candidates', villageId, { ...c.fields, householdId: c.household === null ? null : householdIds[c.household] });
      for (const s of c.steps) write('steps', villageId, { ...s, candidateId });
    }
    for (const c of village.party.cadres) {
      const cadreId = write('cadres', villageId, c.fields);
      for (const t of c.trainings) write('trainings', villageId, { ...t, cadreId });
    }
    stats.villages++;
    return villageId;
  });
}

/** Writes every village, one transaction each; returns their ids in order. */
export function loadVillages(store: Store, villages: Iterable<DemoVillage>, stats: LoadStats = emptyStats()): string[] {
  const ids: string[] = [];
  for (const village of villages) ids.push(loadVillage(store, village, stats));
  return ids;
}
