// The township's days-in-village threshold, kept on this device; the diary counts against it. And
// how many days a need raised on a visit has before it falls due.
import { App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsPatch } from '../../../../shared/domain/settings';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { useFormIssues } from '../../forms/useFormIssues';

interface SettingsValues {
  presenceThreshold?: number;
  needDueDays?: number;
}

export function SettingsCard(): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<SettingsValues>();
  const { showIssues, handleError } = useFormIssues(form);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api.settings.get().then((settings) => form.setFieldsValue(settings), notifyError);
  }, [form, notifyError]);

  async function save(values: SettingsValues): Promise<void> {
    const parsed = settingsPatch.safeParse(values);
    if (!parsed.success) return showIssues(parsed.error.issues);
    setSaving(true);
    try {
      form.setFieldsValue(await api.settings.update(parsed.data));
      showIssues([]);
      void message.success(t('overview.settingsSaved'));
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={t('overview.settingsTitle')} style={{ marginBottom: 16 }} data-testid="settings-card">
      <Typography.Paragraph type="secondary">{t('overview.settingsHint')}</Typography.Paragraph>
      <Form<SettingsValues> form={form} name="settings" layout="inline" onFinish={(values) => void save(values)}>
        <Form.Item name="presenceThreshold" label={t('overview.presenceThreshold')}>
          <InputNumber min={1} max={31} precision={0} suffix={t('overview.daysUnit')} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="needDueDays" label={t('entry.needDueDays')} tooltip={t('entry.needDueDaysHint')}>
          <InputNumber min={1} max={365} precision={0} suffix={t('overview.daysUnit')} style={{ width: 120 }} data-testid="settings-need-due-days" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">
            {t('common.save')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
