// First run: who uses this device (the form), and beside it the shortest way in for a
// newcomer — the demo township.
import { Card, Col, Row, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from '../../shell/Brand';
import { LanguageSwitch } from '../../shell/LanguageSwitch';
import { DemoCard } from './DemoCard';
import { SetupForm } from './SetupForm';

export function SetupScreen(): JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="setup-page">
      <div className="setup-top">
        <Brand tagline />
        <LanguageSwitch />
      </div>
      <div className="setup-body">
        <Row gutter={[24, 24]}>
          <Col xs={{ span: 24, order: 2 }} lg={{ span: 15, order: 1 }}>
            <Card>
              <Typography.Title level={3} style={{ marginTop: 0 }}>
                {t('setup.title')}
              </Typography.Title>
              <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
              <SetupForm />
            </Card>
          </Col>
          <Col xs={{ span: 24, order: 1 }} lg={{ span: 9, order: 2 }}>
            <DemoCard />
          </Col>
        </Row>
      </div>
    </div>
  );
}
