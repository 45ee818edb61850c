// Whether a saved sync place carries the photos and scans or only their records (a coordinator's
// choice for what she relays to the district), in Chinese; zhCN.ts mounts them under `syncFiles`.
export const syncFilesZhCN = {
  carry: '随记录传送照片和扫描件',
  carryHint: '不勾选时只传记录：对方能看到有哪些照片，但文件不传过去（显示“文件还没同步到本机”）。上报区县时可以这样省流量。',
  recordsOnly: '只传记录，不传照片',
  toggle: '传送照片和扫描件',
};
