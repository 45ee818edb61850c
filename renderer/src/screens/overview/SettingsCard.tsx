// The township's days-in-village threshold, plan duties and member-development clocks (its coordinator's, reaching secretaries
// by sync: editable on a coordinator's computer, read-only on a secretary's), and how many days a
// need raised on a visit has before it falls due (this computer's own).
import { App, Button, Card, Form, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOCKS, DEFAULT_CLOCK_COUNTS, type PartyClockCounts, type PartyClockSettings } from '../../../../shared/domain/party/clocks';
import { settingsPatch, type SettingsView } from '../../../../shared/domain/settings';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { useFormIssues } from '../../forms/useFormIssues';
import { PartyClocksFields } from './PartyClocksFields';

interface SettingsValues {
  presenceThreshold?: number;
  duties?: string[];
  needDueDays?: number;
  partyClocks?: Partial<PartyClockCounts>;
}

/** The clocks set away from the rules' defaults: what the declaration carries (none set, none carried). */
function clocksSet(values: Partial<PartyClockCounts> | undefined): PartyClockSettings {
  return Object.fromEntries(CLOCKS.flatMap((c) => (values?.[c] !== undefined && values[c] !== null && values[c] !== DEFAULT_CLOCK_COUNTS[c] ? [[c, values[c]]] : [])));
}

const sameClocks = (values: Partial<PartyClockCounts> | undefined, held: PartyClockCounts) => CLOCKS.every((c) => (values?.[c] ?? DEFAULT_CLOCK_COUNTS[c]) === held[c]);

const sameList = (a: readonly string[] | undefined, b: readonly string[]) => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

export function SettingsCard(): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<SettingsValues>();
  const { showIssues, handleError } = useFormIssues(form);
  const [saving, setSaving] = useState(false);
  const [view, setView] = useState<SettingsView | null>(null);

  const shown = useCallback(
    (next: SettingsView): void => {
      setView(next);
      form.setFieldsValue({ presenceThreshold: next.presenceThreshold, duties: [...next.duties], needDueDays: next.needDueDays, partyClocks: { ...next.partyClocks } });
    },
    [form],
  );

  useEffect(() => {
    api.settings.get().then(shown, notifyError);
  }, [shown, notifyError]);

  async function save(values: SettingsValues): Promise<void> {
    // Only a coordinator sends the township's values, and only when changed: each change is a new signed declaration.
    const township = view?.township.mayChange
      ? {
          ...(values.presenceThreshold !== view.presenceThreshold ? { presenceThreshold: values.presenceThreshold } : {}),
          ...(!sameList(values.duties, view.duties) ? { duties: values.duties } : {}),
          ...(!sameClocks(values.partyClocks, view.partyClocks) ? { partyClocks: clocksSet(values.partyClocks) } : {}),
        }
      : {};
    const parsed = settingsPatch.safeParse({ ...township, needDueDays: values.needDueDays });
    if (!parsed.success) return showIssues(parsed.error.issues);
    setSaving(true);
    try {
      shown(await api.settings.update(parsed.data));
      showIssues([]);
      void message.success(t('overview.settingsSaved'));
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(false);
    }
  }

  const editable = view?.township.mayChange === true;
  const issuedOn = view?.township.issuedAt?.slice(0, 10) ?? '';
  const whose = !view
    ? ''
    : !view.township.issuedAt
      ? t('township.notSetYet')
      : view.township.issuerName
        ? t('township.setBy', { name: view.township.issuerName, date: issuedOn })
        : t('township.setBySomeone', { date: issuedOn });

  return (
    <Card title={t('overview.settingsTitle')} style={{ marginBottom: 16 }} data-testid="settings-card">
      <Typography.Paragraph type="secondary">{t('overview.settingsHint')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" data-testid="settings-township-whose">
        {whose}
        {editable ? (
          <>
            <br />
            {t('township.coordinatorHint')}
          </>
        ) : null}
      </Typography.Paragraph>
      <Form<SettingsValues> form={form} name="settings" layout="vertical" onFinish={(values) => void save(values)}>
        {editable ? (
          <>
            <Form.Item name="presenceThreshold" label={t('overview.presenceThreshold')}>
              <InputNumber min={1} max={31} precision={0} suffix={t('overview.daysUnit')} style={{ width: 120 }} data-testid="settings-presence-threshold" />
            </Form.Item>
            <Form.Item name="duties" label={t('township.duties')} tooltip={t('township.dutiesHint')}>
              <Select mode="tags" open={false} placeholder={t('township.dutiesPlaceholder')} style={{ maxWidth: 720 }} data-testid="settings-duties" />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item label={t('overview.presenceThreshold')}>
              <Typography.Text strong data-testid="settings-presence-threshold-read">
                {view?.presenceThreshold} {t('overview.daysUnit')}
              </Typography.Text>
            </Form.Item>
            <Form.Item label={t('township.duties')} tooltip={t('township.dutiesHint')}>
              <Space wrap data-testid="settings-duties-read">
                {view?.duties.map((duty) => <Tag key={duty}>{duty}</Tag>)}
              </Space>
            </Form.Item>
          </>
        )}
        <PartyClocksFields editable={editable} clocks={view?.partyClocks} form={form} />
        <Form.Item name="needDueDays" label={t('entry.needDueDays')} tooltip={t('entry.needDueDaysHint')}>
          <InputNumber min={1} max={365} precision={0} suffix={t('overview.daysUnit')} style={{ width: 120 }} data-testid="settings-need-due-days" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
