// The five methods of any ledger, seen through one shape so a generic screen can call them.
// The contract types each noun precisely; here the rows are read through their view instead.
import type { LedgerNoun } from '../../../shared/api/methods';
import type { Confirmation, LedgerListQuery } from '../../../shared/domain/ledgers/define';
import { api } from '../api';
import type { LedgerRecord } from './convert';
import type { LedgerRow } from './viewTypes';

export type ListQuery = LedgerListQuery;

export interface LedgerApi {
  list(input: ListQuery): Promise<{ items: LedgerRow[]; total: number }>;
  get(input: { id: string }): Promise<LedgerRow>;
  create(input: LedgerRecord & { villageId: string; confirm?: Confirmation[] }): Promise<LedgerRow>;
  update(input: { id: string; patch: LedgerRecord; confirm?: Confirmation[] }): Promise<LedgerRow>;
  delete(input: { id: string }): Promise<{ id: string }>;
}

export function ledgerApi(noun: LedgerNoun): LedgerApi {
  return api[noun] as unknown as LedgerApi;
}
