// What a ledger screen is built from: each field of a definition with the widget it is edited
// with and shown as, and which fields are columns. Configs stay free of React so tests read them.
import type { LedgerNoun } from '../../../shared/api/methods';
import type { LabelledEnum } from '../../../shared/domain/labels';
import type { ReferenceNoun } from '../../../shared/domain/ledgers/references';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'choice'
  | 'choices'
  /** One of the township's plan duties (its synced settings), and a list of them. */
  | 'duty'
  | 'duties'
  | 'date'
  | 'money'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'reference'
  | 'idNumber'
  | 'phone';

/** Ledgers a reference field can point at (the main process joins their label). */
export type { ReferenceNoun };

export interface FieldView {
  readonly name: string;
  readonly kind: FieldKind;
  /** For choice and choices: the labelled values (zh and en come with them). */
  readonly labels?: LabelledEnum<string>;
  /** For reference: the ledger searched by the picker. */
  readonly ref?: ReferenceNoun;
  /** Filled in by the main process (leave days): shown, never typed. */
  readonly derived?: boolean;
  /** Takes the whole width of the form (long text). */
  readonly wide?: boolean;
}

export interface LedgerView {
  readonly noun: LedgerNoun;
  readonly fields: readonly FieldView[];
  /** Fields shown as table columns, in order. */
  readonly columns: readonly string[];
}

/** A row as every ledger's list returns it. */
export interface LedgerRow {
  readonly id: string;
  readonly villageId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly refNames: Readonly<Record<string, string>>;
  readonly recordedBy: { readonly deviceId: string; readonly name: string | null } | null;
  readonly [field: string]: unknown;
}

export const f = {
  text: (name: string): FieldView => ({ name, kind: 'text' }),
  textarea: (name: string): FieldView => ({ name, kind: 'textarea', wide: true }),
  choice: (name: string, labels: LabelledEnum<string>): FieldView => ({ name, kind: 'choice', labels }),
  choices: (name: string, labels: LabelledEnum<string>): FieldView => ({ name, kind: 'choices', labels, wide: true }),
  duty: (name: string): FieldView => ({ name, kind: 'duty' }),
  duties: (name: string): FieldView => ({ name, kind: 'duties', wide: true }),
  date: (name: string): FieldView => ({ name, kind: 'date' }),
  money: (name: string): FieldView => ({ name, kind: 'money' }),
  integer: (name: string): FieldView => ({ name, kind: 'integer' }),
  number: (name: string): FieldView => ({ name, kind: 'number' }),
  boolean: (name: string): FieldView => ({ name, kind: 'boolean' }),
  reference: (name: string, ref: ReferenceNoun): FieldView => ({ name, kind: 'reference', ref }),
  idNumber: (name: string): FieldView => ({ name, kind: 'idNumber' }),
  phone: (name: string): FieldView => ({ name, kind: 'phone' }),
};
