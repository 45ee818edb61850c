// Every rule of member development and reserve cadres refuses with words in both languages, and
// the words name the rule (a number from the rules, or the check it is).
import { describe, expect, it } from 'vitest';
import { P } from '../../shared/domain/party/messages';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zhCN';

function at(tree: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('the party rules in words', () => {
  it.each(Object.entries(P))('%s has a sentence in Chinese and in English', (_name, key) => {
    expect(typeof at(zhCN, key), key).toBe('string');
    expect(typeof at(en, key), key).toBe('string');
    expect(String(at(zhCN, key)).length).toBeGreaterThan(4);
  });

  it('has no words for a rule that is not one', () => {
    expect(Object.keys(zhCN.validation.party).sort()).toEqual(Object.values(P).map((k) => k.replace('validation.party.', '')).sort());
  });
});
