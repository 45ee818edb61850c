// Revoking a lost or stolen laptop on the sync screen's devices card, in English; en.ts mounts
// them under `revocation`.
import type { Messages } from '../zhCN';
import type { revocationZhCN } from './revocation.zhCN';

export const revocationEn: Messages<typeof revocationZhCN> = {
  action: 'Revoke',
  actionHint: 'Revoke this device when the laptop is lost or stolen',
  confirmTitle: "Revoke {{name}}'s device?",
  confirmBody:
    "Once revoked, every sync file this device signs from now on is refused here, at the township and at the district; what it sent before the revocation stays. The revocation travels in every file this computer exports and cannot be undone. When the secretary has a new laptop, compare its fingerprint and trust it.",
  reasonLabel: 'Why it is revoked',
  reasonPlaceholder: 'e.g. the laptop was stolen',
  reasonRequired: 'Say why the device is revoked',
  ok: 'Revoke this device',
  cancel: 'Cancel',
  done: "{{name}}'s device is revoked",
  revokedTag: 'Revoked',
  revokedBy: 'Revoked by {{issuer}} at {{at}}: {{reason}}',
  self: 'this computer',
  receiptRevoked: "{{device}}'s device was revoked by {{issuer}} at {{at}}: {{count}} parts it signed after that were refused",
  receiptRenewed: "{{issuer}} renewed their word for {{name}}: its records are accepted for the villages and townships it now names",
};
