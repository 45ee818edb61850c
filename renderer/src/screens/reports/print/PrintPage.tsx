// A report as it goes on paper, without the app's header or menu: its title rows, the
// dashboards' charts where the report has figures, then every table with its header repeated
// on each page; a record's photo thumbnails where asked for. Once fonts, charts and thumbnails are drawn it sets `<html data-print-ready="1">` (what the
// desktop shell waits for before printToPDF), and opens the print dialog if asked to.
import { useEffect, useMemo, useState, useSyncExternalStore, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PREVIEW_ROWS, type ReportPreview } from '../../../../../shared/domain/reports';
import { printAddressOf } from '../../../../../shared/domain/reportPrint';
import { api } from '../../../api';
import { describeError } from '../../../errors/describeError';
import { PrintCharts } from './PrintCharts';
import { loadPrintFigures, type PrintFigures } from './printFigures';
import { PrintTable } from './PrintTable';
import { pageCss } from './pageStyle';
import './print.css';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

type Loaded = { preview: ReportPreview; figures: PrintFigures; thumbs: ReadonlyMap<string, string> };

function markReady(state: '1' | 'error'): void {
  document.documentElement.dataset.printReady = state;
}

/** Thumbnails fetched at once: a village's few hundred stay within a handful of calls in flight. */
const THUMBS_IN_FLIGHT = 4;

/** Each thumbnail the preview's rows show, as a data URL by its hash (one that cannot be read is left out). */
async function loadThumbs(preview: ReportPreview): Promise<Map<string, string>> {
  const hashes = [...new Set(preview.tables.flatMap((t) => t.rows.flatMap((r) => r.photos?.thumbs.map((thumb) => thumb.hash) ?? [])))];
  const urls = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < hashes.length) {
      const hash = hashes[next++]!;
      try {
        const { mime, data } = await api.attachments.content({ hash });
        urls.set(hash, `data:${mime};base64,${data}`);
      } catch {
        // Gone since the preview was made: the row shows its words instead.
      }
    }
  };
  await Promise.all(Array.from({ length: THUMBS_IN_FLIGHT }, worker));
  return urls;
}

/** Fonts loaded, every chart's SVG in place, every thumbnail decoded, and a frame painted. */
async function drawn(): Promise<void> {
  await document.fonts.ready;
  await Promise.all([...document.images].map((image) => image.decode().catch(() => undefined)));
  for (let tries = 0; tries < 100; tries++) {
    const charts = [...document.querySelectorAll('[data-print-chart]')];
    if (charts.every((chart) => chart.querySelector('svg'))) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

export function PrintPage(): JSX.Element {
  const { t } = useTranslation();
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  const address = useMemo(() => printAddressOf(hash), [hash]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    delete document.documentElement.dataset.printReady;
    document.body.classList.add('print-body');
    if (!address) {
      markReady('error');
      return;
    }
    let live = true;
    Promise.all([
      api.reports.preview({ ...address.request, limit: MAX_PREVIEW_ROWS }).then(async (preview) => ({ preview, thumbs: await loadThumbs(preview) })),
      loadPrintFigures(address.request),
    ]).then(
      ([{ preview, thumbs }, figures]) => live && setLoaded({ preview, figures, thumbs }),
      (failure: unknown) => {
        if (!live) return;
        setError(failure);
        markReady('error');
      },
    );
    return () => {
      live = false;
      document.body.classList.remove('print-body');
    };
  }, [address]);

  useEffect(() => {
    if (!loaded || !address) return;
    let live = true;
    document.title = loaded.preview.suggestedName;
    void drawn().then(() => {
      if (!live) return;
      markReady('1');
      if (address.autoPrint) window.print();
    });
    return () => {
      live = false;
    };
  }, [loaded, address]);

  if (!address || error) {
    return (
      <div className="print-sheet" data-testid="print-failed">
        <h1 className="print-title">{t('reports.print.failed')}</h1>
        {error ? <p>{describeError(error, t).description}</p> : null}
      </div>
    );
  }
  if (!loaded) return <div className="print-sheet print-loading">{t('reports.print.loading')}</div>;

  const { preview, figures, thumbs } = loaded;
  const footer = `${preview.title} · ${t('reports.print.footerPeriod', { from: preview.from, to: preview.to })}`;
  return (
    <div className="print-sheet" data-testid="print-page" lang={preview.language}>
      <style>{pageCss(footer)}</style>
      <header className="print-head">
        <h1 className="print-title" data-testid="print-title">
          {preview.title}
        </h1>
        {preview.titleRows.map((line, i) => (
          <p key={i} className="print-title-row">
            {line}
          </p>
        ))}
      </header>
      <PrintCharts report={preview.report} figures={figures} />
      {preview.tables.map((table) => (
        <PrintTable
          key={table.key}
          table={table}
          lang={preview.language}
          thumbs={thumbs}
          note={table.truncated ? t('reports.print.truncated', { shown: table.rows.filter((row) => row.kind === 'data').length, count: table.dataRows }) : null}
        />
      ))}
    </div>
  );
}
