// Add or edit one record of any ledger, built from its view. Checked with the definition's
// create or patch schema first; an edit sends only what changed; the main process's refusals
// show under their fields, and its soft rules are asked about before the write is sent again.
// Closing a filled or changed form asks before discarding it.
import { App, Col, Form, Modal, Row, Select, type ButtonProps } from 'antd';
import { useState, type JSX, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { LedgerNoun } from '../../../shared/api/methods';
import type { IssueLike } from '../forms/applyIssues';
import { useOneAtATime } from '../forms/useOneAtATime';
import { useDiscardGuard } from '../forms/useDiscardGuard';
import { useFormIssues } from '../forms/useFormIssues';
import { useAppStore } from '../store/useAppStore';
import { fromFormValues, patchOf, toFormValues, type FormValues, type LedgerRecord } from './convert';
import { isRequired, newRecordDefaults, schemasOf } from './definitions';
import { FieldInput } from './FieldInput';
import { HistoryButton } from './history/HistoryButton';
import { fieldLabel, loose } from './labels';
import { ledgerApi } from './ledgerApi';
import { LEDGER_EXTRAS } from './extras/registry';
import { useConfirmedWrite } from './useConfirmedWrite';
import { LEDGER_VIEWS } from './views/index';
import type { LedgerRow } from './viewTypes';
import { CoordinatorEditNote } from '../screens/sync/CoordinatorEditNote';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';
import { isAttachable } from '../../../shared/domain/attachments';

export interface LedgerFormModalProps {
  noun: LedgerNoun;
  /** The row to edit, or null to add one. */
  row: LedgerRow | null;
  /** Fields fixed by where the form opened (a member's household): not shown, always sent. */
  fixed?: Record<string, unknown>;
  /** The village a new record belongs to when the place it opened from decides it. */
  villageId?: string;
  onClose: () => void;
}

/** Issues of the schema on fields whose box already has its own complaint are the same complaint. */
function merge(first: IssueLike[], then: readonly IssueLike[]): IssueLike[] {
  const taken = new Set(first.map((i) => String(i.path[0])));
  return [...first, ...then.filter((i) => !taken.has(String(i.path[i.path[0] === 'patch' ? 1 : 0])))];
}

/** Enter in a date or a choice picks it there; it must not also submit the form. */
function keepEnterInPickers(e: KeyboardEvent<HTMLFormElement>): void {
  if (e.key === 'Enter' && !e.ctrlKey && (e.target as HTMLElement).closest('.ant-picker, .ant-select')) e.preventDefault();
  else if (e.key === 'Enter' && e.ctrlKey) e.currentTarget.requestSubmit();
}

export function LedgerFormModal({ noun, row, fixed = {}, villageId, onClose }: LedgerFormModalProps): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { showIssues, handleError } = useFormIssues(form);
  const write = useConfirmedWrite();
  const { language, villages, scopeVillageId } = useAppStore(
    useShallow((s) => ({ language: s.language, villages: s.scopeVillages, scopeVillageId: s.ledgerVillageId })),
  );
  const [saving, setSaving] = useState(false);
  const view = LEDGER_VIEWS[noun];
  const { def, create, patch } = schemasOf(noun);
  const extras = LEDGER_EXTRAS[noun];
  const homeVillage = row?.villageId ?? villageId ?? scopeVillageId ?? (villages.length === 1 ? villages[0]!.id : undefined);
  const askVillage = !row && !villageId && villages.length > 1;
  const [formVillage, setFormVillage] = useState<string | undefined>(homeVillage);
  const initialValues = { villageId: homeVillage, ...toFormValues(view, row ?? newRecordDefaults(view)) };
  // Esc, Cancel and the × ask first when something was typed or changed.
  const requestClose = useDiscardGuard(form, initialValues, onClose);

  const send = useOneAtATime(sendOnce);

  async function sendOnce(values: FormValues): Promise<void> {
    const { record, issues } = fromFormValues(view, values);
    Object.assign(record, fixed);
    if (row) await sendPatch(row, record, issues);
    else await sendNew(record, issues, (values.villageId as string | undefined) ?? homeVillage);
  }

  async function sendNew(record: LedgerRecord, issues: IssueLike[], village: string | undefined): Promise<void> {
    const parsed = create.safeParse({ villageId: village, ...record });
    if (issues.length || !parsed.success) return showIssues(merge(issues, parsed.error?.issues ?? []));
    showIssues([]);
    await run(() => write((confirm) => ledgerApi(noun).create({ ...(parsed.data as LedgerRecord), villageId: village!, confirm })), 'created');
  }

  async function sendPatch(current: LedgerRow, record: LedgerRecord, issues: IssueLike[]): Promise<void> {
    const changes = patchOf(view, def.fields, current, record);
    for (const name of Object.keys(fixed)) delete changes[name];
    const parsed = patch.safeParse({ id: current.id, patch: changes });
    const cross = parsed.success ? def.check({ ...current, ...changes }) : [];
    if (issues.length || !parsed.success || cross.length) {
      return showIssues(merge(issues, [...(parsed.error?.issues ?? []), ...cross]), { prefix: ['patch'] });
    }
    showIssues([]);
    if (Object.keys(changes).length === 0) {
      void message.info(t('ledgers.unchanged'));
      return onClose();
    }
    await run(() => write((confirm) => ledgerApi(noun).update({ id: current.id, patch: changes, confirm })), 'updated', { prefix: ['patch'] });
  }

  async function run(action: () => Promise<LedgerRow | null>, done: 'created' | 'updated', options?: { prefix: string[] }): Promise<void> {
    setSaving(true);
    try {
      const saved = await action();
      if (saved) {
        void message.success(t(`ledgers.${done}`));
        onClose();
        return;
      }
    } catch (error) {
      handleError(error, options);
    }
    setSaving(false);
  }

  const label = (name: string) => fieldLabel(t, noun, name);
  const fields = view.fields.filter((field) => !(field.name in fixed));
  return (
    <Modal
      open
      width={760}
      title={
        <>
          {loose(t)(row ? `ledgers.${noun}.editTitle` : `ledgers.${noun}.addTitle`)}
          {row && <HistoryButton noun={noun} row={row} />}
        </>
      }
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={requestClose}
      okButtonProps={{ 'data-testid': `ledger-form-${noun}-submit` } as ButtonProps}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <CoordinatorEditNote editing={row !== null} />
      <Form<FormValues>
        form={form}
        name={noun}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={initialValues}
        onValuesChange={(changed, all) => {
          if ('villageId' in changed) setFormVillage(changed.villageId as string);
          extras?.onFormChange?.(changed, all, form);
        }}
        onFinish={(values) => void send(values)}
        onKeyDown={keepEnterInPickers}
        data-testid={`ledger-form-${noun}`}
      >
        <Row gutter={16}>
          {askVillage && (
            <Col span={12}>
              <Form.Item name="villageId" label={t('ledgers.village')} required>
                <Select options={villages.map((v) => ({ value: v.id, label: v.name }))} />
              </Form.Item>
            </Col>
          )}
          {fields.map((field) => (
            <Col key={field.name} span={field.wide ? 24 : 12}>
              <Form.Item name={field.name} label={label(field.name)} required={isRequired(def.fields[field.name])}>
                <FieldInput
                  field={field}
                  lang={language}
                  refLabel={row?.refNames[field.name]}
                  villageId={formVillage}
                  placeholder={field.derived ? t('ledgers.derived') : undefined}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <button type="submit" hidden />
      </Form>
      {isAttachable(noun) && <AttachmentsPanel noun={noun} recordId={row?.id ?? null} />}
    </Modal>
  );
}
