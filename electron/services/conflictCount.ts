// `conflicts.count`: the badge's number, counted through indexes (db/sync/conflicts.ts
// createConflictCounter) rather than by listing and naming every conflict after each write.
import type { Handlers } from '../../shared/api/types';
import { createConflictCounter } from '../../db/sync/conflicts';
import type { ServiceContext } from './context';
import { villagesInScope } from './ledgers/scope';

export function conflictCountHandlers(ctx: ServiceContext): Pick<Handlers, 'conflicts.count'> {
  const count = createConflictCounter(ctx.db.sqlite);
  return {
    'conflicts.count': () => ({ count: count(villagesInScope(ctx)) }),
  };
}
