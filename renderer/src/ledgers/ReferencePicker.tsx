// A Select that searches the ledger a field points at (type part of a head's name or a
// villager group) and shows each row by what a person recognises it by.
import { Select, type SelectProps } from 'antd';
import { useEffect, useState, type JSX, type Ref } from 'react';
import type { RefSelectProps } from 'antd/es/select';
import { LEDGER_DEFINITIONS } from '../../../shared/domain/ledgers/index';
import { referenceOf } from '../../../shared/domain/ledgers/references';
import { useNotifyError } from '../errors/useNotifyError';
import { useAppStore } from '../store/useAppStore';
import { ledgerApi } from './ledgerApi';
import type { LedgerRow, ReferenceNoun } from './viewTypes';

/** How a referenced row reads in the picker: its ledger's `namedBy`, a reference in it by the row it points at. */
export function referenceLabel(ref: ReferenceNoun, row: LedgerRow): string {
  const named: readonly string[] = LEDGER_DEFINITIONS[ref].namedBy;
  return named.map((field) => (referenceOf(field) ? row.refNames[field] : row[field])).filter(Boolean).join(' · ');
}

export interface ReferencePickerProps extends Omit<SelectProps<string>, 'options' | 'onChange'> {
  ref?: Ref<RefSelectProps>;
  refNoun: ReferenceNoun;
  /** The name of the current value, known from the row's refNames, shown before any search. */
  currentLabel?: string;
  /** Only rows of this village (a new record's village). */
  villageId?: string | null;
  onChange?: (value: string | null, row: LedgerRow | null) => void;
}

export function ReferencePicker({ refNoun, currentLabel, villageId, value, onChange, ...rest }: ReferencePickerProps): JSX.Element {
  const notifyError = useNotifyError();
  const scopeVillageId = useAppStore((s) => s.ledgerVillageId);
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<LedgerRow[]>([]);
  const [loading, setLoading] = useState(false);
  const inVillage = villageId ?? scopeVillageId;

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      setLoading(true);
      ledgerApi(refNoun)
        .list({ ...(inVillage ? { villageId: inVillage } : {}), ...(search.trim() ? { search: search.trim() } : {}), offset: 0, limit: 20 })
        .then((page) => live && setRows(page.items))
        .catch((error: unknown) => live && notifyError(error))
        .finally(() => live && setLoading(false));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [refNoun, search, inVillage, notifyError]);

  const options = rows.map((row) => ({ value: row.id, label: referenceLabel(refNoun, row) }));
  if (value && currentLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: currentLabel });

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      loading={loading}
      value={value}
      options={options}
      onChange={(id) => onChange?.(id ?? null, rows.find((r) => r.id === id) ?? null)}
      {...rest}
    />
  );
}
