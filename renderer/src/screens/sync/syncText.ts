// Sync results in plain words: a file's receipt as lines a person reads, a refusal's reason,
// the ledger and field a conflict sits in, a stored value as the ledger would show it. Free of
// React so tests read them; the translations come in as a loose t().
import { dutyLabel } from '../../../../shared/domain/duties';
import type { LedgerNoun } from '../../../../shared/api/methods';
import { labelOf, type Lang } from '../../../../shared/domain/labels';
import { formatFenAsYuan, parseYuanToFen } from '../../../../shared/domain/money';
import { nounOfTable as nounOfLedgerTable } from '../../../../shared/domain/ledgers/index';
import type { ConflictItem, FolderLimitNote, ImportReceiptView } from '../../../../shared/domain/sync';
import { LEDGER_VIEWS } from '../../ledgers/views';
import type { FieldView } from '../../ledgers/viewTypes';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Refusal reasons with their own wording (db/sync/segments/errors.ts, and UNREADABLE). */
export const REFUSAL_REASONS = [
  'TRUNCATED', 'BAD_MAGIC', 'NEWER_FORMAT', 'NEWER_SCHEMA', 'HASH_MISMATCH', 'BAD_SIGNATURE', 'UNKNOWN_DEVICE', 'KEY_MISMATCH',
  'TOO_LARGE', 'BAD_HEADER', 'BAD_SEGMENT', 'FORKED_CHAIN', 'UNKNOWN_TABLE', 'UNKNOWN_COLUMN', 'BOMB', 'UNREADABLE',
  // The township passphrase (electron/services/sync/encryption.ts) and paths that are no bundle (sync.importFiles).
  'ENCRYPTED', 'WRONG_PASSPHRASE', 'CORRUPT_ENCRYPTION', 'MISSING', 'NOT_A_BUNDLE',
  // A device card's enrolment that fails its check (db/sync/enrolment.ts, db/sync/importBundle.ts).
  'BAD_ENROLMENT',
  // A revoked device's file made after its revocation; a forged or overreaching revocation (db/sync/revocation.ts).
  'REVOKED_DEVICE', 'BAD_REVOCATION',
  // A forged or overreaching township settings declaration (db/sync/townshipSettings.ts).
  'BAD_TOWNSHIP_SETTINGS',
  // A file of the demo township offered to a real installation (db/sync/importBundle.ts).
  'DEMO_FILE',
] as const;

/** Why a change was set aside (db/sync/importBundle.ts SET_ASIDE_REASONS). */
export const SET_ASIDE_REASONS = ['OUT_OF_SCOPE', 'FUTURE_CLOCK', 'BAD_VALUE', 'VALUE_INVALID', 'VILLAGE_MISMATCH', 'DUPLICATE_ID', 'VILLAGE_MOVE'] as const;

/** The first 8 characters of a device id: enough to tell devices apart on screen. */
export function shortId(deviceId: string): string {
  return deviceId.length > 8 ? `${deviceId.slice(0, 8)}…` : deviceId;
}

export function refusalText(t: Translate, reason: string): string {
  return (REFUSAL_REASONS as readonly string[]).includes(reason) ? t(`sync.refusal.${reason}`) : t('sync.refusal.OTHER', { reason });
}

/** "device 1a2b…, segment 17 missing" / "…, segments 3–5 missing" in the person's language. */
export function gapText(t: Translate, gap: string, nameOf: (deviceId: string) => string = shortId): string {
  const m = /^device (\S+), segments? (\d+)(?:\s*[–-]\s*(\d+))? missing$/.exec(gap);
  if (!m) return t('sync.receipt.gapRaw', { gap });
  const device = nameOf(m[1]!);
  return m[3] ? t('sync.receipt.gapRange', { device, from: m[2], to: m[3] }) : t('sync.receipt.gapOne', { device, seq: m[2] });
}

/** A receipt as lines: what came in, what was there already, conflicts, what was set aside and why, gaps, forks. */
export function receiptLines(t: Translate, receipt: ImportReceiptView, nameOf?: (deviceId: string) => string): string[] {
  if (receipt.status === 'refused') {
    return [t('sync.receipt.refused', { reason: refusalText(t, receipt.refusal?.reason ?? '') }), ...revokedLines(t, receipt, nameOf)];
  }
  const lines: string[] = [];
  // Records per device and ledger when the main process counted them; field changes otherwise (an older host).
  const records = recordLines(t, receipt, nameOf);
  if (records.length > 0) lines.push(...records);
  else if (receipt.changesNew > 0) lines.push(t('sync.receipt.changesNew', { count: receipt.changesNew }));
  if (receipt.changesKnown > 0) lines.push(t('sync.receipt.changesKnown', { count: receipt.changesKnown }));
  if (receipt.conflictsCreated > 0) lines.push(t('sync.receipt.conflicts', { count: receipt.conflictsCreated }));
  for (const reason of SET_ASIDE_REASONS) {
    const count = receipt.setAside[reason] ?? 0;
    if (count > 0) lines.push(t('sync.receipt.setAside', { count, reason: t(`sync.setAside.${reason}`) }));
  }
  for (const gap of receipt.gaps) lines.push(gapText(t, gap, nameOf));
  // A device that wrote two histories, named: another one, or this computer itself.
  for (const fork of receipt.forks ?? []) {
    lines.push(fork.self ? t('sync.receipt.forkSelf', { seq: fork.seq }) : t('sync.receipt.forkOther', { device: (nameOf ?? shortId)(fork.deviceId), seq: fork.seq }));
  }
  lines.push(...revokedLines(t, receipt, nameOf));
  // Devices whose voucher sent a newer enrolment: their scope here is now the newer one.
  for (const r of receipt.renewed ?? []) lines.push(t('revocation.receiptRenewed', { issuer: r.issuerName || (nameOf ?? shortId)(r.issuer), name: r.name }));
  if (lines.length === 0) lines.push(t('sync.receipt.nothing'));
  return lines;
}

/**
 * What came in as records, one line a device: "李明：农户台账新增 3 条、修改 1 条；入户走访删除 1 条".
 * The device's name as trusted here, else as `nameOf` knows it, else its short id.
 */
export function recordLines(t: Translate, receipt: Pick<ImportReceiptView, 'records'>, nameOf: (deviceId: string) => string = shortId): string[] {
  const byDevice = new Map<string, { who: string; parts: string[] }>();
  for (const r of receipt.records ?? []) {
    const group = byDevice.get(r.origin) ?? { who: r.originName ?? nameOf(r.origin), parts: [] };
    const counts = (['created', 'changed', 'deleted'] as const).filter((kind) => r[kind] > 0).map((kind) => t(`syncPlain.records.${kind}`, { count: r[kind] }));
    if (counts.length > 0) group.parts.push(t('syncPlain.records.ledger', { ledger: tableLabel(t, r.tbl), counts: counts.join(t('sync.receipt.nameSeparator')) }));
    byDevice.set(r.origin, group);
  }
  return [...byDevice.values()].filter((g) => g.parts.length > 0).map((g) => t('syncPlain.records.line', { who: g.who, parts: g.parts.join(t('syncPlain.records.separator')) }));
}

/** Parts a revoked device signed after its revocation: who, by whom and when (db/sync/revocation.ts). */
function revokedLines(t: Translate, receipt: ImportReceiptView, nameOf: (deviceId: string) => string = shortId): string[] {
  return (receipt.revoked ?? []).map((r) =>
    t('revocation.receiptRevoked', { device: nameOf(r.deviceId), issuer: nameOf(r.issuer), at: r.revokedAt.slice(0, 16).replace('T', ' '), count: r.segments }),
  );
}

/**
 * Devices a file brought in on another's word, one line per voucher in the order the receipt lists
 * them: "经 赵镇 担保接受：王建国、赵敏". Names are the file's own (these devices are new here).
 */
export function enrolledLines(t: Translate, receipt: ImportReceiptView): string[] {
  const byIssuer = new Map<string, { issuer: string; names: string[] }>();
  for (const e of receipt.enrolled ?? []) {
    const group = byIssuer.get(e.issuer) ?? { issuer: e.issuerName || shortId(e.issuer), names: [] };
    group.names.push(e.name || shortId(e.deviceId));
    byIssuer.set(e.issuer, group);
  }
  const separator = t('sync.receipt.nameSeparator');
  return [...byIssuer.values()].map(({ issuer, names }) => t('sync.receipt.enrolled', { issuer, names: names.join(separator) }));
}

/**
 * The line over many receipts: files read, imported, imported before, not imported. Files imported
 * before are named only when there are some, so the usual line stays as short as it was.
 */
export function importSummary(t: Translate, receipts: readonly ImportReceiptView[]): string {
  const withStatus = (status: ImportReceiptView['status']) => receipts.filter((r) => r.status === status).length;
  const counts = { count: receipts.length, imported: withStatus('imported'), before: withStatus('already-imported'), refused: withStatus('refused') };
  return t(counts.before > 0 ? 'sync.summaryBefore' : 'sync.summary', counts);
}

/** A folder walked only in part: which folder, which bound stopped it, and what to choose instead. */
export function folderLimitText(t: Translate, note: FolderLimitNote): string {
  // Grouped digits read the same in both languages (100,000).
  return t(`sync.folderLimit.${note.limit}`, { folder: note.folder, max: note.max.toLocaleString('en-US') });
}

/** Database table → the ledger screen it belongs to (villages has its own screen), from the definitions. */
export function nounOfTable(tbl: string): LedgerNoun | null {
  return nounOfLedgerTable(tbl);
}

export function camelOf(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function tableLabel(t: Translate, tbl: string): string {
  if (tbl === 'villages') return t('villages.title');
  const noun = nounOfTable(tbl);
  return noun ? t(`ledgers.${noun}.title`) : tbl;
}

export function fieldLabel(t: Translate, exists: (key: string) => boolean, tbl: string, col: string): string {
  if (col === '_row') return t('sync.conflicts.rowState');
  const name = camelOf(col);
  const noun = nounOfTable(tbl);
  const key = tbl === 'villages' ? `villages.${name}` : noun ? `ledgers.${noun}.fields.${name}` : null;
  return key && exists(key) ? t(key) : col;
}

function fieldView(tbl: string, col: string): FieldView | undefined {
  const noun = nounOfTable(tbl);
  return noun ? LEDGER_VIEWS[noun].fields.find((field) => field.name === camelOf(col)) : undefined;
}

/** A stored cell value as a person reads it: labels for choices, 元 for money, 是/否, deleted/kept. */
export function valueText(t: Translate, lang: Lang, tbl: string, col: string, value: string | number | null): string {
  if (value === null || value === '') return t('sync.conflicts.emptyValue');
  if (col === '_row') return value === 'deleted' ? t('sync.conflicts.rowDeleted') : t('sync.conflicts.rowAlive');
  const field = fieldView(tbl, col);
  if (!field) return String(value);
  switch (field.kind) {
    case 'choice':
      return field.labels && typeof value === 'string' && value in field.labels ? labelOf(field.labels, value, lang) : String(value);
    case 'choices': {
      let items: unknown = value;
      try {
        items = typeof value === 'string' ? JSON.parse(value) : value;
      } catch {
        return String(value);
      }
      return Array.isArray(items)
        ? items.map((v) => (field.labels && typeof v === 'string' && v in field.labels ? labelOf(field.labels, v, lang) : String(v))).join('、')
        : String(value);
    }
    // A duty is the township's word; a change from an older version may still carry its code.
    case 'duty':
      return dutyLabel(String(value), lang);
    case 'duties': {
      let items: unknown = value;
      try {
        items = typeof value === 'string' ? JSON.parse(value) : value;
      } catch {
        return String(value);
      }
      return Array.isArray(items) ? items.map((v) => dutyLabel(String(v), lang)).join('、') : String(value);
    }
    case 'money':
      return typeof value === 'number' ? t('sync.conflicts.yuan', { amount: formatFenAsYuan(value) }) : String(value);
    case 'boolean':
      return value === 1 ? t('ledgers.yes') : value === 0 ? t('ledgers.no') : String(value);
    default:
      return String(value);
  }
}

/** What a typed value becomes for the column: 元 as 分 for money, a number for a number column, else the text. */
export function typedValue(tbl: string, col: string, text: string): string | number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const field = fieldView(tbl, col);
  if (field?.kind === 'money') return parseYuanToFen(trimmed) ?? trimmed;
  if (field && (field.kind === 'integer' || field.kind === 'number') && /^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}

/** Folder paths typed one a line, blank lines dropped. */
export function splitPaths(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^"(.*)"$/, '$1'))
    .filter((line) => line.length > 0);
}

type ConflictHeadView = ConflictItem['heads'][number];

/**
 * A row one device deleted while another, unaware, edited it (listed on the row's `_row` cell):
 * the deleting heads and the edits (each with the column it wrote); null for any other conflict.
 */
export function deleteVsEditOf(c: ConflictItem): { deletions: ConflictHeadView[]; edits: (ConflictHeadView & { col: string })[] } | null {
  if (c.col !== '_row') return null;
  const deletions = c.heads.filter((h) => h.col === undefined && h.value === 'deleted');
  const edits = c.heads.filter((h): h is ConflictHeadView & { col: string } => h.col !== undefined);
  return deletions.length > 0 && edits.length > 0 ? { deletions, edits } : null;
}
