// Finding one's way (forms that ask before discarding, days in the village by month) and the
// township's own settings, in Chinese; zhCN.ts mounts them under `navigation`.
export const navigationZhCN = {
  discard: {
    title: '放弃填写的内容？',
    body: '这张表里填写或改动的内容还没有保存，关闭后不会留下。',
    ok: '放弃并关闭',
    keep: '继续填写',
  },
  days: {
    month: '月份',
    counted: '在村 {{present}} 天 + 批准请假 {{leave}} 天 = {{days}} 天',
    rule: '按乡镇规定计算：驻村天数 = 民情日记中标为“在村”的天数 + 经批准的请假天数，每月不少于 {{threshold}} 天（乡镇设定）。本月只算到今天。',
  },
  term: {
    label: '驻村任期开始日期',
    hint: '登记后会在“驻村书记”里生成您的任期记录；入户走访、民情日记的日期要在任期内，请填实际到村日期。',
  },
};
