// The write rules of member development and reserve cadres, hooked into the one write path
// (LEDGER_RULES): a step is judged against the candidate's other steps before it is stored —
// refused when it breaks a rule, asked about (lateStep) when it is late on a clock — and a
// training must fall while the cadre is on the reserve. (A candidate or cadre takes its steps or
// trainings with it when deleted because they are part of it: their definitions' place.) The
// indicators' reserve cadres are counted from the cadres, never typed.
import type { ApiIssue } from '../../../shared/api/result';
import type { LedgerNoun } from '../../../shared/api/methods';
import { clocksOf, type PartyClocks } from '../../../shared/domain/party/clocks';
import { P } from '../../../shared/domain/party/messages';
import type { StepToCheck, StepVerdict } from '../../../shared/domain/party/stepRules';
import { checkStep } from '../../../shared/domain/party/stepRules';
import { V } from '../../../shared/domain/validation';
import { reserveCadresInYear } from '../../../shared/domain/party/villageChecks';
import { cadreSpan, candidateRow, candidateSteps, hasFamilyCandidate, reserveSpans } from '../../../db/party';
import { townshipOfVillage } from '../../../db/ledgers/duties';
import { townshipSettingsOf } from '../../../db/sync/townshipSettings';
import { readProfile } from '../profile';
import type { ServiceContext } from '../context';
import type { LedgerRules, WriteCheck } from './rules';
import { today } from './today';

/**
 * The clocks in force: those its coordinator declared for the village's township (synced to a
 * secretary's computer), else for this device's township, each left unset the rules' default.
 */
export function partyClocks(ctx: ServiceContext, villageId?: string): PartyClocks {
  const township = villageId ? townshipOfVillage(ctx.db.sqlite, villageId) : null;
  const own = readProfile(ctx)?.township;
  const declared = (township ? townshipSettingsOf(ctx.db.sqlite, township) : null) ?? (own ? townshipSettingsOf(ctx.db.sqlite, own) : null);
  return clocksOf(declared?.partyClocks);
}

function judgeStep({ ctx, villageId, id, record }: WriteCheck): StepVerdict {
  const candidate = candidateRow(ctx.db.sqlite, record.candidateId);
  // No such candidate in the village: the reference check has refused it already.
  if (!candidate || typeof record.step !== 'string' || typeof record.stepDate !== 'string') return { refusals: [], late: [] };
  return checkStep({
    candidate,
    others: candidateSteps(ctx.db.sqlite, candidate.id, id),
    step: record as unknown as StepToCheck,
    clocks: partyClocks(ctx, villageId),
    family: hasFamilyCandidate(ctx.db.sqlite, candidate),
    today: today(ctx.now),
  });
}

function notAfterToday(fields: string[]): (check: WriteCheck) => ApiIssue[] {
  return ({ ctx, record }) => {
    const todayText = today(ctx.now);
    return fields.filter((f) => typeof record[f] === 'string' && (record[f] as string) > todayText).map((f) => ({ path: [f], message: V.futureDate }));
  };
}

function trainingWhileOnReserve(check: WriteCheck): ApiIssue[] {
  const future = notAfterToday(['trainedOn'])(check);
  if (future.length) return future;
  const span = cadreSpan(check.ctx.db.sqlite, check.record.cadreId);
  const on = check.record.trainedOn;
  if (!span || typeof on !== 'string') return [];
  const outside = on < span.recommendedOn || (span.outcome !== 'training' && span.outcomeOn !== null && on > span.outcomeOn);
  return outside ? [{ path: ['trainedOn'], message: P.trainingOutsideReserve }] : [];
}

/** A year's reserve cadres, counted from the reserve cadres ledger (on the reserve at some time that
 *  year) wherever the village keeps one; a figure typed before that ledger existed stands for a
 *  village that has never entered a cadre, as the dashboards count it (db/dashboard/headline.ts). */
function reserveCadresCounted(ctx: ServiceContext, records: Record<string, unknown>[]): Record<string, unknown>[] {
  if (records.length === 0) return records;
  const spans = reserveSpans(ctx.db.sqlite, [...new Set(records.map((r) => String(r.villageId)))]);
  return records.map((r) => {
    const own = spans.filter((s) => s.villageId === r.villageId);
    return own.length && typeof r.year === 'number' ? { ...r, reserveCadresTrained: reserveCadresInYear(own, r.year) } : r;
  });
}

export const PARTY_RULES: Partial<Record<LedgerNoun, LedgerRules>> = {
  indicators: { computed: reserveCadresCounted },
  steps: {
    hard: (check) => judgeStep(check).refusals,
    soft: (check) => judgeStep(check).late.map((issue) => ({ confirmation: 'lateStep' as const, issue })),
  },
  cadres: { hard: notAfterToday(['recommendedOn', 'outcomeOn']) },
  trainings: { hard: trainingWhileOnReserve },
};
