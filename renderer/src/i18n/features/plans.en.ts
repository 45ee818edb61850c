// The plans' duties and computed progress, in English; en.ts mounts it under `plans`.
export const plansEn = {
  progress: 'Done %',
  progressNumbers: '{{done}} / {{target}}{{unit}}',
  progressComputed: 'Done {{done}} of target {{target}}{{unit}}',
  progressTyped: 'No target and done values: as typed',
  notInSet: "{{duty}} (no longer one of the township's duties)",
  meanProgress: 'Mean progress {{percent}}%',
};
