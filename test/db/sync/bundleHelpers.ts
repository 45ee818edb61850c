// Devices with signing keys, and a hand assembler of bundle files for hostile-file tests.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { SYNC_SCHEMA_VERSION } from '../../../db/ledgers';
import type { Change } from '../../../db/sync/apply';
import { encodeChanges } from '../../../db/sync/segments/codec';
import { BUNDLE_END_MAGIC, BUNDLE_MAGIC, type BundleHeader, type BundleSegmentEntry } from '../../../db/sync/segments/bundle';
import { deviceKeys, segmentHash, signSegmentHash, type DeviceKeys, type SealedSegment } from '../../../db/sync/segments/seal';

export function newKeys(deviceId: string): DeviceKeys {
  const { privateKey } = generateKeyPairSync('ed25519');
  return deviceKeys(deviceId, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

export function keyring(...keys: DeviceKeys[]): (id: string) => string | null {
  const map = new Map(keys.map((k) => [k.deviceId, k.publicKeyPem]));
  return (id) => map.get(id) ?? null;
}

/** A segment sealed by hand: any body, signed by `signer` (default: the origin's own key). */
export function handSeal(origin: DeviceKeys, seq: number, prevHash: string | null, body: Buffer, changes: readonly Pick<Change, 'hlc'>[], signer = origin): SealedSegment {
  const hlcs = changes.map((c) => c.hlc).sort();
  const header = { origin: origin.deviceId, seq, prevHash, hlcMin: hlcs[0]!, hlcMax: hlcs[hlcs.length - 1]!, count: changes.length, schema: SYNC_SCHEMA_VERSION, keyId: origin.keyId };
  const hash = segmentHash(header, body);
  return { ...header, hash, signature: signSegmentHash(hash, signer.privateKey), body };
}

export function sealChanges(origin: DeviceKeys, seq: number, prevHash: string | null, changes: Change[]): SealedSegment {
  return handSeal(origin, seq, prevHash, encodeChanges(origin.deviceId, changes), changes);
}

export interface AssembleOptions {
  /** Edit the header object before it is written. */
  header?: (h: BundleHeader) => unknown;
  /** Replace the header text entirely. */
  headerText?: (text: string) => string;
  /** Bodies in file order (default: each segment's body in order). */
  bodies?: Buffer[];
  /** Who signs the file (default: the producer). */
  signer?: DeviceKeys;
  magic?: Buffer;
}

/** A bundle as the writer would make it, with whatever the test wants changed, correctly signed. */
export function assemble(producer: DeviceKeys, segments: readonly SealedSegment[], options: AssembleOptions = {}): Buffer {
  let offset = 0;
  const entries: BundleSegmentEntry[] = segments.map((s) => {
    const e = {
      origin: s.origin, seq: s.seq, prevHash: s.prevHash, hlcMin: s.hlcMin, hlcMax: s.hlcMax, count: s.count, schema: s.schema, keyId: s.keyId,
      hash: s.hash, signature: s.signature.toString('base64'), offset, length: s.body.length,
    };
    offset += s.body.length;
    return e;
  });
  const header: BundleHeader = {
    format: 1, bundleId: 'test', producer: { deviceId: producer.deviceId, keyId: producer.keyId, publicKey: producer.publicKeyPem },
    app: 'test', schema: SYNC_SCHEMA_VERSION, createdAt: '2026-11-27T08:00:00.000Z', compression: 'brotli-5', encryption: 'none', segments: entries,
  };
  let text = JSON.stringify(options.header ? options.header(header) : header);
  if (options.headerText) text = options.headerText(text);
  const headerBytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const before = Buffer.concat([options.magic ?? BUNDLE_MAGIC, length, headerBytes, ...(options.bodies ?? segments.map((s) => s.body))]);
  return withTrailer(before, options.signer ?? producer);
}

/** The bytes before the trailer, with the trailer: their hash, `signer`'s signature, the end mark. */
function withTrailer(before: Buffer, signer: DeviceKeys): Buffer {
  const digest = createHash('sha256').update(before).digest();
  const signature = sign(null, Buffer.concat([Buffer.from('cunji-bundle/1\n'), digest]), signer.privateKey);
  return Buffer.concat([before, digest, signature, BUNDLE_END_MAGIC]);
}

/** A written bundle with its header edited (segment bodies kept), signed again by `signer`: a producer forging its header. */
export function reheadered(bytes: Buffer, signer: DeviceKeys, edit: (header: BundleHeader) => void): Buffer {
  const length = bytes.readUInt32BE(BUNDLE_MAGIC.length);
  const start = BUNDLE_MAGIC.length + 4;
  const header = JSON.parse(bytes.subarray(start, start + length).toString('utf8')) as BundleHeader;
  edit(header);
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const newLength = Buffer.alloc(4);
  newLength.writeUInt32BE(headerBytes.length);
  const bodies = bytes.subarray(start + length, bytes.length - 104);
  return withTrailer(Buffer.concat([BUNDLE_MAGIC, newLength, headerBytes, bodies]), signer);
}
