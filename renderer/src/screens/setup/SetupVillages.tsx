// The villages a secretary is posted to: a name and an optional division code per row, as
// many rows as needed. Errors on the list as a whole (none at all) show under it.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';

export function SetupVillages(): JSX.Element {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('setup.villages')} required extra={t('setup.villagesHint')}>
      <Form.List name="villages">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.length > 0 && (
              <div className="village-rows-head" aria-hidden>
                <span style={{ flex: 3 }}>{t('setup.villageName')}</span>
                <span style={{ flex: 2 }}>{t('setup.villageCode')}</span>
                <span style={{ width: 32 }} />
              </div>
            )}
            {fields.map((field) => (
              <div key={field.key} style={{ display: 'flex', gap: 8 }}>
                <Form.Item name={[field.name, 'name']} style={{ flex: 3, marginBottom: 12 }}>
                  <Input placeholder={t('setup.villageNamePlaceholder')} aria-label={t('setup.villageName')} maxLength={40} />
                </Form.Item>
                <Form.Item name={[field.name, 'code']} style={{ flex: 2, marginBottom: 12 }}>
                  <Input
                    className="mono"
                    placeholder={t('setup.villageCodePlaceholder')}
                    aria-label={t('setup.villageCode')}
                    inputMode="numeric"
                    maxLength={12}
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label={t('setup.removeVillage')}
                  title={t('setup.removeVillage')}
                  onClick={() => remove(field.name)}
                />
              </div>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', code: '' })} data-testid="setup-add-village">
              {t('setup.addVillage')}
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
