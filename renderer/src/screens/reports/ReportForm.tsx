// What the person picks: the report (grouped, the public notices marked), its scope as their
// role allows, the period, and how ID and phone numbers appear — full only on an explicit,
// warned tick, and never on a public notice, which says why its box cannot be ticked.
import { LockOutlined } from '@ant-design/icons';
import { Alert, Checkbox, Flex, Radio, Select, Space, Tag, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceProfile } from '../../../../shared/domain/device';
import { HOUSEHOLD_CATEGORY_LABELS } from '../../../../shared/domain/ledgerEnums';
import { enumValues, labelOf } from '../../../../shared/domain/labels';
import type { Period } from '../../../../shared/domain/period';
import { isPublicNotice, REPORT_LABELS, SCOPE_LABELS, THUMBNAIL_REPORTS, type NoticeIdMode, type ReportKind, type ScopeLevel } from '../../../../shared/domain/reports';
import type { Village } from '../../../../shared/domain/village';
import { useAppStore } from '../../store/useAppStore';
import { PeriodPicker } from '../dashboard/PeriodPicker';
import { REPORT_GROUPS, reportsFor, scopesFor, withReport, type ReportChoice } from './reportChoice';

export interface ReportFormProps {
  profile: DeviceProfile;
  villages: readonly Village[];
  choice: ReportChoice;
  period: Period;
  onChange(next: ReportChoice): void;
}

export function ReportForm({ profile, villages, choice, period, onChange }: ReportFormProps): JSX.Element {
  const { t } = useTranslation();
  const lang = useAppStore((s) => s.language);
  const available = reportsFor(profile.role);
  const scopes = scopesFor(profile.role, choice.report);
  const notice = isPublicNotice(choice.report);
  const set = (patch: Partial<ReportChoice>) => onChange({ ...choice, ...patch });

  const reportOptions = REPORT_GROUPS.map((group) => ({
    label: t(`reports.groups.${group.key}`),
    options: group.reports
      .filter((report) => available.includes(report))
      .map((report) => ({
        value: report,
        label: (
          <span data-testid={`report-option-${report}`}>
            {labelOf(REPORT_LABELS, report, lang)}
            {isPublicNotice(report) && (
              <Tag color="green" style={{ marginInlineStart: 8 }}>
                {t('reports.publicTag')}
              </Tag>
            )}
          </span>
        ),
      })),
  })).filter((group) => group.options.length > 0);

  return (
    <Flex vertical gap={12} data-testid="report-form">
      <Flex gap={16} wrap align="center">
        <Space>
          <Typography.Text type="secondary">{t('reports.pick.report')}</Typography.Text>
          <Select<ReportKind>
            aria-label={t('reports.pick.report')}
            data-testid="report-kind"
            value={choice.report}
            onChange={(report) => onChange(withReport(choice, profile.role, report))}
            options={reportOptions}
            style={{ width: 300 }}
            listHeight={400}
          />
        </Space>
        <Space>
          <Typography.Text type="secondary">{t('reports.pick.scope')}</Typography.Text>
          <Radio.Group
            aria-label={t('reports.pick.scope')}
            data-testid="report-scope"
            optionType="button"
            value={choice.scope}
            onChange={(e) => set({ scope: e.target.value as ScopeLevel })}
            options={scopes.map((level) => ({ value: level, label: labelOf(SCOPE_LABELS, level, lang) }))}
          />
        </Space>
        {choice.scope === 'village' && (
          <Select<string>
            aria-label={t('reports.pick.village')}
            data-testid="report-village"
            value={choice.villageId ?? undefined}
            placeholder={t('reports.preview.noVillage')}
            onChange={(villageId) => set({ villageId })}
            options={villages.map((v) => ({ value: v.id, label: profile.role === 'district' ? `${v.township} ${v.name}` : v.name }))}
            style={{ width: 200 }}
            showSearch={{ optionFilterProp: 'label' }}
          />
        )}
        {choice.scope === 'township' && profile.role === 'district' && (
          <Select<string>
            aria-label={t('reports.pick.township')}
            data-testid="report-township"
            value={choice.township ?? profile.township}
            onChange={(township) => set({ township })}
            options={(profile.townships ?? [profile.township]).map((name) => ({ value: name, label: name }))}
            style={{ width: 180 }}
          />
        )}
        {choice.report === 'householdsNotice' && (
          <Select<string>
            aria-label={t('reports.pick.category')}
            data-testid="report-category"
            value={choice.householdCategory ?? ''}
            onChange={(value) => set({ householdCategory: value || null })}
            options={[
              { value: '', label: t('reports.pick.allCategories') },
              ...enumValues(HOUSEHOLD_CATEGORY_LABELS).map((value) => ({ value, label: labelOf(HOUSEHOLD_CATEGORY_LABELS, value, lang) })),
            ]}
            style={{ width: 160 }}
          />
        )}
      </Flex>
      <PeriodPicker period={period} />
      {THUMBNAIL_REPORTS.includes(choice.report) && (
        <Flex vertical gap={2}>
          <Checkbox data-testid="report-thumbnails" checked={choice.thumbnails} onChange={(e) => set({ thumbnails: e.target.checked })}>
            {t('reports.options.thumbnails')}
          </Checkbox>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reports.options.thumbnailsNote')}
          </Typography.Text>
        </Flex>
      )}
      <Flex vertical gap={6} data-testid="report-privacy">
        <Typography.Text type="secondary">{t('reports.options.title')}</Typography.Text>
        <Checkbox
          data-testid="report-show-full"
          checked={!notice && choice.showFullNumbers}
          disabled={notice}
          onChange={(e) => set({ showFullNumbers: e.target.checked })}
        >
          {t('reports.options.showFull')}
        </Checkbox>
        {notice ? (
          <>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="report-notice-reason">
              <LockOutlined /> {t('reports.options.noticeDisabled')}
            </Typography.Text>
            <Space>
              <Typography.Text>{t('reports.options.noticeIds')}</Typography.Text>
              <Radio.Group
                data-testid="report-notice-ids"
                value={choice.noticeIds}
                onChange={(e) => set({ noticeIds: e.target.value as NoticeIdMode })}
                options={[
                  { value: 'masked', label: t('reports.options.noticeMasked') },
                  { value: 'omitted', label: t('reports.options.noticeOmitted') },
                ]}
              />
            </Space>
          </>
        ) : choice.showFullNumbers ? (
          <Alert type="warning" showIcon title={t('reports.options.showFullWarning')} data-testid="report-show-full-warning" />
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reports.options.maskedNote')}
          </Typography.Text>
        )}
      </Flex>
    </Flex>
  );
}
