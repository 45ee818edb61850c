// Finding the header row under WPS's merged titles, and guessing which column feeds which field
// from the header's words (IMPORT_COLUMNS), or from what this installation remembered of the
// last import of the same ledger.
import { HEADER_SEARCH_ROWS, IMPORT_COLUMNS, type ImportLedger, type ImportMapping } from '../../../shared/domain/imports';

/** Header text compared without spaces, marks of required columns (*, 必填) or full-width forms. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[(（]\s*(必填|选填|可选|必须填写)\s*[)）]/g, '')
    .replace(/[\s*:：]/g, '')
    .toLowerCase();
}

function synonymsOf(ledger: ImportLedger): { field: string; word: string }[] {
  return Object.entries(IMPORT_COLUMNS[ledger] as Record<string, readonly string[]>)
    .flatMap(([field, words]) => words.map((word) => ({ field, word: normaliseHeader(word) })))
    .sort((a, b) => b.word.length - a.word.length);
}

/** The field a header names: exact words first, then the longest word it contains. */
function fieldOfHeader(header: string, synonyms: { field: string; word: string }[]): string | null {
  const h = normaliseHeader(header);
  if (!h) return null;
  const exact = synonyms.find((s) => s.word === h);
  if (exact) return exact.field;
  // Only words of two characters or more are looked for inside a longer header (组 is in too many).
  const inside = synonyms.find((s) => s.word.length >= 2 && h.includes(s.word));
  return inside?.field ?? null;
}

/** The 0-based index of the row whose cells name the most known columns (the first such). */
export function findHeaderRow(rows: readonly string[][], ledger: ImportLedger): number {
  const synonyms = synonymsOf(ledger);
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const cells = rows[i]!.filter((c) => c !== '');
    // A title merged across the sheet is one cell in a row: never a header.
    if (cells.length < 2) continue;
    const score = new Set(cells.map((c) => fieldOfHeader(c, synonyms)).filter((f) => f !== null)).size;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return best;
  const firstFilled = rows.findIndex((row) => row.some((c) => c !== ''));
  return Math.max(0, firstFilled);
}

/** Header (normalised) → field, as remembered from this ledger's last import. */
export type RememberedMapping = Record<string, string>;

/** Each column's field: remembered for this header, else guessed from its words; a field once only. */
export function guessMapping(headers: readonly string[], ledger: ImportLedger, remembered: RememberedMapping): { mapping: ImportMapping; fromMemory: boolean } {
  const synonyms = synonymsOf(ledger);
  const known = Object.keys(IMPORT_COLUMNS[ledger]);
  const taken = new Set<string>();
  const mapping: ImportMapping = [];
  let fromMemory = false;
  headers.forEach((header, column) => {
    const memory = remembered[normaliseHeader(header)];
    const field = memory && known.includes(memory) ? memory : fieldOfHeader(header, synonyms);
    if (!field || taken.has(field)) return;
    if (memory === field) fromMemory = true;
    taken.add(field);
    mapping.push({ column, field });
  });
  return { mapping, fromMemory };
}

/** What to remember of a confirmed mapping: each mapped column's header. */
export function mappingToRemember(headers: readonly string[], mapping: ImportMapping): RememberedMapping {
  const out: RememberedMapping = {};
  for (const { column, field } of mapping) {
    const header = normaliseHeader(headers[column] ?? '');
    if (header) out[header] = field;
  }
  return out;
}
