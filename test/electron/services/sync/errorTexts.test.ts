// Every way a sync run can fail has a plain sentence in both languages for the sync screen
// (renderer/src/i18n `syncTargets.error.<code>`), and the runs give only those codes.
import { describe, expect, it } from 'vitest';
import { errorOfStatus } from '../../../../electron/services/sync/errors';
import { SYNC_ERROR_CODES } from '../../../../shared/domain/sync';
import { en } from '../../../../renderer/src/i18n/en';
import { zhCN } from '../../../../renderer/src/i18n/zhCN';

describe('sync error texts', () => {
  it('name every error code in Chinese and in English, and nothing else', () => {
    expect(Object.keys(zhCN.syncTargets.error).sort()).toEqual([...SYNC_ERROR_CODES].sort());
    expect(Object.keys(en.syncTargets.error).sort()).toEqual([...SYNC_ERROR_CODES].sort());
    for (const code of SYNC_ERROR_CODES) expect(zhCN.syncTargets.error[code], code).toMatch(/\p{Script=Han}/u);
  });

  it('map refusing HTTP statuses to the codes a person can act on', () => {
    expect([401, 403, 404, 405, 409, 429, 500, 503, 507].map((s) => [s, errorOfStatus(s, 'x').code])).toEqual([
      [401, 'AUTH'],
      [403, 'FORBIDDEN'],
      [404, 'NOT_FOUND'],
      [405, 'FORBIDDEN'],
      [409, 'NOT_FOUND'],
      [429, 'BUSY'],
      [500, 'SERVER'],
      [503, 'BUSY'],
      [507, 'QUOTA_FULL'],
    ]);
    expect(errorOfStatus(401, 'x').reachable).toBe(true);
  });
});
