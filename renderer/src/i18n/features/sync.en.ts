// Sync said in plain words (records, not field changes; who sent them; demo files; a village
// moving township; a coordinator's edits), in English; en.ts mounts them under `syncPlain`.
export const syncPlainEn = {
  move: {
    title: 'Move “{{village}}” to {{to}}?',
    body: '“{{village}}” moves from {{from}} to {{to}}. The coordinator of {{from}} confirms the move after their next sync, and from then on no longer sees this village or its ledgers; the coordinator of {{to}} sees it once they confirm too. Until then no record is lost.',
    leavesHere: 'This computer keeps {{townships}}: once saved, the village is no longer on its list either.',
    ok: 'Confirm the move and save',
    back: 'Go back',
  },
};
