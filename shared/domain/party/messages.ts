// Why a member-development or reserve-cadre write is refused (or asked about), as i18n keys under
// `validation.party.` so the main process and the form name the same rule in the person's language
// (renderer/src/i18n/features/party.*.ts holds the words, each naming the rule it applies).
export const P = {
  // the order of the stages
  stageOrder: 'validation.party.stageOrder',
  stageTaken: 'validation.party.stageTaken',
  candidateClosed: 'validation.party.candidateClosed',
  beforePrevious: 'validation.party.beforePrevious',
  underAge: 'validation.party.underAge',
  // the clocks
  talkLate: 'validation.party.talkLate',
  talkMissing: 'validation.party.talkMissing',
  activistTooSoon: 'validation.party.activistTooSoon',
  approvalLate: 'validation.party.approvalLate',
  approvalBeforeMeeting: 'validation.party.approvalBeforeMeeting',
  probationNotDue: 'validation.party.probationNotDue',
  conversionLate: 'validation.party.conversionLate',
  extensionTwice: 'validation.party.extensionTwice',
  extensionRange: 'validation.party.extensionRange',
  // the evaluation
  evaluationMissing: 'validation.party.evaluationMissing',
  evaluationTwice: 'validation.party.evaluationTwice',
  scoreContinue: 'validation.party.scoreContinue',
  scoreEliminate: 'validation.party.scoreEliminate',
  followUpMissing: 'validation.party.followUpMissing',
  // what admission waits for
  reviewMissing: 'validation.party.reviewMissing',
  trainingMissing: 'validation.party.trainingMissing',
  trainingTooShort: 'validation.party.trainingTooShort',
  // the meeting, the vote, the signatures
  meetingWrong: 'validation.party.meetingWrong',
  voteMissing: 'validation.party.voteMissing',
  votesTooMany: 'validation.party.votesTooMany',
  quorumFailed: 'validation.party.quorumFailed',
  voteFailed: 'validation.party.voteFailed',
  signoffMissing: 'validation.party.signoffMissing',
  notForStep: 'validation.party.notForStep',
  // the model county's checks
  familyReportMissing: 'validation.party.familyReportMissing',
  recordFilingMissing: 'validation.party.recordFilingMissing',
  // reserve cadres
  cadreUnderAge: 'validation.party.cadreUnderAge',
  outcomeOnTraining: 'validation.party.outcomeOnTraining',
  trainingOutsideReserve: 'validation.party.trainingOutsideReserve',
  reserveCadresComputed: 'validation.party.reserveCadresComputed',
} as const;

export type PartyMessage = (typeof P)[keyof typeof P];

/** The late steps a person may still record once they confirm it (the soft rules' one confirmation). */
export const LATE_MESSAGES: readonly PartyMessage[] = [P.talkLate, P.approvalLate, P.conversionLate];
