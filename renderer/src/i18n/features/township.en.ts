// The township's settings (days in the village, plan duties) on the settings card, in English; en.ts mounts it under `township`.
export const townshipEn = {
  setByCoordinator: "The township's coordinator sets this; it reaches this computer by sync and cannot be changed here",
  setBy: 'Set by the township coordinator {{name}} on {{date}}',
  setBySomeone: 'Set by the township coordinator on {{date}}',
  notSetYet: 'Not set by the township coordinator yet: the default applies',
  coordinatorHint: "What you set reaches every first secretary of the township with the sync files; they can only read it.",
  duties: 'Plan duties',
  dutiesHint: "The duties of the township's scheme, 1 to 8, each 2 to 20 characters; work plans are grouped by them",
  dutiesPlaceholder: 'Type a duty and press Enter',
};
