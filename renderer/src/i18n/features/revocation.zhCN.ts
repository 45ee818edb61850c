// Revoking a lost or stolen laptop on the sync screen's devices card, in Chinese; zhCN.ts mounts
// them under `revocation`.
export const revocationZhCN = {
  action: '吊销',
  actionHint: '笔记本丢失或被盗时吊销这台设备',
  confirmTitle: '吊销 {{name}} 的设备？',
  confirmBody:
    '吊销后，这台设备此后签名的同步文件在本机、乡镇和区县都会被拒收；它在吊销之前发出的记录照旧保留。吊销随本机导出的每个文件传开，不能撤回。这位书记换新电脑后，请核对新设备的指纹并重新信任。',
  reasonLabel: '吊销原因',
  reasonPlaceholder: '例如：笔记本电脑被盗',
  reasonRequired: '请写明吊销原因',
  ok: '吊销这台设备',
  cancel: '取消',
  done: '已吊销 {{name}} 的设备',
  revokedTag: '已吊销',
  revokedBy: '{{issuer}} 于 {{at}} 吊销：{{reason}}',
  self: '本机',
  receiptRevoked: '{{device}} 的设备已于 {{at}} 被 {{issuer}} 吊销：拒收了它此后签名的 {{count}} 段数据',
  receiptRenewed: '{{issuer}} 更新了对 {{name}} 的担保：按新的村和乡镇接受它的记录',
};
