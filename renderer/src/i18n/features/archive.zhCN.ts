// 照片档案导出: a village's photos and scans as a folder per ledger with an index, in Chinese; zhCN.ts mounts it under `archive`.
export const archiveZhCN = {
  title: '照片档案导出',
  note: '一人一事一档：每个台账一个文件夹，文件按“日期_记录_说明”命名，原件逐个按 SHA-256 核对；附 index.html（离线打开，带缩略图和链接）和 index.csv。每次导出都新建文件夹，不会覆盖已有文件夹。',
  village: '村',
  export: '导出照片档案…',
  exportHost: '导出照片档案',
  working: '正在导出…',
  done: '已导出到 {{folder}}：{{files}} 个文件',
  missing: '另有 {{count}} 个附件还没同步到这台电脑，已在索引里注明，未导出。',
};
