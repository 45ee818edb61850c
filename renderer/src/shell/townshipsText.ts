// A district's townships in a line of text: all of them when few, else the first two and how
// many in all, so the header and the overview stay one line for a district of a dozen.
import type { TFunction } from 'i18next';

/** Up to this many are named in full. */
const NAMED_IN_FULL = 3;

export function townshipsText(t: TFunction, townships: readonly string[]): string {
  if (townships.length <= NAMED_IN_FULL) return townships.join('、');
  return t('common.townshipsMore', { names: townships.slice(0, 2).join('、'), count: townships.length });
}
