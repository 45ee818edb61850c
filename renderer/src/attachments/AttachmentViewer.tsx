// One attachment large: the photo with zoom, previous and next (buttons and the arrow keys), its
// caption, when it was taken and by whom it was added; a PDF's pages drawn here (PdfPages, loaded
// only when a PDF is opened), with the computer's PDF reader as the second way. Deleting here is a
// synced delete of the row; the same photo on other records stays. The gallery pages through more
// than it holds at once: it gives the position in the whole set and takes the steps itself.
import { DeleteOutlined, FilePdfOutlined, LeftOutlined, RightOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState, type JSX, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentView } from '../../../shared/domain/attachments';
import { api } from '../api';
import { useNotifyError } from '../errors/useNotifyError';
import type { ContentUrls } from './contentUrls';
import { useContentUrl } from './useContentUrl';

const PdfPages = lazy(() => import('./PdfPages').then((m) => ({ default: m.PdfPages })));

const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3];
/** ZOOMS[FIT] = 1: the whole photo in the window. */
const FIT = 2;

export interface AttachmentViewerProps {
  items: AttachmentView[];
  index: number;
  urls: ContentUrls;
  onIndex: (index: number) => void;
  onClose: () => void;
  onChanged: () => void;
  /** Where `items[index]` stands in a longer set (the gallery's filtered photos), and how to move in it. */
  position?: { index: number; total: number; onStep: (step: 1 | -1) => void };
  /** What else to show of the item (the gallery's link to its record). */
  extra?: (item: AttachmentView) => ReactNode;
}

export function AttachmentViewer({ items, index, urls, onIndex, onClose, onChanged, position, extra }: AttachmentViewerProps): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const item = items[index]!;
  // Zoom and the caption being typed belong to one attachment: moving to the next starts afresh.
  const [zoomOf, setZoomOf] = useState<{ id: string; level: number } | null>(null);
  const zoom = zoomOf?.id === item.id ? zoomOf.level : FIT;
  const setZoom = (next: (level: number) => number) => setZoomOf({ id: item.id, level: next(zoom) });
  const [draft, setDraft] = useState<{ id: string; text: string } | null>(null);
  const caption = draft?.id === item.id ? draft.text : (item.caption ?? '');
  const setCaption = (text: string) => setDraft({ id: item.id, text });
  // A PDF is drawn from its bytes (PdfPages); only a photo needs an address.
  const url = useContentUrl(urls, item.present && item.kind === 'photo' ? item.sha256 : null);
  const pdfHash = item.kind === 'pdf' && item.present ? item.sha256 : null;
  const loadPdf = useCallback(() => urls.bytesOf(pdfHash ?? ''), [urls, pdfHash]);

  const total = position?.total ?? items.length;
  const go = useCallback(
    (step: 1 | -1) => (position ? position.onStep(step) : onIndex((index + step + items.length) % items.length)),
    [position, onIndex, index, items.length],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement | null)?.closest('input, textarea')) return;
      if (e.key === 'ArrowLeft') go(-1);
      if (e.key === 'ArrowRight') go(1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  /** The PDF handed to the computer's own reader: a blob: address made when asked for, as a download. */
  async function openInSystem(): Promise<void> {
    const href = URL.createObjectURL(new Blob([await urls.bytesOf(item.sha256)], { type: 'application/pdf' }));
    const link = Object.assign(document.createElement('a'), { href, download: item.fileName, target: '_blank' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  }

  async function act(action: () => Promise<unknown>, done?: string): Promise<void> {
    try {
      await action();
      if (done) void message.success(done);
      onChanged();
    } catch (error) {
      notifyError(error);
    }
  }

  const saveCaption = () => {
    if ((item.caption ?? '') === caption.trim()) return;
    void act(() => api.attachments.update({ id: item.id, patch: { caption } }));
  };
  const scale = ZOOMS[zoom]!;
  const when = new Date(item.createdAt).toLocaleDateString();

  return (
    <Modal
      open
      width="min(1100px, 94vw)"
      title={t('attachments.viewer', { index: (position?.index ?? index) + 1, total, name: item.fileName })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      data-testid="attachment-viewer"
    >
      <div style={{ height: '62vh', overflow: item.kind === 'pdf' ? 'hidden' : 'auto', background: '#1f1f1f', borderRadius: 6, display: 'flex', alignItems: scale <= 1 ? 'center' : 'flex-start', justifyContent: scale <= 1 ? 'center' : 'flex-start' }}>
        {item.kind === 'pdf' && pdfHash ? (
          <Suspense fallback={<Spin style={{ margin: 'auto' }} />}>
            <PdfPages key={pdfHash} load={loadPdf} />
          </Suspense>
        ) : url ? (
          <img
            src={url}
            alt={item.caption ?? item.fileName}
            data-testid="attachment-image"
            style={scale <= 1 ? { maxWidth: `${scale * 100}%`, maxHeight: `${scale * 100}%`, objectFit: 'contain' } : { width: `${scale * 100}%`, maxWidth: 'none' }}
          />
        ) : (
          <Typography.Text style={{ color: '#d9d9d9', margin: 'auto' }}>{item.present ? '…' : t('attachments.missing')}</Typography.Text>
        )}
      </div>
      <Space wrap style={{ marginTop: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Button icon={<LeftOutlined />} onClick={() => go(-1)} disabled={total < 2} data-testid="attachment-previous">{t('attachments.previous')}</Button>
          <Button icon={<RightOutlined />} iconPlacement="end" onClick={() => go(1)} disabled={total < 2} data-testid="attachment-next">{t('attachments.next')}</Button>
          {item.kind === 'photo' && (
            <>
              <Button icon={<ZoomOutOutlined />} onClick={() => setZoom((z) => Math.max(0, z - 1))} disabled={zoom === 0} aria-label={t('attachments.zoomOut')} title={t('attachments.zoomOut')} />
              <Button onClick={() => setZoom(() => FIT)} data-testid="attachment-zoom-level">{Math.round(scale * 100)}%</Button>
              <Button icon={<ZoomInOutlined />} onClick={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))} disabled={zoom === ZOOMS.length - 1} aria-label={t('attachments.zoomIn')} title={t('attachments.zoomIn')} data-testid="attachment-zoom-in" />
            </>
          )}
        </Space>
        <Space wrap>
          {pdfHash && (
            <Button icon={<FilePdfOutlined />} onClick={() => void openInSystem().catch(notifyError)} data-testid="attachment-open-pdf">
              {t('gallery.pdf.openInSystem')}
            </Button>
          )}
          {item.keepLocation && (
            <>
              <Tag color="orange">{t('attachments.locationKept')}</Tag>
              <Button size="small" onClick={() => void act(() => api.attachments.update({ id: item.id, patch: { keepLocation: false } }))}>{t('attachments.removeLocation')}</Button>
            </>
          )}
          <Popconfirm title={t('attachments.removeConfirm')} okText={t('attachments.remove')} cancelText={t('common.cancel')}
            onConfirm={() => void act(async () => {
              await api.attachments.remove({ id: item.id });
              if (total === 1) onClose();
              // In the gallery the next one moves into this place when the page is read again.
              else if (!position && index === items.length - 1) onIndex(index - 1);
            }, t('attachments.removed'))}>
            <Button danger icon={<DeleteOutlined />} data-testid="attachment-remove">{t('attachments.remove')}</Button>
          </Popconfirm>
        </Space>
      </Space>
      <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }} size={4}>
        <Input
          prefix={<Typography.Text type="secondary">{t('attachments.caption')}</Typography.Text>}
          placeholder={t('attachments.captionPlaceholder')}
          value={caption}
          maxLength={200}
          onChange={(e) => setCaption(e.target.value)}
          onBlur={saveCaption}
          onPressEnter={saveCaption}
          data-testid="attachment-caption"
        />
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }} size={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[
              item.takenAt ? t('attachments.takenAt', { when: item.takenAt.replace('T', ' ').slice(0, 16) }) : null,
              t('attachments.attachedBy', { who: item.attachedBy ?? '—', when }),
              item.width && item.height ? t('attachments.size', { width: item.width, height: item.height, kb: Math.round(item.sizeBytes / 1024) }) : null,
            ].filter(Boolean).join(' · ')}
          </Typography.Text>
          {extra?.(item)}
        </Space>
      </Space>
    </Modal>
  );
}
