// Projects by stage (储备 → 验收) with their budgets, the money budgeted, received and spent,
// per project (the largest budgets) and per source. A stage opens its projects, a project bar
// that project, a source bar the money received or spent.
import { RightOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Typography } from 'antd';
import { useMemo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { PROJECT_STATUS_LABELS } from '../../../../../shared/domain/ledgerEnums';
import { labelOf } from '../../../../../shared/domain/labels';
import { formatFenAsWanYuan } from '../../../../../shared/domain/money';
import { EChart } from '../../../charts/EChart';
import { ledgerRoute } from '../../../shell/route';
import { navigate } from '../../../shell/useRoute';
import { useAppStore } from '../../../store/useAppStore';
import { measureLink } from '../figureLinks';
import { CARD_STYLE, type CardProps } from './cardProps';
import { barChartHeight, projectMoneyOption, sourceOption } from './charts';
import { EmptyHint } from './EmptyHint';
import { Figure } from './Figure';
import { percentOf } from './format';

/** Projects drawn one by one; the rest are a link to the list. */
export const PROJECTS_SHOWN = 8;

export function ProjectsCard({ data, scope }: CardProps): JSX.Element {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const { totals } = data;
  const shown = data.projectMoney.slice(0, PROJECTS_SHOWN);
  const money = { budget: t('dashboard.village.projects.budget'), received: t('dashboard.village.projects.received'), spent: t('dashboard.village.projects.spent') };
  const { perProject, perSource } = useMemo(() => {
    const words = { budget: t('dashboard.village.projects.budget'), received: t('dashboard.village.projects.received'), spent: t('dashboard.village.projects.spent') };
    const names = new Map(data.villages.map((v) => [v.id, v.name]));
    // Several villages: a project is named with its village after it, since two may share a name.
    const name = (p: { villageId: string; name: string }) => (data.villages.length > 1 ? `${p.name} · ${names.get(p.villageId) ?? ''}` : p.name);
    return {
      perProject: projectMoneyOption(data.projectMoney.slice(0, PROJECTS_SHOWN), name, words),
      perSource: sourceOption(data.moneyBySource, { ...words, noSource: t('dashboard.village.projects.noSource') }),
    };
  }, [data, t]);
  const wan = t('dashboard.village.units.wan');

  return (
    <Card size="small" title={t('dashboard.village.projects.title')} style={CARD_STYLE} data-testid="vd-projects">
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        {t('dashboard.village.projects.stages')}
      </Typography.Text>
      <Flex align="center" gap={4} data-testid="vd-stages">
        {data.projectsByStage.map((stage, i) => (
          <Flex key={stage.stage} align="center" gap={4} style={{ flex: '1 1 0', minWidth: 0 }}>
            {i > 0 && <RightOutlined aria-hidden style={{ color: '#bfbfbf', fontSize: 10 }} />}
            <button
              type="button"
              className="figure-link vd-stage"
              onClick={() => navigate(ledgerRoute('projects', { village: scope.village, filters: { status: stage.stage } }))}
              data-testid={`vd-stage-${stage.stage}`}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {labelOf(PROJECT_STATUS_LABELS, stage.stage, language)}
              </Typography.Text>
              <span style={{ fontSize: 20 }}>{stage.projects}</span>
              <span style={{ fontSize: 12 }}> {t('dashboard.village.units.projects')}</span>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 11, display: 'block' }}>
                {formatFenAsWanYuan(stage.budgetFen)} {wan}
              </Typography.Text>
            </button>
          </Flex>
        ))}
      </Flex>
      <Row gutter={[16, 8]} style={{ marginTop: 12 }}>
        <Col xs={12} md={6}>
          <Figure title={money.budget} value={formatFenAsWanYuan(totals.budgetFen)} unit={wan} route={measureLink('budgetFen', scope)} testId="vd-budget" size={20} />
        </Col>
        <Col xs={12} md={6}>
          <Figure title={money.received} value={formatFenAsWanYuan(totals.receivedFen)} unit={wan} route={measureLink('receivedFen', scope)} testId="vd-received" size={20} />
        </Col>
        <Col xs={12} md={6}>
          <Figure title={money.spent} value={formatFenAsWanYuan(totals.spentFen)} unit={wan} route={measureLink('spentFen', scope)} testId="vd-spent" size={20} />
        </Col>
        <Col xs={12} md={6}>
          <Figure
            title={t('dashboard.village.projects.spentRatio')}
            value={percentOf(totals.spentRatio)}
            unit={t('dashboard.village.units.percent')}
            route={measureLink('spentRatio', scope)}
            testId="vd-spentRatio"
            size={20}
          />
        </Col>
      </Row>
      {perProject === null ? (
        <EmptyHint text={t('dashboard.village.projects.empty')} testId="vd-projects-empty" />
      ) : (
        <Row gutter={[24, 8]} style={{ marginTop: 8 }}>
          <Col xs={24} lg={14}>
            <Typography.Text strong>{t('dashboard.village.projects.perProject')}</Typography.Text>
            <EChart
              option={perProject}
              height={barChartHeight(shown.length, 3)}
              label={t('dashboard.village.projects.perProjectLabel')}
              testId="vd-project-chart"
              onClick={({ dataIndex }) => {
                const project = shown[dataIndex];
                if (project) navigate(ledgerRoute('projects', { village: scope.village, id: project.id }));
              }}
            />
            {data.projectMoney.length > shown.length && (
              <Typography.Link onClick={() => navigate(measureLink('projects', scope))} style={{ fontSize: 12 }} data-testid="vd-projects-more">
                {t('dashboard.village.projects.moreProjects', { shown: shown.length, count: data.projectMoney.length - shown.length })}
              </Typography.Link>
            )}
          </Col>
          <Col xs={24} lg={10}>
            <Typography.Text strong>{t('dashboard.village.projects.perSource')}</Typography.Text>
            {perSource === null ? (
              <EmptyHint text={t('dashboard.village.projects.noMoney')} testId="vd-sources-empty" />
            ) : (
              <EChart
                option={perSource}
                height={barChartHeight(data.moneyBySource.length, 2)}
                label={t('dashboard.village.projects.perSourceLabel')}
                testId="vd-source-chart"
                onClick={({ seriesIndex }) =>
                  navigate(ledgerRoute('funds', { village: scope.village, filters: { direction: seriesIndex === 0 ? 'in' : 'out' }, to: data.to }))
                }
              />
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
