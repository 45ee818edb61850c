// A PDF scan inside the viewer: one page at a time with PDF.js, previous / next page and zoom.
// This module is loaded only when a PDF is opened (AttachmentViewer imports it lazily), so the
// app's first screen carries none of PDF.js. Nothing in the file runs: scripts are refused at
// intake already, and here PDF.js gets no scripting sandbox, no eval, no XFA forms, and only the
// page's canvas is drawn (no annotation layer: no links, no form fields).
import { LeftOutlined, RightOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Button, Space, Spin, Typography } from 'antd';
import { getDocument, GlobalWorkerOptions, RenderingCancelledException, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';

// The worker parses the file off the page's thread; its script is a file of the app itself (CSP 'self').
GlobalWorkerOptions.workerSrc = workerUrl;

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
/** ZOOMS[FIT] = 1: the whole page in the window. */
const FIT = 2;

export interface PdfPagesProps {
  /** The file's bytes (asked for by hash). */
  load: () => Promise<Uint8Array>;
  /** Called when PDF.js cannot read the file, so the viewer can offer the system reader instead. */
  onFailed?: () => void;
}

export function PdfPages({ load, onFailed }: PdfPagesProps): JSX.Element {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(FIT);
  const [drawn, setDrawn] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let live = true;
    let task: ReturnType<typeof getDocument> | null = null;
    load()
      .then((data) => {
        if (!live) return null;
        task = getDocument({ data, isEvalSupported: false, enableXfa: false, stopAtErrors: false });
        return task.promise;
      })
      .then(
        (opened) => {
          if (live && opened) setDoc(opened);
        },
        () => {
          if (!live) return;
          setFailed(true);
          onFailed?.();
        },
      );
    return () => {
      live = false;
      void task?.destroy();
    };
  }, [load, onFailed]);

  useEffect(() => {
    const target = canvas.current;
    const frame = box.current;
    if (!doc || !target || !frame) return;
    let cancelled = false;
    let render: RenderTask | null = null;
    doc
      .getPage(page)
      .then((pdfPage) => {
        if (cancelled) return;
        const natural = pdfPage.getViewport({ scale: 1 });
        // 100 % is the whole page in the window; the zoom steps are of that.
        const fit = Math.min((frame.clientWidth - 16) / natural.width, (frame.clientHeight - 16) / natural.height);
        const viewport = pdfPage.getViewport({ scale: Math.max(0.05, fit) * ZOOMS[zoom]! });
        const ratio = window.devicePixelRatio || 1;
        target.width = Math.floor(viewport.width * ratio);
        target.height = Math.floor(viewport.height * ratio);
        target.style.width = `${Math.floor(viewport.width)}px`;
        target.style.height = `${Math.floor(viewport.height)}px`;
        render = pdfPage.render({ canvas: target, viewport, ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}) });
        return render.promise.then(() => {
          if (!cancelled) setDrawn(`${page}@${ZOOMS[zoom]}`);
        });
      })
      .catch((error: unknown) => {
        if (cancelled || error instanceof RenderingCancelledException) return;
        setFailed(true);
        onFailed?.();
      });
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [doc, page, zoom, onFailed]);

  const pages = doc?.numPages ?? 0;
  const scale = ZOOMS[zoom]!;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', width: '100%', height: '100%' }} data-testid="pdf-pages">
      <Space wrap style={{ padding: '6px 8px', justifyContent: 'center', width: '100%', background: '#f5f5f5' }}>
        <Button size="small" icon={<LeftOutlined />} onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page <= 1} data-testid="pdf-previous-page">
          {t('gallery.pdf.previousPage')}
        </Button>
        <Typography.Text data-testid="pdf-page">
          {pages ? t('gallery.pdf.page', { page, pages }) : ''}
        </Typography.Text>
        <Button size="small" icon={<RightOutlined />} iconPlacement="end" onClick={() => setPage((p) => Math.min(pages, p + 1))} disabled={page >= pages} data-testid="pdf-next-page">
          {t('gallery.pdf.nextPage')}
        </Button>
        <Button size="small" icon={<ZoomOutOutlined />} onClick={() => setZoom((z) => Math.max(0, z - 1))} disabled={zoom === 0} aria-label={t('attachments.zoomOut')} title={t('attachments.zoomOut')} />
        <Button size="small" onClick={() => setZoom(FIT)} data-testid="pdf-zoom-level">{Math.round(scale * 100)}%</Button>
        <Button size="small" icon={<ZoomInOutlined />} onClick={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))} disabled={zoom === ZOOMS.length - 1} aria-label={t('attachments.zoomIn')} title={t('attachments.zoomIn')} data-testid="pdf-zoom-in" />
      </Space>
      <div ref={box} style={{ flex: 1, minHeight: 0, overflow: 'auto', display: 'flex', padding: 8 }}>
        {failed ? (
          <Typography.Text style={{ color: '#d9d9d9', margin: 'auto' }} data-testid="pdf-failed">{t('gallery.pdf.failed')}</Typography.Text>
        ) : (
          <>
            {!doc && <Spin description={t('gallery.pdf.loading')} style={{ margin: 'auto' }} />}
            <canvas ref={canvas} data-testid="pdf-canvas" data-drawn={drawn ?? ''} style={{ background: '#fff', margin: 'auto', display: doc ? 'block' : 'none', flex: 'none' }} />
          </>
        )}
      </div>
    </div>
  );
}
