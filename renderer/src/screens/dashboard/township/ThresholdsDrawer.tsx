// 达标线设置: the coordinator's two lines per measure, checked here and again by the main
// process (a target line worse than the lagging one is refused under its field), kept on this
// device, and the overview recoloured at once.
import { Alert, App, Button, Drawer, Flex, Form, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { HIGHER_IS_BETTER, THRESHOLD_MEASURES, type Thresholds } from '../../../../../shared/domain/dashboard';
import { DEFAULT_THRESHOLDS, dashboardThresholds } from '../../../../../shared/domain/settings';
import { api } from '../../../api';
import { useFormIssues } from '../../../forms/useFormIssues';
import { lineUnit } from './rag';

const UNIT_KEYS = { percent: 'dashboard.thresholds.unitPercent', days: 'dashboard.thresholds.unitDays', count: 'dashboard.thresholds.unitCount' } as const;

export interface ThresholdsDrawerProps {
  open: boolean;
  thresholds: Thresholds;
  onClose: () => void;
  onSaved: (next: Thresholds) => void;
}

/** An emptied box reads null: sent as missing, so it is named as required rather than invalid. */
function typedLines(values: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    THRESHOLD_MEASURES.map((m) => [m, Object.fromEntries(['green', 'red'].map((side) => [side, values[m]?.[side] ?? undefined]))]),
  );
}

export function ThresholdsDrawer({ open, thresholds, onClose, onSaved }: ThresholdsDrawerProps): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Thresholds>();
  const { showIssues, handleError } = useFormIssues(form);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(thresholds);
    showIssues([]);
  }, [open, thresholds, form, showIssues]);

  async function save(): Promise<void> {
    const parsed = dashboardThresholds.safeParse(typedLines(form.getFieldsValue(true) as Record<string, Record<string, unknown>>));
    if (!parsed.success) return showIssues(parsed.error.issues);
    setSaving(true);
    try {
      const settings = await api.settings.update({ dashboardThresholds: parsed.data });
      showIssues([]);
      onSaved(settings.dashboardThresholds);
      void message.success(t('dashboard.thresholds.saved'));
      onClose();
    } catch (error) {
      handleError(error, { prefix: ['dashboardThresholds'] });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('dashboard.thresholds.title')}
      size={460}
      destroyOnHidden={false}
      forceRender
      data-testid="thresholds-drawer"
      footer={
        <Flex justify="space-between">
          <Button onClick={() => form.setFieldsValue(DEFAULT_THRESHOLDS)} data-testid="thresholds-reset">
            {t('dashboard.thresholds.reset')}
          </Button>
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="thresholds-save">
              {t('common.save')}
            </Button>
          </Space>
        </Flex>
      }
    >
      <Alert type="info" showIcon title={t('dashboard.thresholds.intro')} style={{ marginBottom: 16 }} />
      <Form<Thresholds> form={form} name="thresholds" layout="vertical" onFinish={() => void save()}>
        {THRESHOLD_MEASURES.map((measure) => {
          const suffix = t(UNIT_KEYS[lineUnit(measure)]) || undefined;
          return (
            <div key={measure} style={{ marginBottom: 8 }} data-testid={`thresholds-${measure}`}>
              <Typography.Text strong>{t(`dashboard.measures.${measure}`)}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {t(HIGHER_IS_BETTER[measure] ? 'dashboard.thresholds.higherBetter' : 'dashboard.thresholds.lowerBetter')}
              </Typography.Text>
              {measure === 'presenceMonthDays' && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
                  {t('dashboard.thresholds.presenceProrated')}
                </Typography.Paragraph>
              )}
              <Flex gap={16} style={{ marginTop: 4 }}>
                <Form.Item name={[measure, 'green']} label={t('dashboard.thresholds.green')} style={{ flex: 1, marginBottom: 8 }}>
                  <InputNumber min={0} max={1000} suffix={suffix} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name={[measure, 'red']} label={t('dashboard.thresholds.red')} style={{ flex: 1, marginBottom: 8 }}>
                  <InputNumber min={0} max={1000} suffix={suffix} style={{ width: '100%' }} />
                </Form.Item>
              </Flex>
            </div>
          );
        })}
      </Form>
    </Drawer>
  );
}
