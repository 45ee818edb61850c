// The rules of a revocation on their own: which segments of a revoked device pass, who may revoke,
// how a file's revocations are judged (forged, another key, overreaching, or nothing to judge
// here), and that a revoked device vouches for no one new.
import { describe, expect, it } from 'vitest';
import { resolveEnrolments } from '../../../db/sync/enrolment';
import { formatHlc } from '../../../db/sync/hlc';
import {
  issueRevocation, judgeFileRevocations, mayRevoke, refusingRevocation, type KnownDevice, type Revocation, type RevocationLookups,
} from '../../../db/sync/revocation';
import type { BundleDeviceCard, BundleHeader } from '../../../db/sync/segments/bundle';
import { keyIdOf } from '../../../db/sync/segments/seal';
import { issueEnrolment, scopeOf, type TrustedDevice } from '../../../db/sync/trust';
import { newKeys } from './bundleHelpers';

const AT = Date.UTC(2026, 10, 27, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const hlcAt = (ms: number) => formatHlc({ wall: ms, counter: 0 });

const VILLAGE = '01900000-0000-7000-8000-000000000001';
const OTHER_VILLAGE = '01900000-0000-7000-8000-000000000002';
const secretary = newKeys('00000000000000a1');
const coordinator = newKeys('00000000000000c1');
const elsewhere = newKeys('00000000000000c2');
const self = newKeys('00000000000000f0');

const townshipOf = (id: string) => (id === VILLAGE ? '青石镇' : id === OTHER_VILLAGE ? '白河镇' : null);
const known = new Map<string, KnownDevice>([
  [secretary.deviceId, { publicKey: secretary.publicKeyPem, villages: [VILLAGE], scope: scopeOf({ villages: [VILLAGE] }) }],
  [coordinator.deviceId, { publicKey: coordinator.publicKeyPem, villages: ['township:青石镇'], scope: scopeOf({ villages: ['township:青石镇'] }) }],
  [elsewhere.deviceId, { publicKey: elsewhere.publicKeyPem, villages: ['township:白河镇'], scope: scopeOf({ villages: ['township:白河镇'] }) }],
]);
const lookups: RevocationLookups = {
  selfId: self.deviceId,
  selfPublicKey: self.publicKeyPem,
  known: (id) => known.get(id) ?? null,
  townshipOf,
  stored: () => false,
};

function revoked(by = coordinator, over: Partial<Revocation> = {}): Revocation {
  const r = issueRevocation(by, { deviceId: secretary.deviceId, keyId: keyIdOf(secretary.publicKeyPem), revokedAt: iso(AT), seenSeq: 3, reason: '被盗' });
  return { ...r, ...over };
}

function header(cards: Partial<BundleDeviceCard>[]): Pick<BundleHeader, 'devices'> {
  return {
    devices: cards.map((c) => ({ deviceId: secretary.deviceId, publicKey: secretary.publicKeyPem, name: '李明', role: 'secretary', township: null, villages: [], ...c })),
  };
}

describe('which segments of a revoked device pass', () => {
  const r = revoked();
  it('one the revoker held passes, whenever it was written', () => {
    expect(refusingRevocation([r], { seq: 3, hlcMax: hlcAt(AT + 3_600_000) })).toBeNull();
  });
  it('one written wholly before the revocation passes, even arriving later', () => {
    expect(refusingRevocation([r], { seq: 7, hlcMax: hlcAt(AT) })).toBeNull();
  });
  it('one the revoker had not seen, with a change written after the revocation, is refused', () => {
    expect(refusingRevocation([r], { seq: 4, hlcMax: hlcAt(AT + 1) })).toBe(r);
  });
  it('must pass every revocation of its device', () => {
    const earlier = { ...r, issuer: elsewhere.deviceId, revokedAt: iso(AT - 60_000), seenSeq: 0 };
    expect(refusingRevocation([r, earlier], { seq: 5, hlcMax: hlcAt(AT - 1_000) })).toBe(earlier);
  });
});

describe('who may revoke', () => {
  it('a coordinator her township’s secretary and coordinator; not another township’s; a secretary no one', () => {
    const qingshi = scopeOf({ villages: ['township:青石镇'] });
    expect(mayRevoke(qingshi, [VILLAGE], townshipOf)).toBe(true);
    expect(mayRevoke(qingshi, ['township:青石镇'], townshipOf)).toBe(true);
    expect(mayRevoke(qingshi, [VILLAGE, OTHER_VILLAGE], townshipOf)).toBe(false);
    expect(mayRevoke(qingshi, ['township:白河镇'], townshipOf)).toBe(false);
    expect(mayRevoke(scopeOf({ villages: [VILLAGE, OTHER_VILLAGE] }), [VILLAGE], townshipOf)).toBe(false);
  });
});

describe("a file's revocations", () => {
  it('a true one by a trusted coordinator is fresh', () => {
    const r = revoked();
    expect(judgeFileRevocations(header([{ revocations: [r] }]), lookups)).toEqual({ fresh: [r], problem: null });
  });
  it('altered after signing, it is a forgery', () => {
    const problem = judgeFileRevocations(header([{ revocations: [revoked(coordinator, { seenSeq: 99 })] }]), lookups).problem;
    expect(problem).toMatch(/revocation of device 00000000000000a1 is not signed by device 00000000000000c1: it was altered or forged/);
  });
  it('with a time that is no time, it is refused (every segment past it would be)', () => {
    const r = issueRevocation(coordinator, { deviceId: secretary.deviceId, keyId: keyIdOf(secretary.publicKeyPem), revokedAt: 'soon', seenSeq: 0, reason: '被盗' });
    expect(judgeFileRevocations(header([{ revocations: [r] }]), lookups).problem).toMatch(/carries no readable time/);
  });
  it('naming another key than the one trusted for the device, it is refused', () => {
    const other = newKeys(secretary.deviceId);
    const r = issueRevocation(coordinator, { deviceId: secretary.deviceId, keyId: other.keyId, revokedAt: iso(AT), seenSeq: 0, reason: '被盗' });
    expect(judgeFileRevocations(header([{ revocations: [r] }]), lookups).problem).toMatch(/names another key/);
  });
  it('by a coordinator of another township, it overreaches', () => {
    expect(judgeFileRevocations(header([{ revocations: [revoked(elsewhere)] }]), lookups).problem).toMatch(
      /device 00000000000000c2 revokes device 00000000000000a1, whose villages or township lie outside its own: it may not/,
    );
  });
  it('carried on another device’s card, it is refused', () => {
    expect(judgeFileRevocations(header([{ deviceId: coordinator.deviceId, publicKey: coordinator.publicKeyPem, revocations: [revoked()] }]), lookups).problem).toMatch(
      /card of device 00000000000000c1 carries a revocation of device 00000000000000a1/,
    );
  });
  it('by an issuer not trusted here, of a device unknown here, or of this device: nothing to judge, nothing done', () => {
    const stranger = newKeys('00000000000000d9');
    expect(judgeFileRevocations(header([{ revocations: [revoked(stranger)] }]), lookups)).toEqual({ fresh: [], problem: null });
    const unknown = { ...lookups, known: (id: string) => (id === secretary.deviceId ? null : (known.get(id) ?? null)) };
    expect(judgeFileRevocations(header([{ revocations: [revoked()] }]), unknown)).toEqual({ fresh: [], problem: null });
    const ofSelf = { ...lookups, selfId: secretary.deviceId };
    expect(judgeFileRevocations(header([{ revocations: [revoked()] }]), ofSelf)).toEqual({ fresh: [], problem: null });
  });
  it('one signed by this device before (an older database) stands; a forged one in its name is refused', () => {
    const asSelf = issueRevocation(self, { deviceId: secretary.deviceId, keyId: keyIdOf(secretary.publicKeyPem), revokedAt: iso(AT), seenSeq: 0, reason: '被盗' });
    expect(judgeFileRevocations(header([{ revocations: [asSelf] }]), lookups).fresh).toEqual([asSelf]);
    const forged = { ...revoked(), issuer: self.deviceId };
    expect(judgeFileRevocations(header([{ revocations: [forged] }]), lookups).problem).toMatch(/not signed by device 00000000000000f0/);
  });
});

describe('a revoked device vouches for no one', () => {
  it('a successor enrolled with a revoked key is not accepted', () => {
    const successor = newKeys('00000000000000a2');
    const enrolment = issueEnrolment(secretary, { deviceId: successor.deviceId, publicKey: successor.publicKeyPem, name: '李明', role: 'secretary', villages: [VILLAGE] }, iso(AT + 60_000));
    const file: BundleHeader = {
      format: 1, bundleId: 'b', producer: { deviceId: successor.deviceId, keyId: successor.keyId, publicKey: successor.publicKeyPem }, app: 'test', schema: 1,
      createdAt: iso(AT + 60_000), compression: 'none', encryption: 'none', segments: [],
      devices: [{ deviceId: successor.deviceId, publicKey: successor.publicKeyPem, name: '李明', role: 'secretary', township: null, villages: [], enrolment: { ...enrolment, scope: [...enrolment.scope] } }],
    };
    const trusted = (id: string): TrustedDevice | null =>
      id === secretary.deviceId
        ? { deviceId: id, publicKey: secretary.publicKeyPem, name: '李明', role: 'secretary', villages: [VILLAGE], trustedAt: iso(AT), enrolment: null }
        : null;
    const base = { selfId: self.deviceId, selfPublicKey: self.publicKeyPem, trusted, ledgerTownshipOf: townshipOf };
    expect(resolveEnrolments(file, base).accepted.has(successor.deviceId)).toBe(true);
    const afterRevocation = resolveEnrolments(file, { ...base, revoked: (id) => id === secretary.deviceId });
    expect(afterRevocation.accepted.has(successor.deviceId)).toBe(false);
    expect(afterRevocation.problems.get(successor.deviceId)).toMatchObject({ kind: 'ISSUER_UNKNOWN', message: /whose trust was revoked: it vouches for no one/ });
  });
});
