// Sync said in plain words (records, not field changes; who sent them; demo files; a village
// moving township; a coordinator's edits), in Chinese; zhCN.ts mounts them under `syncPlain`.
export const syncPlainZhCN = {
  records: {
    lastBrought: '{{time}} 同步带来：',
    line: '{{who}}：{{parts}}',
    ledger: '{{ledger}}{{counts}}',
    created: '新增 {{count}} 条',
    changed: '修改 {{count}} 条',
    deleted: '删除 {{count}} 条',
    separator: '；',
  },
  trust: {
    importing: '已信任 {{name}}，正在重新导入等它信任的文件…',
  },
  coordinatorEdit: {
    editing: '乡镇管理员修改的记录：修改记在 {{name}} 的设备名下，书记同步后点这条记录的“历史”就能看到是谁、什么时候改的。',
    adding: '乡镇管理员新增的记录：记在 {{name}} 的设备名下，书记同步后能看到是谁添加的。',
  },
  moves: {
    waiting: '有 {{count}} 个村被改到了别的乡镇，等本机确认；确认前它们仍在本乡镇的列表里。',
    openSync: '到“同步”页确认或保留',
    movedAway: '“{{village}}”已从{{from}}移到{{to}}（本机已确认）：它和它的台账、冲突不再在本机的列表里显示，由{{to}}管理；记录仍保存在本机，没有删除。',
  },
  move: {
    title: '把“{{village}}”改到{{to}}？',
    body: '“{{village}}”将从{{from}}移到{{to}}。{{from}}的乡镇管理员同步后要确认这次迁移，确认后就不再看到这个村和它的台账；{{to}}的乡镇管理员也要确认后才能看到它。确认之前，记录都不会丢失。',
    leavesHere: '本机管理的是{{townships}}，保存后本机的村列表里也不再有这个村。',
    ok: '确认迁移并保存',
    back: '返回修改',
  },
};
