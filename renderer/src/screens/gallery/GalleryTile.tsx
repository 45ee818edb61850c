// One photo or scan in 照片档案: its thumbnail (a PDF's sign, or a placeholder while the file has
// not come to this computer), the ledger and record it belongs to as a link, and its caption.
import { CloudDownloadOutlined, FilePdfOutlined, PictureOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { GalleryItem } from '../../../../shared/domain/attachmentsGallery';
import type { ContentUrls } from '../../attachments/contentUrls';
import { useContentUrl } from '../../attachments/useContentUrl';
import { ledgerTitle } from '../../ledgers/labels';

export interface GalleryTileProps {
  item: GalleryItem;
  urls: ContentUrls;
  onOpen: () => void;
  onOpenRecord: () => void;
}

/** The record as a person names it: 王建国 · 2026-11-20, or the day alone (a diary entry). */
export function recordText(item: GalleryItem): string {
  return [item.record.label, item.record.date].filter(Boolean).join(' · ');
}

export function GalleryTile({ item, urls, onOpen, onOpenRecord }: GalleryTileProps): JSX.Element {
  const { t } = useTranslation();
  const url = useContentUrl(urls, item.present && item.kind === 'photo' ? item.thumbSha256 : null);
  const label = item.caption ?? item.fileName;
  const record = recordText(item);
  return (
    <div className="gallery-tile" data-testid="gallery-tile" style={{ minWidth: 0 }}>
      <button type="button" onClick={onOpen} aria-label={label} data-testid="gallery-thumb" data-present={item.present ? '1' : '0'}
        style={{ width: '100%', aspectRatio: '4 / 3', padding: 0, border: '1px solid #d9d9d9', borderRadius: 6, background: '#fafafa', cursor: 'pointer', overflow: 'hidden', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 4 }}>
        {!item.present ? (
          <Tooltip title={t('gallery.notHereHint')}>
            <span style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 4, color: '#8c8c8c' }} data-testid="gallery-not-here">
              <CloudDownloadOutlined style={{ fontSize: 30 }} />
              <span style={{ fontSize: 12 }}>{t('gallery.notHere')}</span>
            </span>
          </Tooltip>
        ) : item.kind === 'pdf' ? (
          <>
            <FilePdfOutlined style={{ fontSize: 40, color: '#cf1322' }} />
            <Typography.Text ellipsis style={{ maxWidth: '90%', fontSize: 12 }}>{item.fileName}</Typography.Text>
          </>
        ) : url ? (
          <img src={url} alt={label} loading="lazy" style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
        ) : (
          <PictureOutlined style={{ fontSize: 32, color: '#bfbfbf' }} />
        )}
      </button>
      <div style={{ display: 'flex', alignItems: 'center', gap: 4, marginTop: 6, minWidth: 0 }}>
        <Tag style={{ marginInlineEnd: 0, flex: 'none' }}>{ledgerTitle(t, item.ledger)}</Tag>
        {item.record.gone ? (
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }} title={t('gallery.recordGone')}>{item.record.label ?? t('gallery.recordGone')}</Typography.Text>
        ) : (
          <Typography.Link ellipsis onClick={onOpenRecord} style={{ fontSize: 12 }} title={t('gallery.recordLink', { record })} data-testid="gallery-record-link">
            {item.record.label ?? t('gallery.openRecord')}
          </Typography.Link>
        )}
      </div>
      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, marginTop: 2 }} title={label}>
        {[item.record.date, label].filter(Boolean).join(' · ')}
      </Typography.Text>
    </div>
  );
}
