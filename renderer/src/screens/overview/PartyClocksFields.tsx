// The township's member-development clocks on the settings card: each period with the rules'
// default beside it and a reset, editable on the coordinator's computer, read-only elsewhere.
import { Button, Col, Form, InputNumber, Row, Space, Tag, Typography, type FormInstance } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOCK_BOUNDS, CLOCKS, DEFAULT_CLOCK_COUNTS, DEFAULT_PARTY_CLOCKS, type Clock, type PartyClockCounts } from '../../../../shared/domain/party/clocks';

interface Props {
  readonly editable: boolean;
  /** The clocks in force (settings.get). */
  readonly clocks: PartyClockCounts | undefined;
  readonly form: FormInstance;
}

export function PartyClocksFields({ editable, clocks, form }: Props): JSX.Element {
  const { t } = useTranslation();
  // The unit's word for a count (English says 1 month, 2 months).
  const unit = (clock: Clock, count?: number) => t(`township.clocks.${DEFAULT_PARTY_CLOCKS[clock].unit}${count === 1 ? 'One' : ''}`);
  const defaultText = (clock: Clock) => t('township.clocks.default', { count: DEFAULT_CLOCK_COUNTS[clock], unit: unit(clock, DEFAULT_CLOCK_COUNTS[clock]) });
  const typed = Form.useWatch('partyClocks', form) as Partial<PartyClockCounts> | undefined;
  const reset = (clock: Clock) => form.setFieldValue(['partyClocks', clock], DEFAULT_CLOCK_COUNTS[clock]);

  return (
    <div data-testid="settings-party-clocks">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('township.clocks.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('township.clocks.hint')}</Typography.Paragraph>
      <Row gutter={[16, 0]}>
        {CLOCKS.map((clock) => (
          <Col key={clock} xs={24} md={12} xl={6}>
            {editable ? (
              <Form.Item label={t(`township.clocks.${clock}`)} extra={defaultText(clock)}>
                <Space.Compact>
                  <Form.Item name={['partyClocks', clock]} noStyle>
                    <InputNumber
                      min={CLOCK_BOUNDS[clock].min}
                      max={CLOCK_BOUNDS[clock].max}
                      precision={0}
                      suffix={unit(clock, typed?.[clock])}
                      style={{ width: 120 }}
                      data-testid={`settings-clock-${clock}`}
                    />
                  </Form.Item>
                  <Button onClick={() => reset(clock)} title={t('township.clocks.reset')} data-testid={`settings-clock-reset-${clock}`}>
                    {t('township.clocks.reset')}
                  </Button>
                </Space.Compact>
              </Form.Item>
            ) : (
              <Form.Item label={t(`township.clocks.${clock}`)}>
                <Typography.Text strong data-testid={`settings-clock-read-${clock}`}>
                  {clocks?.[clock]} {unit(clock, clocks?.[clock])}
                </Typography.Text>{' '}
                {clocks?.[clock] === DEFAULT_CLOCK_COUNTS[clock] ? <Tag>{t('township.clocks.isDefault')}</Tag> : <Typography.Text type="secondary">{defaultText(clock)}</Typography.Text>}
              </Form.Item>
            )}
          </Col>
        ))}
      </Row>
      {editable ? (
        <Form.Item>
          <Button onClick={() => form.setFieldsValue({ partyClocks: { ...DEFAULT_CLOCK_COUNTS } })} data-testid="settings-clocks-reset-all">
            {t('township.clocks.resetAll')}
          </Button>
        </Form.Item>
      ) : null}
    </div>
  );
}
