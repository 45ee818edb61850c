// The keyboard flow: household (type part of a head's name or group, arrows, Enter) → date
// (today) → mode (1/2/3 or arrows) → what was found → what they asked for → confirmed (space)
// → Ctrl+Enter. What was asked for becomes an open need linked to the visit.
import { App, Checkbox, DatePicker, Form, Input, Modal, Radio, Typography, type ButtonProps } from 'antd';
import type { RefSelectProps } from 'antd/es/select';
import { useRef, useState, type JSX, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIT_MODE_LABELS } from '../../../shared/domain/ledgerEnums';
import { useFormIssues } from '../forms/useFormIssues';
import { useAppStore } from '../store/useAppStore';
import { fromFormValues, isoToDay, type FormValues, type LedgerRecord } from '../ledgers/convert';
import { todayIso } from '../ledgers/display';
import { schemasOf } from '../ledgers/definitions';
import { choiceOptions } from '../ledgers/FieldInput';
import { fieldLabel } from '../ledgers/labels';
import { ledgerApi } from '../ledgers/ledgerApi';
import { ReferencePicker } from '../ledgers/ReferencePicker';
import { useConfirmedWrite } from '../ledgers/useConfirmedWrite';
import { visitsView } from '../ledgers/views/visits';
import type { LedgerRow } from '../ledgers/viewTypes';
import { isSaveKey, modeForDigit } from './quickVisitKeys';

const MODES = Object.keys(VISIT_MODE_LABELS);

export function QuickVisitModal({ onClose }: { onClose: () => void }): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const language = useAppStore((s) => s.language);
  const [form] = Form.useForm<FormValues>();
  const { showIssues, handleError } = useFormIssues(form);
  const write = useConfirmedWrite();
  const [household, setHousehold] = useState<LedgerRow | null>(null);
  const [saving, setSaving] = useState(false);
  const dateRef = useRef<{ focus: () => void }>(null);
  const pickerRef = useRef<RefSelectProps>(null);

  async function save(): Promise<void> {
    if (saving) return;
    const values = form.getFieldsValue(true) as FormValues;
    const { record } = fromFormValues(visitsView, values);
    const parsed = schemasOf('visits').create.safeParse({ villageId: household?.villageId, ...record });
    if (!parsed.success) return showIssues(parsed.error.issues.map((i) => (i.path[0] === 'villageId' ? { ...i, path: ['householdId'] } : i)));
    showIssues([]);
    setSaving(true);
    try {
      const visit = await write((confirm) => ledgerApi('visits').create({ ...(parsed.data as LedgerRecord), villageId: household!.villageId, confirm }));
      const need = String(values.need ?? '').trim();
      if (visit && need) {
        await ledgerApi('needs').create({
          villageId: visit.villageId, householdId: visit.householdId as string, visitId: visit.id, category: 'other', status: 'open', content: need,
        });
      }
      if (visit) {
        void message.success(t('quickVisit.saved', { name: String(household!.headName) }));
        onClose();
        return;
      }
    } catch (error) {
      handleError(error);
    }
    setSaving(false);
  }

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>): void {
    const target = e.target as HTMLInputElement;
    if (isSaveKey(e, target)) {
      e.preventDefault();
      void save();
      return;
    }
    const mode = target.type === 'radio' ? modeForDigit(e.key, MODES) : null;
    if (mode) {
      e.preventDefault();
      form.setFieldValue('mode', mode);
      return;
    }
    // Radios without a checked one under focus are one Tab stop each; Tab leaves the group at once.
    if (target.type === 'radio' && e.key === 'Tab' && !e.shiftKey) {
      e.preventDefault();
      e.currentTarget.querySelector<HTMLTextAreaElement>('#quickVisit_situation')?.focus();
    }
  }

  const label = (name: string) => fieldLabel(t, 'visits', name);
  return (
    <Modal
      open
      width={560}
      title={t('quickVisit.title')}
      okText={t('quickVisit.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'quick-visit-save' } as ButtonProps}
      destroyOnHidden
      // The modal takes focus itself once it is open (at once when motion is reduced): hand it
      // to the household picker so typing starts there.
      afterOpenChange={(open) => {
        if (open) pickerRef.current?.focus();
      }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('quickVisit.keys')}
      </Typography.Paragraph>
      <Form<FormValues>
        form={form}
        name="quickVisit"
        layout="horizontal"
        labelCol={{ span: 5 }}
        initialValues={{ visitDate: isoToDay(todayIso()), mode: 'home', confirmed: false }}
        onKeyDown={onKeyDown}
        data-testid="quick-visit-form"
      >
        <Form.Item name="householdId" label={label('householdId')} required>
          <ReferencePicker
            ref={pickerRef}
            refNoun="households"
            autoFocus
            defaultActiveFirstOption
            placeholder={t('quickVisit.householdPlaceholder')}
            data-testid="quick-visit-household"
            onChange={(id, row) => {
              form.setFieldValue('householdId', id);
              setHousehold(row);
              if (id) setTimeout(() => dateRef.current?.focus(), 0);
            }}
          />
        </Form.Item>
        <Form.Item name="visitDate" label={label('visitDate')} required>
          <DatePicker ref={dateRef as never} format="YYYY-MM-DD" allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="mode" label={label('mode')} required>
          <Radio.Group
            name="quickVisitMode"
            optionType="button"
            options={choiceOptions(VISIT_MODE_LABELS, language).map((o, i) => ({ ...o, label: `${i + 1} ${o.label}` }))}
          />
        </Form.Item>
        <Form.Item name="situation" label={label('situation')} required>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="quick-visit-situation" />
        </Form.Item>
        <Form.Item name="need" label={t('quickVisit.need')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('quickVisit.needPlaceholder')} data-testid="quick-visit-need" />
        </Form.Item>
        <Form.Item name="confirmed" label={label('confirmed')} valuePropName="checked">
          <Checkbox data-testid="quick-visit-confirmed">{t('quickVisit.confirmedHint')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
