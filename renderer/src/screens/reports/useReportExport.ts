// Exports and their progress: a file the person chooses (the native save dialog in the desktop
// app; the exports folder in the browser host, then downloaded), a job polled every 300 ms
// until it ends, Stop, and the PDF and Print of the print page (the desktop shell's, or a new
// browser tab that opens the browser's print dialog).
import { useCallback, useEffect, useState } from 'react';
import { printHash } from '../../../../shared/domain/reportPrint';
import type { ReportFormat, ReportJob, ReportRequestInput } from '../../../../shared/domain/reports';
import { api } from '../../api';

const POLL_MS = 300;

export type Outcome = { kind: 'pdf'; file: string } | { kind: 'printed' } | null;

export interface ReportExport {
  job: ReportJob | null;
  /** A PDF or print of the desktop shell under way. */
  printing: boolean;
  outcome: Outcome;
  exportAs(format: ReportFormat, request: ReportRequestInput, suggestedName: string): Promise<void>;
  stop(): Promise<void>;
  pdf(request: ReportRequestInput, suggestedName: string): Promise<void>;
  print(request: ReportRequestInput): Promise<void>;
  /** The browser host: the print page in a new tab, which opens the print dialog once drawn. */
  openPrintTab(request: ReportRequestInput): void;
}

/** Saves a file the host serves as a download, under its own name. */
export function startDownload(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

export function useReportExport(nativeDialogs: boolean, onFinished: () => void, onError: (error: unknown) => void): ReportExport {
  const [job, setJob] = useState<ReportJob | null>(null);
  const [printing, setPrinting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(() => {
      api.reports.job({ id: job.id }).then((next) => {
        setJob(next);
        if (next.state === 'done') {
          if (next.download) startDownload(next.download, next.fileName);
          onFinished();
        }
      }, onError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, onFinished, onError]);

  /** The path the person chose, undefined in the browser host, null when they closed the dialog. */
  const chosenPath = useCallback(
    async (type: 'xlsx' | 'csv' | 'pdf', defaultName: string): Promise<string | undefined | null> => {
      if (!nativeDialogs) return undefined;
      const answer = await api.dialogs.saveFile({ type, defaultName });
      return answer.canceled ? null : answer.paths[0]!;
    },
    [nativeDialogs],
  );

  const exportAs = useCallback(
    async (format: ReportFormat, request: ReportRequestInput, suggestedName: string) => {
      try {
        const path = await chosenPath(format, suggestedName);
        if (path === null) return;
        setOutcome(null);
        setJob(await api.reports.export({ ...request, format, ...(path ? { path } : {}) }));
      } catch (error) {
        onError(error);
      }
    },
    [chosenPath, onError],
  );

  const stop = useCallback(async () => {
    if (!job) return;
    try {
      setJob(await api.reports.cancel({ id: job.id }));
    } catch (error) {
      onError(error);
    }
  }, [job, onError]);

  const pdf = useCallback(
    async (request: ReportRequestInput, suggestedName: string) => {
      try {
        const path = await chosenPath('pdf', suggestedName);
        if (!path) return;
        setPrinting(true);
        setOutcome(null);
        const result = await api.reports.pdf({ ...request, path });
        setOutcome({ kind: 'pdf', file: result.file });
      } catch (error) {
        onError(error);
      } finally {
        setPrinting(false);
      }
    },
    [chosenPath, onError],
  );

  const print = useCallback(
    async (request: ReportRequestInput) => {
      try {
        setPrinting(true);
        setOutcome(null);
        const { printed } = await api.reports.print(request);
        if (printed) setOutcome({ kind: 'printed' });
      } catch (error) {
        onError(error);
      } finally {
        setPrinting(false);
      }
    },
    [onError],
  );

  const openPrintTab = useCallback((request: ReportRequestInput) => {
    window.open(`${window.location.pathname}${printHash(request, { autoPrint: true })}`, '_blank', 'noopener');
  }, []);

  return { job, printing, outcome, exportAs, stop, pdf, print, openPrintTab };
}
