// Everything that can refuse a ledger write, in one order for every caller (the ledger's own
// create and update, and the spreadsheet import's thousands of creates): a new record's
// defaults and derived fields, the definition's pure checks, references within the village,
// the hard rules, then the soft rules a person may confirm.
import type { ApiIssue } from '../../../shared/api/result';
import type { LedgerNoun } from '../../../shared/api/methods';
import type { Confirmation, LedgerDefinition } from '../../../shared/domain/ledgers/define';
import { V } from '../../../shared/domain/validation';
import { liveRowInVillage } from '../../../db/ledgers';
import type { ServiceContext } from '../context';
import { LEDGER_RULES, REFERENCES, type LedgerRules } from './rules';

type AnyDefinition = LedgerDefinition<string, Record<string, never>>;

/** Refusals (`hard`) and questions not yet confirmed (`soft`); a write goes ahead when both are empty. */
export interface WriteVerdict {
  readonly hard: ApiIssue[];
  readonly soft: ApiIssue[];
  /** The confirmations the soft issues ask for, in their order. */
  readonly asks: Confirmation[];
}

export interface WriteChecks {
  readonly rules: LedgerRules;
  /** The fields of this ledger that point at another ledger's row. */
  readonly referenceFields: readonly string[];
  /** A new record as it will be stored: the person's fields, the rules' defaults, the derived fields. */
  completeNew(villageId: string, fields: Record<string, unknown>): Record<string, unknown>;
  judge(villageId: string, id: string | null, record: Record<string, unknown>, confirm?: readonly Confirmation[]): WriteVerdict;
}

export function writeChecks(ctx: ServiceContext, def: AnyDefinition): WriteChecks {
  const rules: LedgerRules = LEDGER_RULES[def.noun as LedgerNoun] ?? {};
  const referenceFields = Object.keys(def.fields).filter((f) => f in REFERENCES);
  // Prepared once per ledger; table names come from REFERENCES, the ledgers' allow-list.
  const referenceLookups = new Map(referenceFields.map((field) => [field, liveRowInVillage(ctx.db.sqlite, REFERENCES[field]!.table)]));

  function referenceIssues(villageId: string, record: Record<string, unknown>): ApiIssue[] {
    return referenceFields.flatMap((field) => {
      const target = record[field];
      if (target === null || target === undefined) return [];
      return referenceLookups.get(field)!(target, villageId) ? [] : [{ path: [field], message: V.reference }];
    });
  }

  return {
    rules,
    referenceFields,
    completeNew(villageId, fields) {
      const filled = { ...fields, ...rules.defaults?.({ ctx, villageId, id: null, record: fields }) };
      return { ...filled, ...rules.derive?.(filled) };
    },
    judge(villageId, id, record, confirm = []) {
      const hard = [...def.check(record as never), ...referenceIssues(villageId, record), ...(rules.hard?.({ ctx, villageId, id, record }) ?? [])];
      if (hard.length) return { hard, soft: [], asks: [] };
      const open = (rules.soft?.({ ctx, villageId, id, record }) ?? []).filter((s) => !confirm.includes(s.confirmation));
      return { hard, soft: open.map((s) => s.issue), asks: open.map((s) => s.confirmation) };
    },
  };
}
