// The member-development clocks as the township declares them: a coordinator's period changes what
// a secretary's step is judged by once her declaration is on the secretary's computer; a
// declaration of the shape signed before the clocks existed still verifies and means the rules'
// defaults; a bad period is refused by name and nothing is stored or signed.
import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLOCK_BOUNDS, CLOCKS, DEFAULT_CLOCK_COUNTS, DEFAULT_PARTY_CLOCKS } from '../../../../shared/domain/party/clocks';
import { P } from '../../../../shared/domain/party/messages';
import { DEFAULT_DUTIES } from '../../../../shared/domain/settings';
import { V } from '../../../../shared/domain/validation';
import { loadDeviceKeys } from '../../../../db/sync/segments/index';
import { listTownshipSettings, recordTownshipSettings, townshipSettingsOf, townshipSettingsSignedBy, type TownshipSettings } from '../../../../db/sync/townshipSettings';
import { partyClocks } from '../../../../electron/services/ledgers/party';
import { expectOk, expectRefused, openTestApp, SECRETARY_SETUP, type TestApp, withSecretaryVillage } from '../../../helpers/openedApp';
import { useTempDirs } from '../../../helpers/tempDir';
import { before, happy } from '../../../shared/party/partyFixtures';

const tempDir = useTempDirs();

async function coordinator(): Promise<TestApp> {
  const app = await openTestApp(tempDir());
  await app.api.device.setup({ ...SECRETARY_SETUP, role: 'coordinator', name: '赵镇', villages: [] });
  return app;
}

/** The coordinator's declaration of 青石镇 with `clocks`, as her file would carry it. */
async function declared(clocks: Record<string, number>): Promise<TownshipSettings> {
  const c = await coordinator();
  try {
    await expectOk(c, 'settings.update', { partyClocks: clocks });
    return townshipSettingsOf(c.context.db.sqlite, '青石镇')!;
  } finally {
    c.close();
  }
}

/** Application, talk and activist (2023-05-10) as the happy history has them, then an evaluation of 86 on 2023-11-15. */
async function activistSince(app: TestApp, villageId: string): Promise<string> {
  const { id } = await expectOk(app, 'candidates.create', { villageId, name: '孙晓东', sex: 'male', birthYear: 1995 });
  for (const step of [...before('evaluation'), happy('evaluation', { stepDate: '2023-11-15' })]) {
    expect(await app.dispatch('steps.create', { villageId, candidateId: id, ...step })).toMatchObject({ ok: true });
  }
  return id;
}

/** The listing as a development target seven months after the activist step. */
const listing = (villageId: string, candidateId: string) => ({ villageId, candidateId, ...happy('target', { stepDate: '2023-12-10' }) }) as never;

describe("the township's member-development clocks", () => {
  it('with the activist period declared 6 months, a listing 7 months after activist is kept; with the default 12 it is refused naming the rule, storing nothing', async () => {
    const six = await declared({ activistAtLeast: 6 });
    expect(six.partyClocks).toEqual({ activistAtLeast: 6 });
    await withSecretaryVillage(tempDir(), async (app, villageId) => {
      const id = await activistSince(app, villageId);
      const stored = app.snapshot();
      expect((await expectRefused(app, 'steps.create', listing(villageId, id))).issues).toEqual([{ path: ['stepDate'], message: P.activistTooSoon }]);
      expect(app.snapshot()).toBe(stored);

      // The coordinator's declaration reaches the secretary's computer (as an import keeps it).
      expect(recordTownshipSettings(app.context.db.sqlite, six, new Date().toISOString())).toBe(true);
      expect(partyClocks(app.context, villageId).activistAtLeast).toEqual({ count: 6, unit: 'month' });
      expect(await expectOk(app, 'settings.get')).toMatchObject({ partyClocks: { ...DEFAULT_CLOCK_COUNTS, activistAtLeast: 6 }, township: { mayChange: false } });
      await expectOk(app, 'steps.create', listing(villageId, id));
    });
  });

  it('a declaration of the shape signed before the clocks existed still verifies and means the defaults', async () => {
    await withSecretaryVillage(tempDir(), async (app, villageId) => {
      const c = await coordinator();
      const keys = loadDeviceKeys(c.context.db.sqlite);
      c.close();
      const issuedAt = '2026-11-01T08:00:00.000Z';
      // Signed over the six fields the declaration held before: no clocks in the bytes.
      const message = Buffer.from(JSON.stringify(['cunji-township-settings/1', '青石镇', 22, [...DEFAULT_DUTIES], keys.deviceId, issuedAt]), 'utf8');
      const old: TownshipSettings = { township: '青石镇', presenceThreshold: 22, duties: [...DEFAULT_DUTIES], issuer: keys.deviceId, issuedAt, signature: sign(null, message, keys.privateKey).toString('base64') };
      expect(townshipSettingsSignedBy(old, keys.publicKeyPem)).toBe(true);
      recordTownshipSettings(app.context.db.sqlite, old, issuedAt);
      expect(townshipSettingsOf(app.context.db.sqlite, '青石镇')).toEqual(old);
      expect(partyClocks(app.context, villageId)).toEqual(DEFAULT_PARTY_CLOCKS);
      expect(await expectOk(app, 'settings.get')).toMatchObject({ presenceThreshold: 22, partyClocks: DEFAULT_CLOCK_COUNTS });
      // And the clocks are signed: the same declaration claiming a 6-month period no longer verifies.
      expect(townshipSettingsSignedBy({ ...old, partyClocks: { activistAtLeast: 6 } }, keys.publicKeyPem)).toBe(false);
    });
  });

  it('refuses each clock out of its bounds, or not whole, by name: nothing stored, nothing signed', async () => {
    const c = await coordinator();
    try {
      const stored = c.snapshot();
      for (const clock of CLOCKS) {
        const { min, max } = CLOCK_BOUNDS[clock];
        for (const [value, message] of [[min - 1, V.clockTooShort], [max + 1, V.clockTooLong], [min + 0.5, V.wholeNumber], ['3', V.invalid]] as const) {
          const refused = await expectRefused(c, 'settings.update', { partyClocks: { [clock]: value } } as never);
          expect(refused.issues, `${clock} ${value}`).toEqual([{ path: ['partyClocks', clock], message }]);
        }
      }
      expect(c.snapshot()).toBe(stored);
      expect(listTownshipSettings(c.context.db.sqlite)).toEqual([]);
      expect(await expectOk(c, 'settings.get')).toMatchObject({ partyClocks: DEFAULT_CLOCK_COUNTS });
    } finally {
      c.close();
    }
  });

  it('keeps the clocks when only the threshold changes, and back to the defaults when none is given', async () => {
    const c = await coordinator();
    try {
      expect(await expectOk(c, 'settings.update', { partyClocks: { probation: 18, trainingAtLeast: 5 } })).toMatchObject({ partyClocks: { ...DEFAULT_CLOCK_COUNTS, probation: 18, trainingAtLeast: 5 } });
      expect(await expectOk(c, 'settings.update', { presenceThreshold: 22 })).toMatchObject({ presenceThreshold: 22, partyClocks: { probation: 18, trainingAtLeast: 5 } });
      expect(await expectOk(c, 'settings.update', { partyClocks: {} })).toMatchObject({ presenceThreshold: 22, partyClocks: DEFAULT_CLOCK_COUNTS });
      expect(townshipSettingsOf(c.context.db.sqlite, '青石镇')).not.toHaveProperty('partyClocks');
    } finally {
      c.close();
    }
  });

  it('a secretary may not set them: refused by name, nothing stored', async () => {
    await withSecretaryVillage(tempDir(), async (app) => {
      const stored = app.snapshot();
      expect((await expectRefused(app, 'settings.update', { partyClocks: { activistAtLeast: 6 } })).issues).toEqual([{ path: ['partyClocks'], message: 'township.setByCoordinator' }]);
      expect(app.snapshot()).toBe(stored);
      expect(listTownshipSettings(app.context.db.sqlite)).toEqual([]);
    });
  });
});
