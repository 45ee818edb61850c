// 照片和扫描件 on a record's form: its thumbnails, and adding files by drag and drop, paste or the
// file chooser (the system's own dialog in the desktop app), several at once with a progress bar.
// Files go one per call, so the bar moves as each is checked and kept; a refused file is named
// with its reason and the others still go in.
import { FilePdfOutlined, PaperClipOutlined, PictureOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Progress, Space, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ATTACHMENT_BYTES, type AttachableNoun, type AttachmentView } from '../../../shared/domain/attachments';
import { api } from '../api';
import { useNotifyError } from '../errors/useNotifyError';
import { AttachmentViewer } from './AttachmentViewer';
import { createContentUrls, type ContentUrls } from './contentUrls';
import { filesOf, readPageFile } from './fileData';
import { useContentUrl } from './useContentUrl';

const ACCEPT = 'image/jpeg,image/png,image/heic,image/heif,.heic,.heif,application/pdf';

export interface AttachmentsPanelProps {
  noun: AttachableNoun;
  /** The saved record; null while it is being added (files need a record to belong to). */
  recordId: string | null;
}

function Thumb({ item, urls, onOpen }: { item: AttachmentView; urls: ContentUrls; onOpen: () => void }): JSX.Element {
  const { t } = useTranslation();
  const url = useContentUrl(urls, item.present ? item.thumbSha256 : null);
  const label = item.caption ?? item.fileName;
  return (
    <Tooltip title={item.present ? label : t('attachments.missing')}>
      <button type="button" className="attachment-thumb" onClick={onOpen} data-testid="attachment-thumb" aria-label={label}
        style={{ width: 104, height: 104, padding: 0, border: '1px solid #d9d9d9', borderRadius: 6, background: '#fafafa', cursor: 'pointer', overflow: 'hidden', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center' }}>
        {item.kind === 'pdf' ? (
          <>
            <FilePdfOutlined style={{ fontSize: 36, color: '#cf1322' }} />
            <Typography.Text ellipsis style={{ maxWidth: 96, fontSize: 12 }}>{item.fileName}</Typography.Text>
          </>
        ) : url ? (
          <img src={url} alt={label} style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
        ) : (
          <PictureOutlined style={{ fontSize: 32, color: '#bfbfbf' }} />
        )}
      </button>
    </Tooltip>
  );
}

export function AttachmentsPanel({ noun, recordId }: AttachmentsPanelProps): JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const urls = useMemo(() => createContentUrls(), []);
  useEffect(() => () => urls.release(), [urls]);
  const [items, setItems] = useState<AttachmentView[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [keepLocation, setKeepLocation] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // Bumped after every change, so the list is read again.
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    if (!recordId) return;
    let live = true;
    api.attachments.list({ recordId }).then((list) => live && setItems(list.items), notifyError);
    return () => {
      live = false;
    };
  }, [recordId, version, notifyError]);

  const addFiles = useCallback(
    async (files: File[]) => {
      if (!recordId || files.length === 0 || progress) return;
      setProgress({ done: 0, total: files.length });
      let added = 0;
      try {
        for (const [i, file] of files.entries()) {
          // A file past the bound (a video chosen by mistake) is named here, never read into the page.
          if (file.size > MAX_ATTACHMENT_BYTES) {
            void message.error(t('attachments.refused', { name: file.name, reason: t('attachments.refusal.ATTACHMENT_TOO_LARGE') }), 8);
            setProgress({ done: i + 1, total: files.length });
            continue;
          }
          const { results } = await api.attachments.add({ ledger: noun, recordId, keepLocation, files: [await readPageFile(file)] });
          for (const r of results) {
            if (!r.ok) void message.error(t('attachments.refused', { name: r.name, reason: t(`attachments.refusal.${r.code}`) }), 8);
            else if (r.duplicate) void message.info(t('attachments.duplicate', { name: r.name }));
            else added++;
          }
          setProgress({ done: i + 1, total: files.length });
        }
        if (added > 0) void message.success(t('attachments.added', { count: added }));
      } catch (error) {
        notifyError(error);
      } finally {
        setProgress(null);
        reload();
      }
    },
    [recordId, progress, noun, keepLocation, message, t, notifyError, reload],
  );

  // A screenshot or a copied photo pasted anywhere while the form is open.
  useEffect(() => {
    if (!recordId) return;
    const onPaste = (e: ClipboardEvent) => {
      const files = filesOf(e.clipboardData);
      if (files.length === 0) return;
      e.preventDefault();
      void addFiles(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [recordId, addFiles]);

  if (!recordId) {
    return (
      <Card size="small" title={t('attachments.title')} data-testid="attachments-panel">
        <Typography.Text type="secondary">{t('attachments.saveFirst')}</Typography.Text>
      </Card>
    );
  }

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    void addFiles(filesOf(e.dataTransfer));
  };

  return (
    <Card size="small" title={t('attachments.title')} data-testid="attachments-panel"
      extra={
        <Space>
          <Tooltip title={t('attachments.keepLocationHint')}>
            <Checkbox checked={keepLocation} onChange={(e) => setKeepLocation(e.target.checked)} data-testid="attachments-keep-location">
              {t('attachments.keepLocation')}
            </Checkbox>
          </Tooltip>
          <Button icon={<PaperClipOutlined />} onClick={() => input.current?.click()} disabled={progress !== null} data-testid="attachments-add">
            {t('attachments.add')}
          </Button>
        </Space>
      }
    >
      <input ref={input} type="file" multiple accept={ACCEPT} hidden data-testid="attachments-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          void addFiles(files);
        }}
      />
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="attachments-drop"
        style={{ border: `1px dashed ${dragging ? '#1677ff' : '#d9d9d9'}`, borderRadius: 8, padding: 12, minHeight: 128, background: dragging ? '#e6f4ff' : undefined }}
      >
        {progress && (
          <Progress percent={Math.round((progress.done / progress.total) * 100)} format={() => t('attachments.uploading', progress)} data-testid="attachments-progress" />
        )}
        {items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<>{t('attachments.empty')}<br />{t('attachments.hint')}</>} />
        ) : (
          <>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
              {items.map((item, i) => (
                <Thumb key={item.id} item={item} urls={urls} onOpen={() => setViewing(i)} />
              ))}
            </div>
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>{t('attachments.hint')}</Typography.Text>
          </>
        )}
      </div>
      {viewing !== null && items[viewing] && (
        <AttachmentViewer items={items} index={viewing} urls={urls} onIndex={setViewing} onClose={() => setViewing(null)} onChanged={reload} />
      )}
    </Card>
  );
}
