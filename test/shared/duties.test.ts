// The duties are the township's words: an old code reads as its standard word, a standard word
// reads in English by its English name, a township's own word as it is in both languages; and the
// township's order comes first, any other duty after.
import { describe, expect, it } from 'vitest';
import { dutiesInOrder, dutyLabel, dutyWord, STANDARD_DUTIES } from '../../shared/domain/duties';
import { DEFAULT_DUTIES } from '../../shared/domain/settings';

describe('duty words', () => {
  it('the default set is the standard scheme, in its order', () => {
    expect(DEFAULT_DUTIES).toEqual(['落实任期目标管理', '抓好班子建设', '发展集体经济', '协调项目资金', '开展乡村文明行动']);
    expect(STANDARD_DUTIES.map((d) => d.code)).toEqual(['term_goals', 'leadership', 'collective_economy', 'project_funds', 'civility']);
  });

  it('an old code reads as its word; a word, or anything else, stays', () => {
    expect(dutyWord('leadership')).toBe('抓好班子建设');
    expect(dutyWord('抓好班子建设')).toBe('抓好班子建设');
    expect(dutyWord('建强村党组织')).toBe('建强村党组织');
  });

  it('reads a standard duty in English by its English name, a township’s own word as it is', () => {
    expect(dutyLabel('发展集体经济', 'en')).toBe('Collective economy');
    expect(dutyLabel('collective_economy', 'zh-CN')).toBe('发展集体经济');
    expect(dutyLabel('建强村党组织', 'en')).toBe('建强村党组织');
    expect(dutyLabel('建强村党组织', 'zh-CN')).toBe('建强村党组织');
  });

  it("puts the township's duties first in its order, then the others once each in the order they come", () => {
    expect(dutiesInOrder(['甲乙', '丙丁'], ['戊己', '丙丁', '庚辛', '戊己'])).toEqual(['甲乙', '丙丁', '戊己', '庚辛']);
  });
});
