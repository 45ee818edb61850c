// A soft rule the main process wants a person to accept (a household like one already there,
// money spent past what came in): which ones an error names.
import { ApiError } from '../../../shared/api/result';
import { CONFIRMATIONS, type Confirmation } from '../../../shared/domain/ledgers/define';

export function confirmationsOf(error: unknown): Confirmation[] {
  if (!(error instanceof ApiError) || error.code !== 'NEEDS_CONFIRMATION') return [];
  const named = (error.issues ?? []).map((issue) => issue.message.replace(/^validation\./, ''));
  const fromMessage = error.message.split(',');
  return CONFIRMATIONS.filter((c) => named.includes(c) || fromMessage.includes(c));
}
