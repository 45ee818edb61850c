// 照片档案: one village's photos and scans from every ledger, a page at a time, newest month first,
// filtered by ledger and month. A secretary sees her village; a coordinator picks one (the lists'
// village, else the first). The viewer pages through the whole filtered set, loading the next page
// when it steps past this one; each photo links to its record.
import { Card, Empty, Pagination, Select, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHABLE_NOUNS, type AttachableNoun } from '../../../../shared/domain/attachments';
import { GALLERY_PAGE_SIZE, type GalleryItem, type GalleryPage as GalleryPageData } from '../../../../shared/domain/attachmentsGallery';
import { api } from '../../api';
import { useNotifyError } from '../../errors/useNotifyError';
import { ledgerTitle } from '../../ledgers/labels';
import { ledgerRoute, type Route } from '../../shell/route';
import { navigate } from '../../shell/useRoute';
import { useAppStore } from '../../store/useAppStore';
import { GalleryPage } from './GalleryPage';
import { galleryStep } from './galleryStep';

interface Filters {
  villageId: string | null;
  ledger: AttachableNoun | null;
  month: string | null;
  page: number;
}

function filtersOf(route: Route): Filters {
  const ledger = route.params.ledger;
  return {
    villageId: route.params.village ?? null,
    ledger: ledger && (ATTACHABLE_NOUNS as readonly string[]).includes(ledger) ? (ledger as AttachableNoun) : null,
    month: /^\d{4}-\d{2}$/.test(route.params.month ?? '') ? route.params.month! : null,
    page: 1,
  };
}

export function GalleryScreen({ route }: { route: Route }): JSX.Element {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const villages = useAppStore((s) => s.scopeVillages);
  const listsVillage = useAppStore((s) => s.ledgerVillageId);
  const language = useAppStore((s) => s.language);
  const [picked, setFilters] = useState<Filters>(() => filtersOf(route));
  // The villages arrive after the screen: until one is picked, the lists' village, else the first.
  const villageId = picked.villageId ?? listsVillage ?? villages[0]?.id ?? null;
  const filters = { ...picked, villageId };
  const offset = (filters.page - 1) * GALLERY_PAGE_SIZE;
  const key = JSON.stringify(filters);

  const [data, setData] = useState<{ key: string; value: GalleryPageData } | null>(null);
  const [version, setVersion] = useState(0);
  const [viewing, setViewing] = useState<number | null>(null);
  useEffect(() => {
    if (!villageId) return;
    let live = true;
    api.attachments
      .gallery({ villageId, ...(filters.ledger ? { ledger: filters.ledger } : {}), ...(filters.month ? { month: filters.month } : {}), offset, limit: GALLERY_PAGE_SIZE })
      .then((value) => live && setData({ key, value }), notifyError);
    return () => {
      live = false;
    };
    // key stands for the filters and the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version, notifyError]);

  const set = (patch: Partial<Filters>) => {
    setViewing(null);
    setFilters({ ...filters, page: 1, ...patch });
  };
  const total = data?.value.total ?? 0;
  const openRecord = useCallback(
    (item: GalleryItem) => navigate(ledgerRoute(item.ledger, { village: item.villageId, id: item.recordId })),
    [],
  );
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  const shown = data && data.key === key ? data.value : null;
  // A delete in the viewer leaves one fewer: the next moves into its place, or the last one is shown.
  const open = viewing !== null && shown ? Math.min(viewing, shown.total - 1) : null;
  // Past the page's last photo the next page is read and its first shown.
  const step = (by: 1 | -1) => {
    const next = open === null ? null : galleryStep(open, by, total, GALLERY_PAGE_SIZE);
    if (!next) return;
    setViewing(next.position);
    if (next.page !== filters.page) setFilters({ ...filters, page: next.page });
  };
  return (
    <Card
      title={t('gallery.title')}
      data-testid="gallery-screen"
      extra={shown && <Typography.Text type="secondary" data-testid="gallery-total">{t('gallery.total', { count: shown.total })}</Typography.Text>}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>{t('gallery.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        {villages.length > 1 && (
          <Select
            aria-label={t('gallery.village')}
            data-testid="gallery-village"
            value={villageId ?? undefined}
            placeholder={t('gallery.pickVillage')}
            onChange={(v: string) => set({ villageId: v, month: null })}
            options={villages.map((v) => ({ value: v.id, label: v.name }))}
            style={{ width: 160 }}
          />
        )}
        <Select
          aria-label={t('gallery.ledger')}
          data-testid="gallery-ledger"
          value={filters.ledger ?? ''}
          onChange={(v: string) => set({ ledger: (v || null) as AttachableNoun | null, month: null })}
          options={[{ value: '', label: t('gallery.allLedgers') }, ...ATTACHABLE_NOUNS.map((noun) => ({ value: noun, label: ledgerTitle(t, noun) }))]}
          style={{ width: 160 }}
        />
        <Select
          aria-label={t('gallery.month')}
          data-testid="gallery-month-filter"
          value={filters.month ?? ''}
          onChange={(v: string) => set({ month: v || null })}
          options={[
            { value: '', label: t('gallery.allMonths') },
            ...(shown?.months ?? []).map((m) => ({ value: m.month, label: t('gallery.monthOption', { month: m.month, count: m.count }) })),
          ]}
          style={{ width: 160 }}
        />
      </Space>
      {!villageId ? (
        <Empty description={t('gallery.pickVillage')} />
      ) : !shown ? (
        <Spin style={{ display: 'block', margin: '48px auto' }} />
      ) : shown.items.length === 0 ? (
        <Empty description={filters.ledger || filters.month ? t('gallery.emptyFiltered') : t('gallery.empty')} data-testid="gallery-empty" />
      ) : (
        <>
          <GalleryPage
            key={key}
            data={shown}
            offset={offset}
            language={language}
            viewing={open !== null && open >= 0 ? open : null}
            onView={setViewing}
            onStep={step}
            onChanged={reload}
            onOpenRecord={openRecord}
          />
          <Pagination
            current={filters.page}
            pageSize={GALLERY_PAGE_SIZE}
            total={shown.total}
            showSizeChanger={false}
            hideOnSinglePage
            onChange={(page) => setFilters({ ...filters, page })}
            style={{ textAlign: 'center', marginTop: 8 }}
            data-testid="gallery-pagination"
          />
        </>
      )}
    </Card>
  );
}
