// Who uses this device: role, name, sending unit and its level, township (a district: its
// several townships), county, and for a secretary the villages. Checked with the contract's own schema before it is sent; what
// the main process still refuses is shown under the same fields.
import { App, Button, Col, DatePicker, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { deviceSetupInput, ROLE_LABELS, UNIT_LEVEL_LABELS, type Role, type UnitLevel } from '../../../../shared/domain/device';
import { enumValues, labelOf } from '../../../../shared/domain/labels';
import { useFormIssues } from '../../forms/useFormIssues';
import { dayToIso, isoToDay } from '../../ledgers/convert';
import { todayIso } from '../../ledgers/display';
import { useAppStore } from '../../store/useAppStore';
import { SetupVillages } from './SetupVillages';

interface SetupValues {
  role?: Role;
  name?: string;
  unit?: string;
  unitLevel?: UnitLevel;
  township?: string;
  townships?: string[];
  county?: string;
  villages?: { name?: string; code?: string }[];
  /** A secretary's first day in her villages: her own term record (today unless changed). */
  termStart?: Dayjs | null;
}

export function SetupForm(): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SetupValues>();
  const role = Form.useWatch('role', form);
  const { showIssues, handleError } = useFormIssues(form);
  const { language, setUp } = useAppStore(useShallow((s) => ({ language: s.language, setUp: s.setUp })));
  const [saving, setSaving] = useState(false);
  const [initialValues] = useState<SetupValues>(() => ({ role: 'secretary', villages: [{ name: '', code: '' }], termStart: isoToDay(todayIso()) ?? null }));

  async function onFinish(values: SetupValues): Promise<void> {
    // A coordinator or district keeps whole townships: their villages are added later, not here.
    // Only the fields of the chosen role are sent (antd keeps a hidden field's old value).
    const district = values.role === 'district';
    const parsed = deviceSetupInput.safeParse({
      ...values,
      township: district ? undefined : values.township,
      townships: district ? (values.townships ?? []) : [],
      villages: values.role === 'secretary' ? (values.villages ?? []) : [],
      termStart: values.role === 'secretary' ? (dayToIso(values.termStart) ?? undefined) : undefined,
    });
    if (!parsed.success) {
      showIssues(parsed.error.issues);
      return;
    }
    showIssues([]);
    setSaving(true);
    try {
      await setUp(parsed.data);
      void message.success(t('setup.done'));
    } catch (error) {
      handleError(error);
      setSaving(false);
    }
  }

  return (
    <Form<SetupValues>
      form={form}
      name="setup"
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => void onFinish(values)}
      requiredMark
      data-testid="setup-form"
    >
      <Form.Item name="role" label={t('setup.role')} required>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={enumValues(ROLE_LABELS).map((value) => ({ value, label: labelOf(ROLE_LABELS, value, language) }))}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="name" label={t('setup.name')} required>
            <Input placeholder={t('setup.namePlaceholder')} maxLength={20} autoComplete="name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="unitLevel" label={t('setup.unitLevel')} required>
            <Select
              placeholder={t('setup.unitLevelPlaceholder')}
              options={enumValues(UNIT_LEVEL_LABELS).map((value) => ({ value, label: labelOf(UNIT_LEVEL_LABELS, value, language) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="unit" label={t('setup.unit')} required>
        <Input placeholder={t('setup.unitPlaceholder')} maxLength={60} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          {role === 'district' ? (
            <Form.Item name="townships" label={t('setup.townships')} required>
              {/* Typed, not picked: no list of townships exists before the first file arrives. */}
              <Select
                mode="tags"
                open={false}
                suffixIcon={null}
                tokenSeparators={[',', '，', '、', ' ']}
                placeholder={t('setup.townshipsPlaceholder')}
                data-testid="setup-townships"
              />
            </Form.Item>
          ) : (
            <Form.Item name="township" label={t('setup.township')} required>
              <Input placeholder={t('setup.townshipPlaceholder')} maxLength={40} />
            </Form.Item>
          )}
        </Col>
        <Col span={12}>
          <Form.Item name="county" label={t('setup.county')}>
            <Input placeholder={t('setup.countyPlaceholder')} maxLength={40} />
          </Form.Item>
        </Col>
      </Row>
      {role === 'coordinator' || role === 'district' ? (
        <Typography.Paragraph type="secondary">{t(role === 'district' ? 'setup.districtHint' : 'setup.coordinatorHint')}</Typography.Paragraph>
      ) : (
        <>
          <SetupVillages />
          <Form.Item name="termStart" label={t('navigation.term.label')} extra={t('navigation.term.hint')}>
            <DatePicker disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > todayIso()} style={{ width: 180 }} data-testid="setup-termStart" />
          </Form.Item>
        </>
      )}
      <Button type="primary" htmlType="submit" size="large" loading={saving} data-testid="setup-submit">
        {t('setup.submit')}
      </Button>
    </Form>
  );
}
