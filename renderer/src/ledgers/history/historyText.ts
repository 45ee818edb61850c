// A history entry in words: the field by its ledger label, each value as the ledger shows it
// (choices by their label, money in 元, ID numbers and phones masked), who and which device.
// Free of React so tests read it; the translations come in as a loose t().
import type { LedgerNoun } from '../../../../shared/api/methods';
import { ROLE_LABELS, role as roleSchema } from '../../../../shared/domain/device';
import type { HistoryEntry } from '../../../../shared/domain/history';
import { labelOf, type Lang } from '../../../../shared/domain/labels';
import { displayText } from '../display';
import { LEDGER_VIEWS } from '../views/index';
import type { LedgerRow } from '../viewTypes';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** One value of a field as the ledger would show it; a reference by the name the form knows, else its id cut short. */
export function valueText(t: Translate, noun: LedgerNoun, field: string, value: string | number | null, lang: Lang, row?: LedgerRow): string {
  if (value === null || value === '') return t('history.blank');
  const view = LEDGER_VIEWS[noun].fields.find((f) => f.name === field);
  if (!view) return String(value);
  if (view.kind === 'reference') return row && row[field] === value ? (row.refNames[field] ?? String(value).slice(0, 8)) : String(value).slice(0, 8);
  if (view.kind === 'boolean') return value ? '✓' : '✗';
  // A multiple choice is kept as JSON text of its values.
  const stored = view.kind === 'choices' && typeof value === 'string' ? parsedList(value) : value;
  const shown = displayText(view, { id: '', villageId: '', refNames: {}, [field]: stored } as unknown as LedgerRow, lang);
  return shown ?? t('history.blank');
}

function parsedList(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** What the entry did, in one line: "住址：东头 → 村东头". */
export function changeText(t: Translate, noun: LedgerNoun, entry: HistoryEntry, lang: Lang, row?: LedgerRow): string {
  if (entry.field === null) return t(`history.${entry.kind === 'edited' ? 'created' : entry.kind}`);
  const field = t(`ledgers.${noun}.fields.${entry.field}`);
  const after = valueText(t, noun, entry.field, entry.after, lang, row);
  if (entry.before.length === 0) return t('history.firstValue', { field, after });
  const before = entry.before.map((v) => valueText(t, noun, entry.field!, v, lang, row)).join(t('history.or'));
  return t(entry.resolved ? 'history.resolvedFrom' : 'history.changed', { field, before, after });
}

/** Who wrote it and on which device: "李明（驻村第一书记）" and "设备 1a2b3c4d" (or "本机", this computer). */
export function whoText(t: Translate, entry: HistoryEntry, lang: Lang): { person: string; device: string } {
  const device = entry.self ? t('history.self') : t('history.device', { id: entry.origin.slice(0, 8) });
  if (!entry.who) return { person: t('history.unknownDevice'), device };
  const role = roleSchema.safeParse(entry.role);
  return { person: role.success ? t('history.whoRole', { who: entry.who, role: labelOf(ROLE_LABELS, role.data, lang) }) : entry.who, device };
}

/** The entries worth a line: a field left empty when the record was made says nothing. */
export function shownEntries(entries: readonly HistoryEntry[]): HistoryEntry[] {
  return entries.filter((e) => !(e.kind === 'created' && e.field !== null && e.after === null));
}
