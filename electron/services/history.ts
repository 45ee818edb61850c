// records.history: who changed which field of one record, when, on which device, from what to
// what, and the conflicts open or resolved — the audit trail ("every step recorded"). Read from
// the change log (db/history.ts); limited to the villages this device keeps; ID numbers and phone
// numbers masked, as every list shows them.
import type { Handlers } from '../../shared/api/types';
import { ApiError } from '../../shared/api/result';
import type { HistoryEntry } from '../../shared/domain/history';
import { maskIdNumber, maskPhone } from '../../shared/domain/idNumber';
import { snakeCase } from '../../shared/domain/ledgers/define';
import { LEDGER_DEFINITIONS } from '../../shared/domain/ledgers/index';
import { HISTORY_CACHE_CHANGES, rowHistory } from '../../db/history';
import { createSegmentCache } from '../../db/sync/changeLog';
import { ROW_COLUMN, type LedgerName } from '../../db/ledgers';
import { hlcToIso } from '../../db/sync/hlc';
import { listTrusted } from '../../db/sync/trust';
import type { ServiceContext } from './context';
import { villagesInScope } from './ledgers/scope';
import { requireProfile } from './profile';

type Cell = string | number | null;

const MASKED: Record<string, (text: string) => string> = { id_number: maskIdNumber, phone: maskPhone };

/** A stored value as history shows it: masked where the lists mask it, never an object. */
function shownValue(col: string, value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return MASKED[col] ? MASKED[col](text) : text;
}

export function historyHandlers(ctx: ServiceContext): Pick<Handlers, 'records.history'> {
  // Decoded segments kept while the app runs, bounded by the changes they hold (not by segments,
  // which may be 500 changes or 50,000), so paging through one village's records decodes its
  // segments once. Safe across merges and rebuilds: a segment's hash names its bytes.
  const segments = createSegmentCache({ changes: HISTORY_CACHE_CHANGES });
  return {
    'records.history': ({ ledger, id }) => {
      const profile = requireProfile(ctx);
      const def = LEDGER_DEFINITIONS[ledger];
      const steps = rowHistory(ctx.db.sqlite, def.table as LedgerName, id, segments);
      // A record of a village this device does not keep is as absent as one never written.
      if (steps.length === 0 || !villagesInScope(ctx).includes(steps[steps.length - 1]!.villageId)) {
        throw new ApiError('NOT_FOUND', `No ${ledger} record ${id}`);
      }
      const fieldOf = new Map(Object.keys(def.fields).map((f) => [snakeCase(f), f]));
      const devices = new Map(listTrusted(ctx.db.sqlite).map((d) => [d.deviceId, d]));
      const self = ctx.identity.deviceId;
      // The record was made by its first write: every column is written then (null ones too), so
      // a change that replaced nothing, by that device within that write's minute, is its making.
      const first = steps[steps.length - 1]!;
      const madeBy = Date.parse(hlcToIso(first.id)) + 60_000;
      const made = (s: (typeof steps)[number]) => s.before.length === 0 && s.origin === first.origin && Date.parse(hlcToIso(s.id)) <= madeBy;
      const entries = steps.map((s): HistoryEntry => {
        const device = devices.get(s.origin);
        const row = s.col === ROW_COLUMN;
        return {
          changeId: s.id,
          at: hlcToIso(s.id),
          field: row ? null : (fieldOf.get(s.col) ?? s.col),
          kind: row ? (s.value === 'deleted' ? 'deleted' : s.before.length > 0 ? 'restored' : 'created') : made(s) ? 'created' : 'edited',
          before: row ? [] : s.before.map((v) => shownValue(s.col, v)),
          after: row ? null : shownValue(s.col, s.value),
          origin: s.origin,
          who: s.origin === self ? profile.name : (device?.name ?? null),
          role: s.origin === self ? profile.role : (device?.role ?? null),
          self: s.origin === self,
          resolved: s.resolved,
          conflict: s.conflict,
        };
      });
      return { entries };
    },
  };
}
