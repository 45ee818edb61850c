// Every reason the import's main-process side can give (an `imports.reason.*` key in its source)
// and every field it can map has words in both languages, so no refusal reaches a person as a key.
import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS, IMPORT_LEDGERS } from '../../shared/domain/imports';
import { importsEn } from '../../renderer/src/i18n/features/imports.en';
import { importsZhCN } from '../../renderer/src/i18n/features/imports.zhCN';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { LANGUAGES } from '../../renderer/src/i18n/language';
import { importFieldLabel } from '../../renderer/src/screens/imports/fieldLabel';

// The sources as text (Vite's raw import), so the test needs no file system.
const sources: string[] = Object.values(
  import.meta.glob(['../../shared/domain/imports.ts', '../../electron/services/imports/*.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>,
);

describe('the import\'s words', () => {
  it('name every reason the main process sends, in Chinese and English', () => {
    const keys = new Set(sources.flatMap((text) => [...text.matchAll(/'imports\.reason\.(\w+)'/g)].map((m) => m[1]!)));
    expect(keys.size).toBeGreaterThan(10);
    for (const key of keys) {
      expect(importsZhCN.reason[key as keyof typeof importsZhCN.reason], key).toBeTruthy();
      expect(importsEn.reason[key as keyof typeof importsEn.reason], key).toBeTruthy();
    }
  });

  it('label every field a column can be imported as, in both languages, by the ledger\'s own label where it has one', () => {
    for (const language of LANGUAGES) {
      const i18n = createI18n(language);
      for (const ledger of IMPORT_LEDGERS) {
        for (const field of Object.keys(IMPORT_COLUMNS[ledger])) {
          const label = importFieldLabel(i18n.t, i18n, ledger, field);
          expect(label, `${language} ${ledger}.${field}`).not.toMatch(/^(imports|ledgers)\./);
        }
      }
      // The same words as the form: a roster's ID number is the member's, a visit's date the visit's.
      expect(importFieldLabel(i18n.t, i18n, 'households', 'idNumber')).toBe(i18n.t('ledgers.members.fields.idNumber'));
      expect(importFieldLabel(i18n.t, i18n, 'visits', 'visitDate')).toBe(i18n.t('ledgers.visits.fields.visitDate'));
    }
  });
});
