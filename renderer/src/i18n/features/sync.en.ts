// Sync said in plain words (records, not field changes; who sent them; demo files; a village
// moving township; a coordinator's edits), in English; en.ts mounts them under `syncPlain`.
export const syncPlainEn = {
  records: {
    lastBrought: 'Brought in at {{time}}:',
    line: '{{who}}: {{parts}}',
    ledger: '{{ledger}} {{counts}}',
    created: '{{count}} new',
    changed: '{{count}} changed',
    deleted: '{{count}} deleted',
    separator: '; ',
  },
  trust: {
    importing: 'Trusted {{name}}; importing the files that waited for it again…',
  },
  coordinatorEdit: {
    editing: 'A record changed by the township coordinator: the change is kept under {{name}}\'s device, and after the next sync the secretary sees under the record\'s History who changed it and when.',
    adding: 'A record added by the township coordinator: it is kept under {{name}}\'s device, and after the next sync the secretary sees who added it.',
  },
  moves: {
    waiting: '{{count}} village(s) were moved to another township and wait for this computer to confirm; until then they stay on this list.',
    openSync: 'Confirm or keep them on the Sync screen',
    movedAway: '“{{village}}” moved from {{from}} to {{to}} (confirmed here): it, its ledgers and its conflicts no longer show on this computer and are kept by {{to}}; its records are still stored here, nothing was deleted.',
  },
  move: {
    title: 'Move “{{village}}” to {{to}}?',
    body: '“{{village}}” moves from {{from}} to {{to}}. The coordinator of {{from}} confirms the move after their next sync, and from then on no longer sees this village or its ledgers; the coordinator of {{to}} sees it once they confirm too. Until then no record is lost.',
    leavesHere: 'This computer keeps {{townships}}: once saved, the village is no longer on its list either.',
    ok: 'Confirm the move and save',
    back: 'Go back',
  },
};
