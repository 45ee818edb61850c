// The five methods of any ledger, seen through one shape so a generic screen can call them.
// The contract types each noun precisely; here the rows are read through their view instead.
import type { LedgerNoun } from '../../../shared/api/methods';
import type { Confirmation } from '../../../shared/domain/ledgers/define';
import { api } from '../api';
import type { LedgerRecord } from './convert';
import type { LedgerRow } from './viewTypes';

export interface ListQuery {
  villageId?: string;
  search?: string;
  filters?: Record<string, unknown>;
  from?: string;
  to?: string;
  overdue?: boolean;
  sort?: { field: string; order: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

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
