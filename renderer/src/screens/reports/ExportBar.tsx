// The export buttons, the progress of a running export with Stop, and where the finished file is.
import { DownloadOutlined, FileExcelOutlined, FilePdfOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Space, Tooltip, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf } from '../../../../shared/domain/labels';
import { REPORT_LABELS } from '../../../../shared/domain/reports';
import { useAppStore } from '../../store/useAppStore';
import type { ReportExport } from './useReportExport';

export interface ExportBarProps {
  exporter: ReportExport;
  /** Nothing to export yet (no preview, or a village scope with no village). */
  disabled: boolean;
  nativeDialogs: boolean;
  onExport(format: 'xlsx' | 'csv'): void;
  onPdf(): void;
  onPrint(): void;
}

export function ExportBar({ exporter, disabled, nativeDialogs, onExport, onPdf, onPrint }: ExportBarProps): JSX.Element {
  const { t } = useTranslation();
  const lang = useAppStore((s) => s.language);
  const { job, printing, outcome } = exporter;
  const running = job?.state === 'running';
  const busy = running || printing;
  const percent = job && job.rowsEstimate > 0 ? Math.min(100, Math.round((job.rowsWritten / job.rowsEstimate) * 100)) : 0;

  return (
    <Flex vertical gap={8} data-testid="report-export">
      <Space wrap>
        <Button type="primary" icon={<FileExcelOutlined />} disabled={disabled || busy} onClick={() => onExport('xlsx')} data-testid="export-xlsx">
          {t('reports.actions.xlsx')}
        </Button>
        <Button icon={<FileTextOutlined />} disabled={disabled || busy} onClick={() => onExport('csv')} data-testid="export-csv">
          {t('reports.actions.csv')}
        </Button>
        {nativeDialogs ? (
          <>
            <Button icon={<FilePdfOutlined />} disabled={disabled || busy} loading={printing} onClick={onPdf} data-testid="export-pdf">
              {t('reports.actions.pdf')}
            </Button>
            <Button icon={<PrinterOutlined />} disabled={disabled || busy} onClick={onPrint} data-testid="export-print">
              {t('reports.actions.print')}
            </Button>
          </>
        ) : (
          <Tooltip title={t('reports.actions.pdfBrowserHint')}>
            <Button icon={<PrinterOutlined />} disabled={disabled} onClick={onPrint} data-testid="export-print">
              {t('reports.actions.pdfBrowser')}
            </Button>
          </Tooltip>
        )}
      </Space>
      {running && job && (
        <Flex align="center" gap={12} data-testid="export-progress">
          <Typography.Text>{t('reports.job.running', { report: labelOf(REPORT_LABELS, job.report, lang) })}</Typography.Text>
          <Progress percent={percent} style={{ width: 260, margin: 0 }} size="small" />
          <Typography.Text type="secondary">{t('reports.job.progress', { done: job.rowsWritten, total: job.rowsEstimate })}</Typography.Text>
          <Button danger size="small" onClick={() => void exporter.stop()} data-testid="export-stop">
            {t('reports.actions.stop')}
          </Button>
        </Flex>
      )}
      {job?.state === 'done' && (
        <Alert
          type="success"
          showIcon
          data-testid="export-done"
          title={
            <Space wrap>
              <Typography.Text copyable={{ text: job.file }}>{t('reports.job.done', { file: nativeDialogs ? job.file : job.fileName })}</Typography.Text>
              {job.download && (
                <a href={job.download} download={job.fileName} data-testid="export-download">
                  <DownloadOutlined /> {t('reports.actions.download')}
                </a>
              )}
            </Space>
          }
        />
      )}
      {job?.state === 'cancelled' && <Alert type="info" showIcon title={t('reports.job.cancelled')} data-testid="export-cancelled" />}
      {job?.state === 'failed' && <Alert type="error" showIcon title={t('reports.job.failed', { message: job.error?.code === 'DISK_FULL' ? t('errors.DISK_FULL') : (job.error?.message ?? '') })} data-testid="export-failed" />}
      {printing && <Typography.Text type="secondary">{t('reports.job.pdfWorking')}</Typography.Text>}
      {outcome?.kind === 'pdf' && (
        <Alert type="success" showIcon data-testid="pdf-done" title={<Typography.Text copyable={{ text: outcome.file }}>{t('reports.job.pdfDone', { file: outcome.file })}</Typography.Text>} />
      )}
      {outcome?.kind === 'printed' && <Alert type="success" showIcon title={t('reports.job.printed')} />}
    </Flex>
  );
}
