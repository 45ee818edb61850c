// What a list is narrowed by: free text, each filterable field, a date range on the ledger's
// date, overdue only where there are due dates, and the village when the device keeps several.
import { ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input, InputNumber, Select, Switch, Tag, Typography } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { LedgerNoun } from '../../../shared/api/methods';
import { IMPORT_LEDGERS, type ImportLedger } from '../../../shared/domain/imports';
import { ImportModal } from '../screens/imports/ImportModal';
import { useAppStore } from '../store/useAppStore';
import { dayToIso, isoToDay } from './convert';
import { schemasOf } from './definitions';
import { choiceOptions } from './FieldInput';
import { DutySelect } from './duties/DutyInput';
import { fieldLabel } from './labels';
import { ReferencePicker } from './ReferencePicker';
import type { ListState } from './useLedgerList';
import { LEDGER_VIEWS } from './views/index';
import type { FieldView } from './viewTypes';

export interface LedgerToolbarProps {
  noun: LedgerNoun;
  state: ListState;
  update: (change: Partial<ListState>) => void;
  hidden: readonly string[];
  /** Inside a drawer the village is the parent's: no village picker. */
  embedded?: boolean;
  onAdd: () => void;
}

export function LedgerToolbar({ noun, state, update, hidden, embedded, onAdd }: LedgerToolbarProps): JSX.Element {
  const { t } = useTranslation();
  const { language, villages, villageId, setVillageId } = useAppStore(
    useShallow((s) => ({ language: s.language, villages: s.scopeVillages, villageId: s.ledgerVillageId, setVillageId: s.setLedgerVillageId })),
  );
  const view = LEDGER_VIEWS[noun];
  const { def } = schemasOf(noun);
  const [importing, setImporting] = useState(false);
  const importable = !embedded && (IMPORT_LEDGERS as readonly string[]).includes(noun);
  const setFilter = (name: string, value: unknown) => update({ filters: { ...state.filters, [name]: value ?? undefined } });

  function filterControl(field: FieldView): JSX.Element {
    const label = fieldLabel(t, noun, field.name);
    const common = { key: field.name, placeholder: label, 'aria-label': label, 'data-testid': `ledger-${noun}-filter-${field.name}` };
    const value = state.filters[field.name] as never;
    if (field.kind === 'reference') {
      return <ReferencePicker {...common} refNoun={field.ref!} value={value} onChange={(id) => setFilter(field.name, id)} style={{ width: 180 }} />;
    }
    if (field.kind === 'boolean') {
      const options = [
        { value: 'true', label: t('ledgers.yes') },
        { value: 'false', label: t('ledgers.no') },
      ];
      const current = value === undefined ? undefined : String(value);
      return <Select {...common} allowClear options={options} value={current} onChange={(v?: string) => setFilter(field.name, v === undefined ? undefined : v === 'true')} style={{ width: 130 }} />;
    }
    if (field.kind === 'integer') {
      return <InputNumber {...common} value={value} precision={0} onChange={(v) => setFilter(field.name, v)} style={{ width: 110 }} />;
    }
    if (field.kind === 'duty') {
      return <DutySelect {...common} lang={language} value={value} onChange={(v) => setFilter(field.name, v)} style={{ width: 160 }} />;
    }
    if (field.kind === 'choice') {
      return <Select {...common} allowClear options={choiceOptions(field.labels, language)} value={value} onChange={(v) => setFilter(field.name, v)} style={{ width: 150 }} />;
    }
    return <Input {...common} allowClear value={value} onChange={(e) => setFilter(field.name, e.target.value)} style={{ width: 140 }} />;
  }

  const filterFields = def.filterable.filter((name) => !hidden.includes(name)).map((name) => view.fields.find((x) => x.name === name)!);
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
      {def.searchable.length > 0 && (
        <Input
          data-testid={`ledger-${noun}-search`}
          type="search"
          prefix={<SearchOutlined />}
          placeholder={t('ledgers.search')}
          aria-label={t('ledgers.search')}
          allowClear
          maxLength={40}
          value={state.search}
          onChange={(e) => update({ search: e.target.value })}
          style={{ width: 200 }}
        />
      )}
      {!embedded && state.township && !villageId && (
        // A district's township figure: its villages only, until closed or a village is picked.
        <Tag closable onClose={() => update({ township: undefined })} data-testid={`ledger-${noun}-township`} style={{ marginInlineEnd: 0 }}>
          {t('ledgers.townshipOnly', { township: state.township })}
        </Tag>
      )}
      {!embedded && villages.length > 1 && (
        <Select
          data-testid={`ledger-${noun}-village`}
          aria-label={t('ledgers.village')}
          value={villageId ?? ''}
          onChange={(v: string) => setVillageId(v || null)}
          options={[{ value: '', label: t('ledgers.allVillages') }, ...villages.map((v) => ({ value: v.id, label: v.name }))]}
          style={{ width: 140 }}
        />
      )}
      {filterFields.map(filterControl)}
      {def.dateField && (
        <DatePicker.RangePicker
          aria-label={fieldLabel(t, noun, def.dateField)}
          placeholder={[t('ledgers.from'), t('ledgers.to')]}
          value={[isoToDay(state.from) ?? null, isoToDay(state.to) ?? null]}
          allowEmpty={[true, true]}
          onChange={(range) => update({ from: dayToIso(range?.[0]) ?? undefined, to: dayToIso(range?.[1]) ?? undefined })}
          style={{ width: 240 }}
        />
      )}
      {def.due && (
        <Flex gap={6} align="center">
          <Switch size="small" checked={state.overdue} onChange={(overdue) => update({ overdue })} data-testid={`ledger-${noun}-overdue`} />
          <Typography.Text>{t('ledgers.overdueOnly')}</Typography.Text>
        </Flex>
      )}
      {/* Import and add stay together at the right, wrapping as one when the filters fill the line. */}
      <Flex gap={8} style={{ marginLeft: 'auto' }}>
        {importable && (
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} title={t('imports.openHint')} data-testid={`ledger-${noun}-import`}>
            {t('imports.open')}
          </Button>
        )}
        <Button type="primary" icon={<PlusOutlined />} onClick={onAdd} data-testid={`ledger-${noun}-add`}>
          {t('ledgers.add')}
        </Button>
      </Flex>
      {importing && <ImportModal ledger={noun as ImportLedger} onClose={() => setImporting(false)} />}
    </Flex>
  );
}
