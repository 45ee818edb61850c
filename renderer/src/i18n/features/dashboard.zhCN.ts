// The dashboards' words in Chinese; zhCN.ts mounts them under `dashboard`.
export const dashboardZhCN = {
  title: '工作进展',
  listSeparator: '、',
  period: {
    label: '统计时段',
    month: '本月',
    lastMonth: '上月',
    quarter: '本季度',
    lastQuarter: '上季度',
    year: '本年度',
    term: '任期以来',
    custom: '自定义',
    days: '{{from}} 至 {{to}}',
  },
  headline: {
    title: '工作成绩单',
    unanswered: '台账暂无法统计',
    money: '到位资金 {{wan}} 万元',
    missing: '未填报的村：{{villages}}',
    basis: {
      reported: '据村情指标填报',
      partial: '据村情指标填报，{{count}} 个村未填',
      unanswered: '各村均未填报村情指标',
    },
    visitedHouseholds: { label: '走访群众', unit: '户' },
    reserveCadres: { label: '培养后备干部', unit: '名' },
    venuesRebuilt: { label: '改扩建村活动场所', unit: '处' },
    plans: { label: '制定帮扶计划', unit: '个' },
    projectsIntroduced: { label: '引进项目', unit: '个' },
    commitments: { label: '公开承诺', unit: '项' },
    needsSolved: { label: '解决诉求', unit: '件' },
  },
} as const;
