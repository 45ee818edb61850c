// The demo's member development and reserve cadres keep the rules a person's entry must keep:
// every candidate's steps, replayed one by one in date order, are accepted on time; the
// family, the past record and the village short of its three-year target are all there to see.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateParty, type DemoParty } from '../../../electron/services/demo/party';
import { DEFAULT_PARTY_CLOCKS } from '../../../shared/domain/party/clocks';
import { trainingFields } from '../../../shared/domain/ledgers/reserve';
import { cadreFields, candidateFields, checkCadreRecord, checkStepRecord, stepFields } from '../../../shared/domain/party/records';
import { inOrder } from '../../../shared/domain/party/stages';
import { checkStep } from '../../../shared/domain/party/stepRules';
import { candidateStatus, familyGroups, villageTargets } from '../../../shared/domain/party/villageChecks';

const TODAY = '2026-12-01';
const ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const households = Array.from({ length: 40 }, (_, i) => ({ headName: `王${i}` }));
const villages: DemoParty[] = Array.from({ length: 12 }, (_, index) =>
  generateParty({ seed: 'demo-test', index, today: TODAY, region: '371325', households, secretaryName: '马书记' }));

describe('the demo township\'s member development', () => {
  it('replays every candidate\'s steps through the rules in date order, none refused and none late', () => {
    villages.forEach((party, v) => {
      const family = familyGroups(party.candidates.map((c, i) => ({ id: String(i), villageId: 'v', householdId: c.household === null ? null : String(c.household) })));
      party.candidates.forEach((c, i) => {
        const candidate = z.strictObject(candidateFields).parse(c.fields);
        const steps = inOrder(c.steps.map((s) => z.strictObject(stepFields).parse({ candidateId: ID, ...s })));
        steps.forEach((step, k) => {
          const where = `village ${v} candidate ${i} ${step.step} ${step.stepDate}`;
          expect(checkStepRecord(step), where).toEqual([]);
          const verdict = checkStep({ candidate, others: steps.slice(0, k), step, clocks: DEFAULT_PARTY_CLOCKS, family: family.has(String(i)), today: TODAY });
          expect(verdict, where).toEqual({ refusals: [], late: [] });
        });
      });
    });
  });

  it('shows every stage, one family reported, a past record filed, and a village without an admission in three years', () => {
    const stages = new Set(villages.flatMap((p) => p.candidates.map((c) => candidateStatus(c.steps as never, DEFAULT_PARTY_CLOCKS, TODAY).stage)));
    expect([...stages].sort()).toEqual(['activist', 'applicant', 'eliminated', 'member', 'probationary', 'target']);
    expect(villages[0]!.candidates.some((c) => c.steps.some((s) => s.step === 'familyReport'))).toBe(true);
    expect(villages[2]!.candidates[0]!.steps.filter((s) => s.step === 'recordFiling').length).toBeGreaterThan(0);
    const admissions = villages.flatMap((p, v) => p.candidates.flatMap((c) => c.steps.filter((s) => s.step === 'admission').map((s) => ({ villageId: String(v), date: s.stepDate }))));
    const targets = villageTargets(villages.map((_, v) => String(v)), admissions, DEFAULT_PARTY_CLOCKS, TODAY);
    expect(targets.find((t) => t.villageId === '4')!.met).toBe(false);
    expect(targets.filter((t) => t.met).length).toBeGreaterThan(4);
  });

  it('keeps reserve cadres and their trainings whole: outcomes dated, trainings while on the reserve', () => {
    for (const party of villages) {
      expect(party.cadres.length).toBeGreaterThanOrEqual(2);
      for (const c of party.cadres) {
        const cadre = z.strictObject(cadreFields).parse(c.fields);
        expect(checkCadreRecord(cadre)).toEqual([]);
        for (const t of c.trainings) {
          const training = z.strictObject(trainingFields).parse({ cadreId: ID, ...t });
          expect(training.trainedOn >= cadre.recommendedOn && training.trainedOn <= (cadre.outcomeOn ?? TODAY)).toBe(true);
        }
      }
    }
    expect(villages.flatMap((p) => p.cadres).some((c) => c.fields.outcome === 'entered')).toBe(true);
  });
});
