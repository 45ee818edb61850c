// One page of 照片档案: its tiles grouped under their months, and the viewer when one is open.
// Mounted afresh for every page (keyed by it), so the bytes fetched for a page are released when
// the next one shows: paging through 2,000 photos never holds more than one page's files.
import { Typography } from 'antd';
import { useEffect, useMemo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { GalleryItem, GalleryPage as GalleryPageData } from '../../../../shared/domain/attachmentsGallery';
import { AttachmentViewer } from '../../attachments/AttachmentViewer';
import { createContentUrls } from '../../attachments/contentUrls';
import { GalleryTile, recordText } from './GalleryTile';

export interface GalleryPageProps {
  data: GalleryPageData;
  /** The position of the page's first item in the whole filtered set. */
  offset: number;
  language: string;
  /** The open item's position in the whole set, or null. */
  viewing: number | null;
  onView: (position: number | null) => void;
  onStep: (step: 1 | -1) => void;
  onChanged: () => void;
  onOpenRecord: (item: GalleryItem) => void;
}

/** 2026-11 → 2026年11月 / November 2026, in the person's language. */
function monthName(month: string, language: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(year!, m! - 1, 1));
}

export function GalleryPage({ data, offset, language, viewing, onView, onStep, onChanged, onOpenRecord }: GalleryPageProps): JSX.Element {
  const { t } = useTranslation();
  const urls = useMemo(() => createContentUrls(), []);
  useEffect(() => () => urls.release(), [urls]);
  const counts = useMemo(() => new Map(data.months.map((m) => [m.month, m.count])), [data.months]);
  // The page's items in runs of one month (the query sorts by month first).
  const groups = useMemo(() => {
    const out: { month: string; start: number; items: GalleryItem[] }[] = [];
    data.items.forEach((item, i) => {
      const last = out[out.length - 1];
      if (last && last.month === item.month) last.items.push(item);
      else out.push({ month: item.month, start: i, items: [item] });
    });
    return out;
  }, [data.items]);
  const local = viewing === null ? -1 : viewing - offset;

  return (
    <>
      {groups.map((group) => (
        <section key={group.month} data-testid="gallery-month" data-month={group.month} style={{ marginBottom: 20 }}>
          <Typography.Title level={5} style={{ margin: '0 0 8px' }}>
            {monthName(group.month, language)}
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginInlineStart: 8 }}>
              {t('gallery.monthCount', { count: counts.get(group.month) ?? group.items.length })}
            </Typography.Text>
          </Typography.Title>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))', gap: 12 }}>
            {group.items.map((item, i) => (
              <GalleryTile key={item.id} item={item} urls={urls} onOpen={() => onView(offset + group.start + i)} onOpenRecord={() => onOpenRecord(item)} />
            ))}
          </div>
        </section>
      ))}
      {local >= 0 && local < data.items.length && (
        <AttachmentViewer
          items={data.items}
          index={local}
          urls={urls}
          onIndex={(i) => onView(offset + i)}
          onClose={() => onView(null)}
          onChanged={onChanged}
          position={{ index: viewing!, total: data.total, onStep }}
          extra={(item) => {
            const shown = item as GalleryItem;
            return shown.record.gone ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('gallery.recordGone')}</Typography.Text>
            ) : (
              <Typography.Link style={{ fontSize: 12 }} onClick={() => onOpenRecord(shown)} data-testid="viewer-record-link">
                {t('gallery.recordLink', { record: recordText(shown) })}
              </Typography.Link>
            );
          }}
        />
      )}
    </>
  );
}
