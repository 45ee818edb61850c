// The closed vocabularies of member development (发展党员) and reserve cadres (后备干部), each
// value a stable English slug (stored and synced) with its Chinese and English label.
import type { LabelledEnum } from '../labels';

/**
 * What one row of a candidate's step ledger records. The five stages (and the three ways out)
 * move the candidate on; the other steps happen within a stage and are what a stage waits for.
 */
export const STEP_LABELS = {
  application: { zh: '递交入党申请书', en: 'Application submitted' },
  talk: { zh: '谈话', en: 'Talk with the applicant' },
  activist: { zh: '确定入党积极分子', en: 'Listed as activist' },
  evaluation: { zh: '年度量化考评', en: 'Yearly scored evaluation' },
  target: { zh: '列为发展对象', en: 'Listed as development target' },
  review: { zh: '政治审查', en: 'Political review' },
  training: { zh: '集中培训', en: 'Concentrated training' },
  admission: { zh: '接收预备党员', en: 'Admitted as probationary member' },
  extension: { zh: '延长预备期', en: 'Probation extended' },
  conversion: { zh: '预备党员转正', en: 'Confirmed as full member' },
  disqualification: { zh: '取消预备党员资格', en: 'Probationary membership cancelled' },
  elimination: { zh: '淘汰', en: 'Eliminated' },
  familyReport: { zh: '家族化事前报告', en: 'Prior report (one family)' },
  recordFiling: { zh: '事前备案', en: 'Prior filing (past record)' },
} as const satisfies LabelledEnum<string>;
export type StepKind = keyof typeof STEP_LABELS;

/** Where a candidate stands: the last stage step recorded. */
export const STAGE_LABELS = {
  applicant: { zh: '入党申请人', en: 'Applicant' },
  activist: { zh: '入党积极分子', en: 'Activist' },
  target: { zh: '发展对象', en: 'Development target' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
  member: { zh: '正式党员', en: 'Full member' },
  disqualified: { zh: '取消资格', en: 'Disqualified' },
  eliminated: { zh: '已淘汰', en: 'Eliminated' },
} as const satisfies LabelledEnum<string>;
export type Stage = keyof typeof STAGE_LABELS;

/** The meeting a decision is taken at. */
export const MEETING_LABELS = {
  branchCommittee: { zh: '支部委员会', en: 'Branch committee' },
  branchAssembly: { zh: '支部党员大会', en: 'Branch general meeting' },
  partyCommittee: { zh: '乡镇党委会', en: 'Township party committee' },
  evaluationMeeting: { zh: '民主测评会', en: 'Evaluation meeting' },
} as const satisfies LabelledEnum<string>;
export type Meeting = keyof typeof MEETING_LABELS;

/** The five who sign a step off, village to township (the three levels of the model county's check). */
export const SIGNER_LABELS = {
  contactName: { zh: '培养联系人', en: 'Mentoring member' },
  cadreName: { zh: '政工干部', en: 'Political work cadre' },
  deputyName: { zh: '分管副书记', en: 'Deputy secretary in charge' },
  secretaryName: { zh: '党委书记', en: 'Party committee secretary' },
  organiserName: { zh: '组织员', en: 'Organiser' },
} as const satisfies LabelledEnum<string>;
export type Signer = keyof typeof SIGNER_LABELS;
export const SIGNERS = Object.keys(SIGNER_LABELS) as Signer[];

export const SEX_LABELS = {
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
} as const satisfies LabelledEnum<string>;

export const EDUCATION_LABELS = {
  primary: { zh: '小学及以下', en: 'Primary or less' },
  junior: { zh: '初中', en: 'Junior secondary' },
  senior: { zh: '高中（中专、技校）', en: 'Senior secondary or vocational' },
  college: { zh: '大专', en: 'College' },
  bachelor: { zh: '本科及以上', en: "Bachelor's or above" },
} as const satisfies LabelledEnum<string>;

/** How a reserve cadre came to be recommended: the organisation, themselves, or a talent pool. */
export const CHANNEL_LABELS = {
  organisation: { zh: '组织推荐', en: 'Recommended by the organisation' },
  self: { zh: '个人自荐', en: 'Self-recommended' },
  youthPool: { zh: '青年人才库', en: 'Youth talent pool' },
  skilledPool: { zh: '技能人才库', en: 'Skilled-worker pool' },
  womenPool: { zh: '妇女人才库', en: "Women's talent pool" },
} as const satisfies LabelledEnum<string>;

export const OUTCOME_LABELS = {
  training: { zh: '培养中', en: 'In training' },
  entered: { zh: '进入村“两委”', en: 'Joined the village committees' },
  exited: { zh: '退出', en: 'Left the reserve' },
} as const satisfies LabelledEnum<string>;
