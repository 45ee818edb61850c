// A device that learnt it was copied (an import brought segments of its own id that it never
// held: meta `successor_needed`, db/sync/importBundle.ts) continues under a new identity, so its
// writes never again share an id or a segment number with the other copy (docs/sync-forks.md):
//   1. what waits unsealed is sealed under the old id and key (genuine work of the old id);
//   2. the new id and key replace the old ones in `meta`;
//   3. the old key signs an enrolment for the new device within the old one's scope, kept to
//      travel on this device's card, so a receiver that trusts the old device accepts the new one;
//   4. the old id becomes a device trusted here for the same scope, so the other copy's later
//      work still merges here — on the enrolment its own predecessor signed for it when it has
//      one (a laptop restored twice), so a receiver that knows only the first identity can walk
//      the chain first → second → third; a self-signed one would vouch in a circle.
// One transaction: a crash leaves the device as it was, to try again at its next start.
import type { Sqlite } from '../open';
import { SUCCESSOR_NEEDED } from './importBundle';
import { deviceKeys, loadDeviceKeys, sealAll, type DeviceKeys } from './segments/index';
import { issueEnrolment, recordEnrolled, trustDevice, type Enrolment } from './trust';

/** Meta key of the enrolment the previous identity signed for this one (JSON of `Predecessor`). */
export const PREDECESSOR = 'predecessor';

/** What the previous identity vouched for, exactly as signed: a card carries it only when its name and role still match. */
export interface Predecessor {
  readonly deviceId: string;
  readonly name: string;
  readonly role: string;
  readonly enrolment: Enrolment;
}

export interface SuccessorOptions {
  /** This device as a person named it (its profile): signed into the enrolment. */
  readonly name: string;
  readonly role: string;
  /** Its scope entries: village ids, `township:<name>` for a coordinator or a district. */
  readonly scope: readonly string[];
  readonly at: string;
  /** A new device id and its private key (PKCS#8 PEM). */
  readonly newIdentity: () => { deviceId: string; privateKeyPem: string };
}

export function successorNeeded(sqlite: Sqlite): boolean {
  return sqlite.prepare('SELECT 1 FROM meta WHERE key = ?').pluck().get(SUCCESSOR_NEEDED) !== undefined;
}

/** The enrolment this device carries from the identity it succeeded, or null. */
export function predecessorOf(sqlite: Sqlite): Predecessor | null {
  const text = sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(PREDECESSOR) as string | undefined;
  return text ? (JSON.parse(text) as Predecessor) : null;
}

/** Continues as a new device when this one learnt it was copied; the new keys, or null when nothing was needed. */
export function continueAsSuccessor(sqlite: Sqlite, options: SuccessorOptions): DeviceKeys | null {
  if (!successorNeeded(sqlite)) return null;
  return sqlite.transaction((): DeviceKeys => {
    const old = loadDeviceKeys(sqlite);
    const oldsOwn = predecessorOf(sqlite);
    sealAll(sqlite, old);
    const made = options.newIdentity();
    const keys = deviceKeys(made.deviceId, made.privateKeyPem);
    const scope = [...new Set(options.scope)];
    const enrolment = issueEnrolment(old, { deviceId: keys.deviceId, publicKey: keys.publicKeyPem, name: options.name, role: options.role, villages: scope }, options.at);
    const set = sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    set.run('device_id', keys.deviceId);
    set.run('public_key', keys.publicKeyPem);
    set.run('private_key', made.privateKeyPem);
    const predecessor: Predecessor = { deviceId: old.deviceId, name: options.name, role: options.role, enrolment };
    set.run(PREDECESSOR, JSON.stringify(predecessor));
    sqlite.prepare('DELETE FROM meta WHERE key = ?').run(SUCCESSOR_NEEDED);
    // The old id, now another device: the other copy may write on under it.
    if (oldsOwn && oldsOwn.deviceId !== old.deviceId) {
      const { enrolment: vouched } = oldsOwn;
      recordEnrolled(sqlite, { deviceId: old.deviceId, publicKey: old.publicKeyPem, name: oldsOwn.name, role: oldsOwn.role, villages: vouched.scope }, vouched, options.at);
    } else {
      trustDevice(sqlite, keys.deviceId, { deviceId: old.deviceId, publicKey: old.publicKeyPem, name: options.name, role: options.role, villages: scope }, options.at, keys);
    }
    return keys;
  })();
}
