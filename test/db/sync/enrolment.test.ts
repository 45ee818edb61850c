// Coordinator-signed enrolment on real SQLite files with real Ed25519 keys: a district that
// trusts a township's coordinator imports the coordinator's merged file and its secretaries come
// with it, verified and scoped; a city that trusts the district takes the same chain one level
// up. Every forged enrolment refuses the file, names why, and leaves the database as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUuidV7Source } from '../../../db/ids';
import { exportBundle } from '../../../db/sync/exportBundle';
import type { ImportReceipt } from '../../../db/sync/importBundle';
import type { BundleDeviceCard, BundleHeader } from '../../../db/sync/segments/bundle';
import {
  enrolmentSignedBy, enrolUnenrolled, issueEnrolment, relayedDeviceCards, TOWNSHIP_SCOPE_PREFIX, trustDevice, trustedDevice, type EnrolledDevice,
} from '../../../db/sync/trust';
import { dumpAll } from '../../helpers/databaseDump';
import { useTempDirs } from '../../helpers/tempDir';
import { newKeys, reheadered } from './bundleHelpers';
import { openPeer, replicaState, type Peer } from './syncPeers';

const tempDir = useTempDirs();
const TOWNSHIP = '青石镇';
const OTHER_TOWNSHIP = '白沙镇';
const ID = {
  secretary1: '00000000000000a1',
  secretary2: '00000000000000a2',
  coordinator: '00000000000000c1',
  district: '00000000000000d1',
  city: '00000000000000e1',
} as const;
const STRANGER = newKeys('00000000000000f5');
const whole = (township: string) => `${TOWNSHIP_SCOPE_PREFIX}${township}`;

/** A person at `by` trusts `whom` after comparing fingerprints: `by` signs an enrolment for it. */
function vouch(by: Peer, whom: Pick<Peer, 'id' | 'keys'>, scope: readonly string[], role: string): void {
  trustDevice(by.sqlite, by.id, { deviceId: whom.id, publicKey: whom.keys.publicKeyPem, name: `${role} ${whom.id}`, role, villages: [...scope] }, new Date(by.now()).toISOString(), by.keys);
}

/** Everything `peer` holds, in a new file carrying its own card and the cards of the devices it relays, as the app writes it. */
function exportWithCards(peer: Peer, dir: string, role: string, township: string): string {
  const own: BundleDeviceCard = { deviceId: peer.id, publicKey: peer.keys.publicKeyPem, name: `${role} ${peer.id}`, role, township, villages: [] };
  const villageName = peer.sqlite.prepare('SELECT name FROM villages WHERE id = ?').pluck();
  const devices = [own, ...relayedDeviceCards(peer.sqlite, (id) => (villageName.get(id) as string | undefined) ?? '')];
  const written = exportBundle(peer.sqlite, { keys: peer.keys, app: 'test', dir, full: true, newId: createUuidV7Source(peer.now), now: peer.now, devices });
  return written.file!;
}

function expectImported(receipt: ImportReceipt): void {
  expect(receipt.refusal).toBeNull();
  expect(receipt.status).toBe('imported');
  expect(receipt.setAside).toEqual({});
}

/** Two secretaries, each writing a village of 青石镇, trusted by their coordinator, whose merged file is `file`. */
async function township(dir: string) {
  const secretary1 = await openPeer(dir, ID.secretary1);
  const secretary2 = await openPeer(dir, ID.secretary2);
  const coordinator = await openPeer(dir, ID.coordinator);
  const village1 = secretary1.device.store.create('villages', null, { name: '李家村', township: TOWNSHIP });
  secretary1.device.store.create('households', village1, { head_name: '王建国' });
  const village2 = secretary2.device.store.create('villages', null, { name: '张家村', township: TOWNSHIP });
  secretary2.device.store.create('households', village2, { head_name: '李秀英' });
  vouch(coordinator, secretary1, [village1], 'secretary');
  vouch(coordinator, secretary2, [village2], 'secretary');
  expectImported(coordinator.importFile(secretary1.exportTo(join(dir, 'village'))!));
  expectImported(coordinator.importFile(secretary2.exportTo(join(dir, 'village'))!));
  const file = exportWithCards(coordinator, join(dir, 'township'), 'coordinator', TOWNSHIP);
  return { secretary1, secretary2, coordinator, village1, village2, file };
}

type Township = Awaited<ReturnType<typeof township>>;

const householdsOf = (peer: Peer, villageId: string) => peer.sqlite.prepare('SELECT head_name FROM households WHERE village_id = ?').pluck().all(villageId);

describe('coordinator-signed enrolment', () => {
  it('lets a district that trusts only the coordinator import the township file: both secretaries arrive vouched for, with their villages', async () => {
    const dir = tempDir();
    const t = await township(dir);
    const district = await openPeer(dir, ID.district);
    vouch(district, t.coordinator, [whole(TOWNSHIP)], 'coordinator');

    const receipt = district.importFile(t.file);
    expectImported(receipt);
    expect(receipt.enrolled).toEqual([
      { deviceId: ID.secretary1, name: `secretary ${ID.secretary1}`, issuer: ID.coordinator, issuerName: `coordinator ${ID.coordinator}` },
      { deviceId: ID.secretary2, name: `secretary ${ID.secretary2}`, issuer: ID.coordinator, issuerName: `coordinator ${ID.coordinator}` },
    ]);
    expect(householdsOf(district, t.village1)).toEqual(['王建国']);
    expect(householdsOf(district, t.village2)).toEqual(['李秀英']);
    expect(replicaState(district.sqlite)).toBe(replicaState(t.coordinator.sqlite));

    // Each secretary is trusted here for its own village only, on the coordinator's signature, kept verbatim.
    const secretary1 = trustedDevice(district.sqlite, ID.secretary1)!;
    expect(secretary1.villages).toEqual([t.village1]);
    expect(secretary1.enrolment?.issuer).toBe(ID.coordinator);
    expect(enrolmentSignedBy(secretary1, secretary1.enrolment!, t.coordinator.keys.publicKeyPem)).toBe(true);
    expect(district.importFile(t.file).status).toBe('already-imported');
  });

  it('relays the enrolments unchanged: a city that trusts only the district accepts the coordinator and, through it, the secretaries', async () => {
    const dir = tempDir();
    const t = await township(dir);
    const district = await openPeer(dir, ID.district);
    vouch(district, t.coordinator, [whole(TOWNSHIP)], 'coordinator');
    expectImported(district.importFile(t.file));
    const districtFile = exportWithCards(district, join(dir, 'district'), 'district', TOWNSHIP);

    const city = await openPeer(dir, ID.city);
    vouch(city, district, [whole(TOWNSHIP)], 'district');
    const receipt = city.importFile(districtFile);
    expectImported(receipt);
    expect(receipt.enrolled?.map((e) => [e.deviceId, e.issuer])).toEqual([
      [ID.coordinator, ID.district],
      [ID.secretary1, ID.coordinator],
      [ID.secretary2, ID.coordinator],
    ]);
    expect(replicaState(city.sqlite)).toBe(replicaState(t.coordinator.sqlite));
    expect(trustedDevice(city.sqlite, ID.coordinator)!.villages).toEqual([whole(TOWNSHIP)]);
    expect(trustedDevice(city.sqlite, ID.secretary2)!.enrolment?.issuer).toBe(ID.coordinator);
  });

  /** A header edit of the township file re-signed by the coordinator: its producer forging its own cards. */
  type Forgery = (header: BundleHeader, t: Township) => void;
  const cardOf = (header: BundleHeader, deviceId: string) => header.devices!.find((c) => c.deviceId === deviceId)!;
  /** A card enrolled again by `signer` as `device` says (a valid signature over something else). */
  function resign(header: BundleHeader, signer: typeof STRANGER, device: Partial<EnrolledDevice>, deviceId: string = ID.secretary1): void {
    const card = cardOf(header, deviceId);
    const enrolled = { deviceId: card.deviceId, publicKey: card.publicKey, name: card.name, role: card.role, villages: card.enrolment!.scope, ...device };
    const { scope, ...signed } = issueEnrolment(signer, enrolled, card.enrolment!.issuedAt);
    Object.assign(card, { publicKey: enrolled.publicKey, enrolment: { ...signed, scope: [...scope] } });
  }

  interface Expected {
    reason: string;
    message: RegExp;
    /** What the district trusts (default: the coordinator, for its township). */
    district?: (district: Peer, t: Township) => void;
    /** The file as the coordinator wrote it is refused too (the district's trust is what it oversteps). */
    originalRefused?: boolean;
  }
  const forgeries: [string, Forgery, Expected][] = [
    [
      'a signature altered',
      (h) => {
        const enrolment = cardOf(h, ID.secretary1).enrolment!;
        enrolment.signature = `${enrolment.signature.startsWith('A') ? 'B' : 'A'}${enrolment.signature.slice(1)}`;
      },
      { reason: 'BAD_ENROLMENT', message: /enrolment of device 00000000000000a1 is not signed by device 00000000000000c1: it was altered or forged/ },
    ],
    [
      'the scope widened after signing',
      (h, t) => cardOf(h, ID.secretary1).enrolment!.scope.push(t.village2),
      { reason: 'BAD_ENROLMENT', message: /not signed by device 00000000000000c1: it was altered or forged/ },
    ],
    [
      'the key swapped (and signed again by the coordinator)',
      (h, t) => resign(h, t.coordinator.keys, { publicKey: STRANGER.publicKeyPem }),
      { reason: 'BAD_ENROLMENT', message: /card of device 00000000000000a1 offers another key than the one that signed its data \(key swapped\)/ },
    ],
    [
      'a township outside the coordinator\'s',
      (h, t) => resign(h, t.coordinator.keys, { villages: [whole(OTHER_TOWNSHIP)] }),
      { reason: 'BAD_ENROLMENT', message: /00000000000000c1 vouches for device 00000000000000a1 in township "白沙镇", outside its own townships/ },
    ],
    [
      'a village the file places outside the coordinator\'s township',
      () => undefined,
      {
        reason: 'BAD_ENROLMENT',
        message: /00000000000000c1 vouches for device 00000000000000a1 in village "[0-9a-f-]+", which is not in its townships/,
        // Here the coordinator is trusted for another township only.
        district: (district, t) => vouch(district, t.coordinator, [whole(OTHER_TOWNSHIP)], 'coordinator'),
        originalRefused: true,
      },
    ],
    [
      'a secretary as the issuer',
      (h, t) => resign(h, t.secretary2.keys, {}),
      {
        reason: 'BAD_ENROLMENT',
        message: /00000000000000a2 vouches for device 00000000000000a1 but may not vouch for others: it is not trusted here for a whole township/,
        district: (district, t) => {
          vouch(district, t.coordinator, [whole(TOWNSHIP)], 'coordinator');
          vouch(district, t.secretary2, [t.village2], 'secretary');
        },
      },
    ],
    [
      // Signed by a key made up for the district's id: the district holds its own key and knows it never signed this.
      'the importer itself named as the issuer',
      (h) => resign(h, newKeys(ID.district), {}),
      { reason: 'BAD_ENROLMENT', message: /enrolment of device 00000000000000a1 names this device as its issuer, but this device never signed it: it is forged/ },
    ],
    [
      'an issuer not trusted here',
      (h) => resign(h, STRANGER, {}),
      { reason: 'UNKNOWN_DEVICE', message: /unknown device 00000000000000a1.*vouched for by device 00000000000000f5, which is not trusted here/ },
    ],
    [
      'two devices vouching for each other, neither trusted here',
      (h, t) => {
        resign(h, t.secretary2.keys, {});
        resign(h, t.secretary1.keys, {}, ID.secretary2);
      },
      { reason: 'UNKNOWN_DEVICE', message: /vouched for by .*00000000000000a2.*, which is not trusted here/ },
    ],
  ];

  it.each(forgeries)('refuses a file with %s, naming why, and changes nothing', async (_name, forge, expected) => {
    const dir = tempDir();
    const t = await township(dir);
    const district = await openPeer(dir, ID.district);
    (expected.district ?? ((d: Peer) => vouch(d, t.coordinator, [whole(TOWNSHIP)], 'coordinator')))(district, t);
    const forged = join(dir, 'forged.cunji');
    writeFileSync(forged, reheadered(readFileSync(t.file), t.coordinator.keys, (h) => forge(h, t)));
    const before = dumpAll(district.sqlite);

    const receipt = district.importFile(forged);
    expect(receipt.status).toBe('refused');
    expect(receipt.refusal?.reason).toBe(expected.reason);
    expect(receipt.refusal?.message).toMatch(expected.message);
    expect(dumpAll(district.sqlite)).toBe(before);
    // The file as the coordinator wrote it: only the forgery was refused.
    if (expected.originalRefused) expect(district.importFile(t.file).refusal?.reason).toBe(expected.reason);
    else expectImported(district.importFile(t.file));
  });

  it.each([
    ['a field the format does not have', (h: BundleHeader) => Object.assign(cardOf(h, ID.secretary1).enrolment!, { township: '青石镇' })],
    ['a scope of more than a thousand entries', (h: BundleHeader) => cardOf(h, ID.secretary1).enrolment!.scope.push(...Array.from({ length: 1000 }, (_, i) => `v-${i}`))],
    ['a scope entry that is not text', (h: BundleHeader) => cardOf(h, ID.secretary1).enrolment!.scope.push({ id: 'v' } as never)],
  ])('refuses an enrolment with %s as a bad header, changing nothing', async (_name, edit) => {
    const dir = tempDir();
    const t = await township(dir);
    const district = await openPeer(dir, ID.district);
    vouch(district, t.coordinator, [whole(TOWNSHIP)], 'coordinator');
    const forged = join(dir, 'forged.cunji');
    writeFileSync(forged, reheadered(readFileSync(t.file), t.coordinator.keys, edit));
    const before = dumpAll(district.sqlite);
    expect(district.importFile(forged).refusal?.reason).toBe('BAD_HEADER');
    expect(dumpAll(district.sqlite)).toBe(before);
  });

  it('offers a device vouched for by one not trusted here with that voucher named, so a person can trust the voucher', async () => {
    const dir = tempDir();
    const t = await township(dir);
    const district = await openPeer(dir, ID.district);
    const receipt = district.importFile(t.file);
    expect(receipt.refusal?.reason).toBe('UNKNOWN_DEVICE');
    const offered = new Map(receipt.refusal!.devices.map((d) => [d.deviceId, d.vouchedBy]));
    expect(offered.get(ID.coordinator)).toBeUndefined();
    expect(offered.get(ID.secretary1)).toEqual({ deviceId: ID.coordinator, name: `coordinator ${ID.coordinator}` });
    // Trusting the coordinator alone is then enough.
    vouch(district, t.coordinator, [whole(TOWNSHIP)], 'coordinator');
    expectImported(district.importFile(t.file));
  });

  it('trusts only the vouched-for devices whose data the file holds, and their vouchers: a card alone brings nobody', async () => {
    const dir = tempDir();
    const t = await township(dir);
    vouch(t.coordinator, { id: STRANGER.deviceId, keys: STRANGER }, [t.village1], 'secretary');
    const file = exportWithCards(t.coordinator, join(dir, 'again'), 'coordinator', TOWNSHIP);
    const district = await openPeer(dir, ID.district);
    vouch(district, t.coordinator, [whole(TOWNSHIP)], 'coordinator');

    expect(district.importFile(file).enrolled?.map((e) => e.deviceId)).toEqual([ID.secretary1, ID.secretary2]);
    expect(trustedDevice(district.sqlite, STRANGER.deviceId)).toBeNull();
  });

  it('holds a vouched-for secretary to the scope it was vouched for: its changes to another village are set aside', async () => {
    const dir = tempDir();
    const secretary1 = await openPeer(dir, ID.secretary1);
    const coordinator = await openPeer(dir, ID.coordinator);
    const village1 = secretary1.device.store.create('villages', null, { name: '李家村', township: TOWNSHIP });
    const elsewhere = secretary1.device.store.create('villages', null, { name: '张家村', township: TOWNSHIP });
    secretary1.device.store.create('households', elsewhere, { head_name: '越权户' });
    vouch(coordinator, secretary1, [village1], 'secretary');
    const atCoordinator = coordinator.importFile(secretary1.exportTo(join(dir, 'village'))!);
    expect(atCoordinator.setAside.OUT_OF_SCOPE).toBeGreaterThan(0);
    const district = await openPeer(dir, ID.district);
    vouch(district, coordinator, [whole(TOWNSHIP)], 'coordinator');

    const receipt = district.importFile(exportWithCards(coordinator, join(dir, 'township'), 'coordinator', TOWNSHIP));
    expect(receipt.enrolled?.map((e) => e.deviceId)).toEqual([ID.secretary1]);
    expect(receipt.setAside).toEqual(atCoordinator.setAside);
    expect(householdsOf(district, elsewhere)).toEqual([]);
    expect(replicaState(district.sqlite)).toBe(replicaState(coordinator.sqlite));
  });

  it('still refuses a device known here with another key, whoever vouches for it', async () => {
    const dir = tempDir();
    const t = await township(dir);
    const district = await openPeer(dir, ID.district);
    vouch(district, t.coordinator, [whole(TOWNSHIP)], 'coordinator');
    trustDevice(district.sqlite, district.id, { deviceId: ID.secretary1, publicKey: STRANGER.publicKeyPem, name: 'impostor', role: 'secretary', villages: [t.village1] }, new Date(district.now()).toISOString());
    const before = dumpAll(district.sqlite);
    const receipt = district.importFile(t.file);
    expect(receipt.refusal?.reason).toBe('KEY_MISMATCH');
    expect(dumpAll(district.sqlite)).toBe(before);
  });
});

describe('issuing enrolments', () => {
  it('signs what a person trusted, re-signs when it changes, and drops the signature when trust is changed without one', async () => {
    const dir = tempDir();
    const coordinator = await openPeer(dir, ID.coordinator);
    const secretary = await openPeer(dir, ID.secretary1);
    vouch(coordinator, secretary, ['v-1'], 'secretary');
    const first = trustedDevice(coordinator.sqlite, secretary.id)!;
    expect(first.enrolment).toMatchObject({ issuer: ID.coordinator, scope: ['v-1'] });
    expect(enrolmentSignedBy(first, first.enrolment!, coordinator.keys.publicKeyPem)).toBe(true);
    // A signature is over this device exactly: another scope, name or role does not verify.
    expect(enrolmentSignedBy({ ...first, name: 'other' }, first.enrolment!, coordinator.keys.publicKeyPem)).toBe(false);
    expect(enrolmentSignedBy(first, { ...first.enrolment!, scope: ['v-1', 'v-2'] }, coordinator.keys.publicKeyPem)).toBe(false);
    expect(enrolmentSignedBy(first, first.enrolment!, secretary.keys.publicKeyPem)).toBe(false);

    vouch(coordinator, secretary, ['v-1', 'v-2'], 'secretary');
    const widened = trustedDevice(coordinator.sqlite, secretary.id)!;
    expect(enrolmentSignedBy(widened, widened.enrolment!, coordinator.keys.publicKeyPem)).toBe(true);
    expect(widened.enrolment!.scope).toEqual(['v-1', 'v-2']);

    trustDevice(coordinator.sqlite, coordinator.id, { ...widened, villages: ['v-3'] }, new Date(coordinator.now()).toISOString());
    expect(trustedDevice(coordinator.sqlite, secretary.id)!.enrolment).toBeNull();
    // Rows without an enrolment (trusted before enrolments existed) are signed as this device's own before relaying.
    expect(enrolUnenrolled(coordinator.sqlite, coordinator.keys, new Date(coordinator.now()).toISOString())).toBe(1);
    const signed = trustedDevice(coordinator.sqlite, secretary.id)!;
    expect(enrolmentSignedBy(signed, signed.enrolment!, coordinator.keys.publicKeyPem)).toBe(true);
    expect(enrolUnenrolled(coordinator.sqlite, coordinator.keys, new Date(coordinator.now()).toISOString())).toBe(0);
  });
});
