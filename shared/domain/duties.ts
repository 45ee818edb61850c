// The plan duties are words of the township's own scheme (its coordinator's synced settings), not
// codes: a plan's duty and a diary day's tags are the words themselves. The five duties of the
// standard scheme were once stored as codes; those codes still name them (older files, the
// migration), and in English the standard words read as their English names.
import type { Lang } from './labels';

/** The standard scheme, in its order: the word, the code it was once stored as, its English name. */
export const STANDARD_DUTIES = [
  { word: '落实任期目标管理', code: 'term_goals', en: 'Term goals' },
  { word: '抓好班子建设', code: 'leadership', en: 'Leadership team' },
  { word: '发展集体经济', code: 'collective_economy', en: 'Collective economy' },
  { word: '协调项目资金', code: 'project_funds', en: 'Projects and funds' },
  { word: '开展乡村文明行动', code: 'civility', en: 'Rural civility' },
] as const;

const WORD_OF_CODE: ReadonlyMap<string, string> = new Map(STANDARD_DUTIES.map((d) => [d.code, d.word]));
const EN_OF_WORD: ReadonlyMap<string, string> = new Map(STANDARD_DUTIES.map((d) => [d.word, d.en]));

/** The word a stored duty stands for: an old code becomes its standard word, a word stays. */
export function dutyWord(value: string): string {
  return WORD_OF_CODE.get(value) ?? value;
}

/** How a duty reads: the township's own word in both languages, a standard one in English by its English name. */
export function dutyLabel(duty: string, lang: Lang): string {
  const word = dutyWord(duty);
  return lang === 'en' ? (EN_OF_WORD.get(word) ?? word) : word;
}

/**
 * Duties in the township's order (`set`), then any others in `present` (a duty later taken out of
 * the set, still held by plans) in the order they come.
 */
export function dutiesInOrder(set: readonly string[], present: Iterable<string>): string[] {
  const out = [...set];
  for (const duty of present) if (!out.includes(duty)) out.push(duty);
  return out;
}
