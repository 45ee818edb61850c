// The township's settings (驻村天数标准、计划职责) on the settings card, in Chinese; zhCN.ts mounts it under `township`.
export const townshipZhCN = {
  setByCoordinator: '这一项由乡镇管理员设定，通过同步送到本机，本机不能修改',
  setBy: '由乡镇管理员 {{name}} 于 {{date}} 设定',
  setBySomeone: '由乡镇管理员于 {{date}} 设定',
  notSetYet: '乡镇管理员尚未设定，暂用默认标准',
  coordinatorHint: '您设定的标准会随同步文件送到本乡镇每位第一书记，他们只能查看。',
  duties: '计划职责',
  dutiesHint: '乡镇实施方案规定的职责，1 至 8 项，每项 2 至 20 个字；工作计划按此分类',
  dutiesPlaceholder: '输入职责名称后按回车',
};
