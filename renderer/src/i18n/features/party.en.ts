// Member development and reserve cadres, in English. en.ts mounts partyEn under `party` and
// partyRulesEn under `validation.party`: every refusal names the rule it applies ("the Rules":
// the Party's rules on developing members, 2014).
export const partyRulesEn = {
  stageOrder: 'This step cannot follow the candidate\'s present stage: application → activist → development target → probationary member → full member, in that order',
  stageTaken: 'This stage is already recorded',
  candidateClosed: 'The candidate is a full member, was disqualified or eliminated: no further step can be recorded',
  beforePrevious: 'The date is before the previous stage',
  underAge: 'An applicant must be at least eighteen on the day of the application (Party Constitution, art. 1)',
  talkLate: 'Late: the branch talks with the applicant within a month of the application (the Rules, art. 10)',
  talkMissing: 'Record the talk with the applicant before listing them as an activist (the Rules, art. 10)',
  activistTooSoon: 'Too early: an activist is trained and observed for more than a year before being listed as a development target (the Rules, art. 14)',
  approvalLate: 'Late: the party committee above approves within three months of the branch meeting (the Rules, arts. 25 and 33)',
  approvalBeforeMeeting: 'The approval cannot come before the branch meeting',
  probationNotDue: 'The year of probation is not over: conversion or extension cannot be discussed yet (the Rules, art. 29)',
  conversionLate: 'Late: the branch discusses a conversion promptly when probation ends (the Rules, art. 30)',
  extensionTwice: 'Probation can be extended only once (the Rules, art. 31)',
  extensionRange: 'An extension of probation is at least half a year and at most a year (6 to 12 months, the Rules, art. 31)',
  evaluationMissing: 'A listing as development target needs a yearly scored evaluation from the year before it',
  evaluationTwice: 'One scored evaluation a year',
  scoreContinue: 'The last scored evaluation is between 60 and 80: training continues; a listing needs 80',
  scoreEliminate: 'The last scored evaluation is under 60: the candidate is to be eliminated and cannot move on',
  followUpMissing: "An elimination needs the date of the party committee's follow-up visit",
  reviewMissing: 'Complete the political review before admission (the Rules, art. 15)',
  trainingMissing: 'Admission needs the concentrated training after the listing as development target (the Rules, art. 16)',
  trainingTooShort: 'The concentrated training is as a rule at least 3 days (or 24 class hours) (the Rules, art. 16)',
  meetingWrong: 'This step is decided by the meeting the rules name: the branch committee lists activists and targets and eliminates; the branch general meeting admits, extends, converts and disqualifies',
  voteMissing: 'Enter the number of full members entitled to vote and the votes for',
  votesTooMany: 'Votes for, against and abstaining add up to more than the members entitled to vote',
  quorumFailed: 'More than half of the members entitled to vote must attend for the meeting to decide (the Rules, art. 24)',
  voteFailed: 'It passes only with more than half of the members entitled to vote voting for it (the Rules, art. 24)',
  signoffMissing: 'This step needs this person\'s signature (the three-level check)',
  notForStep: 'This step does not take this field',
  familyReportMissing: 'Several candidates from one household (one family): report to the township party committee before listing or admitting',
  recordFilingMissing: 'A candidate with a past disciplinary or criminal record: file it in advance before the next stage',
  cadreUnderAge: 'A reserve cadre is at least eighteen when recommended',
  outcomeOnTraining: 'A reserve cadre still in training has no outcome date',
  trainingOutsideReserve: 'A training falls after the recommendation and before leaving or joining the village committees',
};

export const partyEn = {
  stage: 'Stage',
};
