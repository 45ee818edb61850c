// The closed vocabularies of the village ledgers, each value with its Chinese and English label.
// Values are stable English slugs (they are stored and synced); labels may be reworded freely.
import type { LabelledEnum } from './labels';

export const VILLAGE_TYPE_LABELS = {
  lifted: { zh: '脱贫村', en: 'Lifted out of poverty' },
  relocation: { zh: '易地搬迁安置村', en: 'Relocation settlement' },
  weak: { zh: '软弱涣散村', en: 'Weak party organisation' },
  revitalisation: { zh: '乡村振兴重点村', en: 'Revitalisation priority' },
} as const satisfies LabelledEnum<string>;

export const HOUSEHOLD_CATEGORY_LABELS = {
  ordinary: { zh: '一般户', en: 'Ordinary' },
  lifted: { zh: '脱贫户', en: 'Lifted out of poverty' },
  monitored: { zh: '监测户', en: 'Monitored' },
  dibao: { zh: '低保户', en: 'Minimum living allowance' },
  tekun: { zh: '特困户', en: 'Extreme hardship' },
} as const satisfies LabelledEnum<string>;

export const VISIT_MODE_LABELS = {
  home: { zh: '入户', en: 'Home visit' },
  phone: { zh: '电话', en: 'Phone' },
  meeting: { zh: '座谈', en: 'Meeting' },
} as const satisfies LabelledEnum<string>;

export const NEED_CATEGORY_LABELS = {
  water: { zh: '水', en: 'Water' },
  road: { zh: '路', en: 'Roads' },
  power: { zh: '电', en: 'Power' },
  medical: { zh: '医', en: 'Medical care' },
  school: { zh: '学', en: 'Schooling' },
  jobs: { zh: '就业', en: 'Jobs' },
  housing: { zh: '住房', en: 'Housing' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies LabelledEnum<string>;

export const NEED_STATUS_LABELS = {
  open: { zh: '待办', en: 'Open' },
  in_progress: { zh: '办理中', en: 'In progress' },
  done: { zh: '已办结', en: 'Done' },
} as const satisfies LabelledEnum<string>;

export const SATISFACTION_LABELS = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  fair: { zh: '基本满意', en: 'Fairly satisfied' },
  unsatisfied: { zh: '不满意', en: 'Not satisfied' },
} as const satisfies LabelledEnum<string>;

export const PLAN_STATUS_LABELS = {
  planned: { zh: '未开始', en: 'Not started' },
  in_progress: { zh: '推进中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  delayed: { zh: '滞后', en: 'Behind' },
} as const satisfies LabelledEnum<string>;

export const PROJECT_KIND_LABELS = {
  industry: { zh: '产业', en: 'Industry' },
  infrastructure: { zh: '基础设施', en: 'Infrastructure' },
  livelihood: { zh: '民生', en: 'Livelihood' },
  party: { zh: '党建', en: 'Party building' },
  culture: { zh: '文化', en: 'Culture' },
} as const satisfies LabelledEnum<string>;

/** The status pipeline of a project, in order. */
export const PROJECT_STATUS_LABELS = {
  reserve: { zh: '储备', en: 'Reserve' },
  approved: { zh: '立项', en: 'Approved' },
  building: { zh: '在建', en: 'Under way' },
  finished: { zh: '完工', en: 'Finished' },
  accepted: { zh: '验收', en: 'Accepted' },
} as const satisfies LabelledEnum<string>;

export const FUND_DIRECTION_LABELS = {
  in: { zh: '到位', en: 'Received' },
  out: { zh: '支出', en: 'Spent' },
} as const satisfies LabelledEnum<string>;

export const COMMITMENT_STATUS_LABELS = {
  pending: { zh: '未开始', en: 'Not started' },
  in_progress: { zh: '推进中', en: 'In progress' },
  fulfilled: { zh: '已兑现', en: 'Fulfilled' },
} as const satisfies LabelledEnum<string>;

export const PRESENCE_LABELS = {
  in_village: { zh: '在村', en: 'In the village' },
  leave: { zh: '请假', en: 'On leave' },
  trip: { zh: '公差', en: 'Official trip' },
  training: { zh: '培训', en: 'Training' },
} as const satisfies LabelledEnum<string>;

/** Leave of up to 3 days is approved by the township, longer by the county. */
export const APPROVER_LEVEL_LABELS = {
  township: { zh: '乡镇审批', en: 'Township' },
  county: { zh: '县级审批', en: 'County' },
} as const satisfies LabelledEnum<string>;

export const LEAVE_STATUS_LABELS = {
  pending: { zh: '待审批', en: 'Pending' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '未批准', en: 'Rejected' },
} as const satisfies LabelledEnum<string>;

export const MONITOR_TYPE_LABELS = {
  unstable: { zh: '脱贫不稳定户', en: 'Unstable after lifting' },
  marginal: { zh: '边缘易致贫户', en: 'Marginal, at risk' },
  sudden: { zh: '突发严重困难户', en: 'Sudden severe hardship' },
} as const satisfies LabelledEnum<string>;

export const RISK_TYPE_LABELS = {
  illness: { zh: '因病', en: 'Illness' },
  disability: { zh: '因残', en: 'Disability' },
  education: { zh: '因学', en: 'Schooling costs' },
  disaster: { zh: '因灾', en: 'Disaster' },
  accident: { zh: '因意外事故', en: 'Accident' },
  unemployment: { zh: '因务工就业不稳', en: 'Unstable work' },
  industry: { zh: '因产业项目失败', en: 'Failed business' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies LabelledEnum<string>;

export const SIGNAL_SOURCE_LABELS = {
  self_report: { zh: '农户自主申报', en: 'Household applied' },
  grid_check: { zh: '网格员排查', en: 'Grid worker check' },
  department: { zh: '部门筛查预警', en: 'Department data alert' },
} as const satisfies LabelledEnum<string>;

export const RELATION_LABELS = {
  head: { zh: '户主', en: 'Head' },
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '子女', en: 'Child' },
  parent: { zh: '父母', en: 'Parent' },
  grandchild: { zh: '孙子女', en: 'Grandchild' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies LabelledEnum<string>;

export const LABOUR_LABELS = {
  full: { zh: '有劳动力', en: 'Able to work' },
  weak: { zh: '弱劳动力', en: 'Partly able' },
  none: { zh: '无劳动力', en: 'Not able' },
  lost: { zh: '丧失劳动力', en: 'Lost capacity' },
} as const satisfies LabelledEnum<string>;

/** Health is sensitive: never shown in public notices or exported without asking. */
export const HEALTH_LABELS = {
  healthy: { zh: '健康', en: 'Healthy' },
  chronic: { zh: '长期慢性病', en: 'Chronic illness' },
  serious: { zh: '大病', en: 'Serious illness' },
  disabled: { zh: '残疾', en: 'Disability' },
} as const satisfies LabelledEnum<string>;

export const SCHOOLING_LABELS = {
  preschool: { zh: '学龄前', en: 'Pre-school' },
  primary: { zh: '小学', en: 'Primary' },
  junior: { zh: '初中', en: 'Junior secondary' },
  senior: { zh: '高中（中专）', en: 'Senior secondary' },
  college: { zh: '大专及以上', en: 'College or above' },
  illiterate: { zh: '文盲或半文盲', en: 'Not literate' },
} as const satisfies LabelledEnum<string>;

export const HOUSING_GRADE_LABELS = {
  safe: { zh: '安全住房', en: 'Safe' },
  c: { zh: 'C级危房', en: 'Grade C unsafe' },
  d: { zh: 'D级危房', en: 'Grade D unsafe' },
} as const satisfies LabelledEnum<string>;

export const VENUE_STATUS_LABELS = {
  good: { zh: '达标', en: 'Up to standard' },
  rebuilt: { zh: '新建或改造', en: 'Built or rebuilt' },
  poor: { zh: '不达标', en: 'Below standard' },
} as const satisfies LabelledEnum<string>;
