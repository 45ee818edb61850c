// Received and spent of one project, summed in integer fen over every entry (page by page, so
// a project with thousands of entries is summed, not sampled).
import type { LedgerApi } from '../ledgerApi';

export interface FundTotals {
  budget: number;
  received: number;
  spent: number;
}

const PAGE = 500;

export async function fundTotals(funds: Pick<LedgerApi, 'list'>, projectId: string): Promise<Omit<FundTotals, 'budget'>> {
  let received = 0;
  let spent = 0;
  for (let offset = 0; ; offset += PAGE) {
    const { items, total } = await funds.list({ filters: { projectId }, offset, limit: PAGE });
    for (const entry of items) {
      const fen = Number(entry.amountFen);
      if (entry.direction === 'in') received += fen;
      else spent += fen;
    }
    if (offset + PAGE >= total || items.length === 0) return { received, spent };
  }
}
