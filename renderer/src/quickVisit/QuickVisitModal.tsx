// The keyboard flow: household (type part of a head's name or group, arrows, Enter) → date
// (today) → mode (1/2/3 or arrows) → what was found → what they asked for → confirmed (space)
// → Enter or Ctrl+Enter. What was asked for becomes an open need linked to the visit. Every key
// that moves between fields is handled here, synchronously, before any field sees it.
import { App, Checkbox, Form, Input, Modal, Radio, Typography, type ButtonProps, type InputRef } from 'antd';
import { useRef, useState, type JSX, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIT_MODE_LABELS } from '../../../shared/domain/ledgerEnums';
import { needs } from '../../../shared/domain/ledgers/visits';
import { useDiscardGuard } from '../forms/useDiscardGuard';
import { useFormIssues } from '../forms/useFormIssues';
import type { LedgerRecord } from '../ledgers/convert';
import { todayIso } from '../ledgers/display';
import { schemasOf } from '../ledgers/definitions';
import { choiceOptions } from '../ledgers/FieldInput';
import { fieldLabel } from '../ledgers/labels';
import { ledgerApi } from '../ledgers/ledgerApi';
import { useConfirmedWrite } from '../ledgers/useConfirmedWrite';
import { useAppStore } from '../store/useAppStore';
import { quickVisitKeyAction, type QuickVisitStop } from './quickVisitKeys';
import { HouseholdField } from './HouseholdField';
import { useHouseholdChoice } from './useHouseholdChoice';

const MODES = Object.keys(VISIT_MODE_LABELS);

interface QuickVisitValues {
  visitDate: string;
  mode: string;
  situation?: string;
  need?: string;
  confirmed: boolean;
}

/** Each field's element id (antd names them form_field); the mode is its checked radio. */
const FIELD_IDS: Record<Exclude<QuickVisitStop, 'mode'>, string> = {
  household: 'quickVisit_householdId',
  date: 'quickVisit_visitDate',
  situation: 'quickVisit_situation',
  need: 'quickVisit_need',
  confirmed: 'quickVisit_confirmed',
};
const MODE_NAME = 'quickVisitMode';

function stopOf(target: HTMLElement): QuickVisitStop | null {
  if (target instanceof HTMLInputElement && target.name === MODE_NAME) return 'mode';
  const found = Object.entries(FIELD_IDS).find(([, id]) => id === target.id);
  return found ? (found[0] as QuickVisitStop) : null;
}

export function QuickVisitModal({ onClose }: { onClose: () => void }): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const language = useAppStore((s) => s.language);
  const [form] = Form.useForm<QuickVisitValues>();
  const { showIssues, handleError } = useFormIssues(form);
  const write = useConfirmedWrite();
  const choice = useHouseholdChoice();
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);
  const householdRef = useRef<InputRef>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const [initialValues] = useState(() => ({ visitDate: todayIso(), mode: 'home', confirmed: false }));
  // A visit typed in is never lost to a stray Esc: a filled form asks first.
  const requestClose = useDiscardGuard(form, initialValues, onClose);

  function focusStop(stop: QuickVisitStop): void {
    const root = formRef.current;
    const element =
      stop === 'mode'
        ? root?.querySelector<HTMLInputElement>(`input[name="${MODE_NAME}"]:checked`)
        : root?.querySelector<HTMLElement>(`#${FIELD_IDS[stop]}`);
    element?.focus();
    if (stop === 'date' && element instanceof HTMLInputElement) element.select();
  }

  async function save(): Promise<void> {
    if (savingRef.current) return;
    savingRef.current = true;
    setSaving(true);
    try {
      // A household chosen while its matches were still on their way is settled first.
      const household = await choice.settled();
      const values = form.getFieldsValue(true) as QuickVisitValues;
      const record = { householdId: household?.id, visitDate: values.visitDate, mode: values.mode, situation: values.situation, confirmed: values.confirmed === true };
      const parsed = schemasOf('visits').create.safeParse({ villageId: household?.villageId, ...record });
      const needText = String(values.need ?? '').trim();
      const need = needs.fields.content.safeParse(needText);
      const issues = [
        ...(parsed.success ? [] : parsed.error.issues.map((i) => (i.path[0] === 'villageId' ? { ...i, path: ['householdId'] } : i))),
        ...(needText && !need.success ? need.error.issues.map((i) => ({ ...i, path: ['need'] })) : []),
      ];
      showIssues(issues);
      if (issues.length || !parsed.success || !household) return;
      const visit = await write((confirm) => ledgerApi('visits').create({ ...(parsed.data as LedgerRecord), villageId: household.villageId, confirm }));
      if (!visit) return;
      if (needText) {
        await ledgerApi('needs').create({ villageId: visit.villageId, householdId: household.id, visitId: visit.id, category: 'other', status: 'open', content: needText });
      }
      void message.success(t('quickVisit.saved', { name: String(household.headName) }));
      onClose();
    } catch (error) {
      handleError(error);
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  }

  // Capture: the form decides Enter and Tab before a field can, in this one place.
  function onKeyDownCapture(e: KeyboardEvent<HTMLDivElement>): void {
    const stop = stopOf(e.target as HTMLElement);
    if (!stop) return;
    const { key, shiftKey, ctrlKey, metaKey, altKey } = e;
    const action = quickVisitKeyAction({ key, shiftKey, ctrlKey, metaKey, altKey, isComposing: e.nativeEvent.isComposing }, stop, MODES);
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    if (action.kind === 'save') {
      if (stop === 'household') choice.choose();
      void save();
    } else if (action.kind === 'mode') {
      form.setFieldValue('mode', action.mode);
    } else if (action.kind === 'highlight') {
      choice.highlight(action.step);
    } else {
      if (stop === 'household') choice.choose();
      focusStop(action.to);
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
      onOk={() => {
        choice.choose();
        void save();
      }}
      onCancel={requestClose}
      okButtonProps={{ 'data-testid': 'quick-visit-save' } as ButtonProps}
      destroyOnHidden
      // The modal takes focus itself once it is open (at once when motion is reduced): hand it
      // to the household field so typing starts there.
      afterOpenChange={(open) => {
        if (open) householdRef.current?.focus();
      }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('quickVisit.keys')}
      </Typography.Paragraph>
      <div ref={formRef} onKeyDownCapture={onKeyDownCapture}>
        <Form<QuickVisitValues>
          form={form}
          name="quickVisit"
          layout="horizontal"
          labelCol={{ span: 5 }}
          initialValues={initialValues}
          data-testid="quick-visit-form"
        >
          <Form.Item name="householdId" label={label('householdId')} required>
            <HouseholdField choice={choice} inputRef={householdRef} />
          </Form.Item>
          <Form.Item name="visitDate" label={label('visitDate')} required>
            <Input autoComplete="off" placeholder="YYYY-MM-DD" onFocus={(e) => e.target.select()} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="mode" label={label('mode')} required>
            <Radio.Group
              name={MODE_NAME}
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
      </div>
    </Modal>
  );
}
