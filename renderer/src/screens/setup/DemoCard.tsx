// "先看看演示乡镇": one click loads a made-up township so a newcomer sees a living app first.
import { CompassOutlined } from '@ant-design/icons';
import { App, Button, Card, Typography } from 'antd';
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../errors/useNotifyError';
import { useAppStore } from '../../store/useAppStore';

export function DemoCard(): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const loadDemo = useAppStore((s) => s.loadDemo);
  const [loading, setLoading] = useState(false);

  async function onLoad(): Promise<void> {
    setLoading(true);
    try {
      await loadDemo();
      void message.success(t('demo.loaded'));
    } catch (error) {
      notifyError(error);
      setLoading(false);
    }
  }

  return (
    <Card className="demo-card" data-testid="demo-card">
      <CompassOutlined className="demo-card-icon" />
      <Typography.Title level={4}>{t('demo.title')}</Typography.Title>
      <Typography.Paragraph>{t('demo.body')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('demo.note')}</Typography.Paragraph>
      <Button type="primary" size="large" block loading={loading} onClick={() => void onLoad()} data-testid="demo-load">
        {t('demo.button')}
      </Button>
    </Card>
  );
}
