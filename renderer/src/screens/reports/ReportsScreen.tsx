// The report screen: pick a report, its scope and period and how numbers show; see the preview
// (title rows above the tables, totals bold); export to Excel or CSV with progress and Stop,
// PDF and Print through the print page; and the recent exports.
import { Card, Col, Flex, Row, Spin, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecentExport, ReportPreview } from '../../../../shared/domain/reports';
import { api } from '../../api';
import { describeError } from '../../errors/describeError';
import { useNotifyError } from '../../errors/useNotifyError';
import { useAppStore } from '../../store/useAppStore';
import { usePeriod } from '../dashboard/usePeriod';
import { ArchiveExport } from './ArchiveExport';
import { ExportBar } from './ExportBar';
import { RecentExports } from './RecentExports';
import { initialChoice, requestOf, type ReportChoice } from './reportChoice';
import { ReportForm } from './ReportForm';
import { ReportTables } from './ReportTables';
import { useReportExport } from './useReportExport';

const PREVIEW_ROWS = 100;

export function ReportsScreen(): JSX.Element | null {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const profile = useAppStore((s) => s.profile);
  const villages = useAppStore((s) => s.scopeVillages);
  const language = useAppStore((s) => s.language);
  const nativeDialogs = useAppStore((s) => s.appInfo?.nativeDialogs ?? false);
  const [picked, setChoice] = useState<ReportChoice>(() => initialChoice(profile?.role ?? 'secretary', null));
  // The villages arrive after the screen: until one is picked, a village scope takes the first.
  const choice = useMemo(() => (picked.villageId || !villages[0] ? picked : { ...picked, villageId: villages[0].id }), [picked, villages]);
  const period = usePeriod(choice.scope === 'village' ? choice.villageId : null);
  const request = useMemo(() => requestOf(choice, period, language), [choice, period, language]);
  const requestKey = JSON.stringify(request);

  const [preview, setPreview] = useState<{ key: string; value: ReportPreview | null; error: unknown }>({ key: '', value: null, error: null });
  const [recent, setRecent] = useState<readonly RecentExport[]>([]);

  useEffect(() => {
    if (!request) return;
    let live = true;
    api.reports.preview({ ...request, limit: PREVIEW_ROWS }).then(
      (value) => live && setPreview({ key: requestKey, value, error: null }),
      (error: unknown) => live && setPreview({ key: requestKey, value: null, error }),
    );
    return () => {
      live = false;
    };
    // requestKey stands for request: the same request asks once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey]);

  const loadRecent = useCallback(() => {
    api.reports.recent().then((list) => setRecent(list.items), notifyError);
  }, [notifyError]);
  useEffect(loadRecent, [loadRecent]);

  const exporter = useReportExport(nativeDialogs, loadRecent, notifyError);
  if (!profile) return null;

  const current = preview.key === requestKey ? preview : null;
  const suggestedName = current?.value?.suggestedName ?? 'report';
  const ready = request !== null && current?.value !== null && current?.value !== undefined;

  return (
    <Flex vertical gap={16} data-testid="reports-screen">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('reports.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('reports.subtitle')}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={17}>
          <Flex vertical gap={16}>
            <Card size="small">
              <Flex vertical gap={16}>
                <ReportForm profile={profile} villages={villages} choice={choice} period={period} onChange={setChoice} />
                <ExportBar
                  exporter={exporter}
                  disabled={!ready}
                  nativeDialogs={nativeDialogs}
                  onExport={(format) => request && void exporter.exportAs(format, request, suggestedName)}
                  onPdf={() => request && void exporter.pdf(request, suggestedName)}
                  onPrint={() => request && (nativeDialogs ? void exporter.print(request) : exporter.openPrintTab(request))}
                />
              </Flex>
            </Card>
            <Card size="small" title={t('reports.preview.title')}>
              {!request ? (
                <Typography.Text type="secondary">{t('reports.preview.noVillage')}</Typography.Text>
              ) : current?.value ? (
                <ReportTables preview={current.value} />
              ) : current?.error ? (
                <Typography.Text type="danger" data-testid="report-preview-error">
                  {describeError(current.error, t).description}
                </Typography.Text>
              ) : (
                <Flex justify="center" style={{ padding: 32 }}>
                  <Spin description={t('reports.preview.loading')} />
                </Flex>
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xxl={7}>
          <Flex vertical gap={16}>
            <RecentExports items={recent} nativeDialogs={nativeDialogs} />
            <ArchiveExport villages={villages} nativeDialogs={nativeDialogs} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
