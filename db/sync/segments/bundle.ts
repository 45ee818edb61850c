// The `.cunji` bundle file (docs/architecture.md, Sync):
//   magic "CUNJI01\n" | u32 BE header length | header JSON | segment bodies … |
//   trailer: SHA-256 of everything before (32) | producer's Ed25519 signature (64) | end magic (8)
// The writer streams segment bodies from SQLite one at a time into `<path>.part`, fsyncs and
// renames. The verifier checks everything — sizes, magic, a bounded header, the whole-file hash
// and producer signature, then per segment its hash, its origin's signature, its chain and its
// decoded content — before the caller writes anything. A bad file throws SyncFileError only.
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { createUuidV7Source } from '../../ids';
import { SYNC_SCHEMA_VERSION } from '../../ledgers';
import type { Sqlite } from '../../open';
import type { Change } from '../apply';
import { changesOfColumns, decodeColumns, DEFAULT_DECODE_LIMITS, hlcAt, type Compression, type DecodeLimits, type SegmentColumns } from './codec';
import { shown, SyncFileError } from './errors';
import { keyIdOf, segmentFromRow, segmentHash, verifySegmentHash, type DeviceKeys, type SealedSegment, type SegmentHeader } from './seal';

export const BUNDLE_FORMAT = 1;
export const BUNDLE_MAGIC = Buffer.from('CUNJI01\n', 'latin1');
export const BUNDLE_END_MAGIC = Buffer.from('\nCUNJI.\n', 'latin1');
const MAGIC_STEM = Buffer.from('CUNJI', 'latin1');
const PREFIX = BUNDLE_MAGIC.length + 4;
const TRAILER = 32 + 64 + BUNDLE_END_MAGIC.length;
const BUNDLE_DOMAIN = 'cunji-bundle/1';

export interface BundleLimits {
  readonly maxFileBytes: number;
  readonly maxHeaderBytes: number;
  /** Nesting of the header JSON (the real one is 5 deep: header, devices, card, enrolment, scope). */
  readonly maxHeaderDepth: number;
  readonly maxSegments: number;
  /** Compressed bytes of one segment. */
  readonly maxSegmentBytes: number;
  /** Changes in the whole file. */
  readonly maxChanges: number;
  readonly decode: DecodeLimits;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxFileBytes: 2 * 1024 ** 3,
  maxHeaderBytes: 8 * 1024 ** 2,
  maxHeaderDepth: 6,
  maxSegments: 20_000,
  maxSegmentBytes: 256 * 1024 ** 2,
  maxChanges: 50_000_000,
  decode: DEFAULT_DECODE_LIMITS,
};

const hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`));
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const segmentEntrySchema = z.strictObject({
  origin: hex(16),
  seq: count.min(1),
  prevHash: hex(64).nullable(),
  hlcMin: hex(16),
  hlcMax: hex(16),
  count: count.min(1),
  schema: count,
  keyId: hex(32),
  hash: hex(64),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
  offset: count,
  length: count,
});

/**
 * Who vouches for a relayed device: the issuer's signature over the card's device id, key, name
 * and role and this scope (db/sync/trust.ts). A receiver that trusts the issuer checks it.
 */
const enrolmentSchema = z.strictObject({
  issuer: hex(16),
  issuedAt: z.string().max(40),
  // Village ids and `township:<name>` entries (a district's townships, a secretary's villages).
  scope: z.array(z.string().max(100)).max(1000),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});

/** A device's trust withdrawn by a coordinator or district (db/sync/revocation.ts). */
const revocationSchema = z.strictObject({
  deviceId: hex(16),
  keyId: hex(32),
  issuer: hex(16),
  revokedAt: z.string().max(40),
  seenSeq: count,
  reason: z.string().max(200),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});

/**
 * A device as the producer describes it: itself (from its profile), or an origin it relays (from
 * its trusted devices). Self-asserted, so only shown to a person deciding whether to trust it —
 * unless it carries an enrolment by a device the receiver trusts (db/sync/enrolment.ts).
 */
const deviceCardSchema = z.strictObject({
  deviceId: hex(16),
  publicKey: z.string().max(2000),
  name: z.string().max(60),
  role: z.string().max(20),
  township: z.string().max(60).nullable(),
  /** Every township it may write, when it has several (a district); `township` is the first. */
  townships: z.array(z.string().max(60)).max(60).optional(),
  villages: z.array(z.strictObject({ id: z.string().max(64), name: z.string().max(60) })).max(500),
  enrolment: enrolmentSchema.optional(),
  /** Who withdrew this device's trust, signed (db/sync/revocation.ts); present only when someone did. */
  revocations: z.array(revocationSchema).max(20).optional(),
});

/** A township's days-in-village threshold, plan duties and member-development clocks, signed by its coordinator (db/sync/townshipSettings.ts). */
const townshipSettingsSchema = z.strictObject({
  township: z.string().min(1).max(60),
  presenceThreshold: z.number().int().min(1).max(31),
  duties: z.array(z.string().min(2).max(20)).min(1).max(8),
  /** The member-development clocks it sets by name (a name this version does not know still travels, signed). */
  partyClocks: z.record(z.string().max(40), z.number().int().min(1).max(1000)).refine((c) => Object.keys(c).length <= 20).optional(),
  issuer: hex(16),
  issuedAt: z.string().max(40),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});

const headerSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  bundleId: z.string().max(64),
  producer: z.strictObject({ deviceId: hex(16), keyId: hex(32), publicKey: z.string().max(2000) }),
  app: z.string().max(100),
  schema: count,
  createdAt: z.string().max(40),
  compression: z.enum(['brotli-5', 'gzip-6', 'none']),
  encryption: z.literal('none'),
  segments: z.array(segmentEntrySchema),
  devices: z.array(deviceCardSchema).max(1000).optional(),
  /**
   * Written by a demo installation (the made-up township): a real installation refuses the file as
   * DEMO_FILE. Present only when true, so real files stay readable by readers from before it.
   */
  demo: z.literal(true).optional(),
  /** The township settings this device holds; present only when it holds some, so older readers still read files without. */
  townshipSettings: z.array(townshipSettingsSchema).max(60).optional(),
});

export type BundleDeviceCard = z.infer<typeof deviceCardSchema>;
export type BundleHeader = z.infer<typeof headerSchema>;
export type BundleSegmentEntry = z.infer<typeof segmentEntrySchema>;

// --------------------------------------------------------------------------------------------
// Where the bytes come from: a file (read piece by piece) or a buffer (tests).

export interface ByteSource {
  readonly size: number;
  read(position: number, length: number): Buffer;
  close(): void;
}

export function bufferSource(bytes: Buffer): ByteSource {
  return { size: bytes.length, read: (position, length) => bytes.subarray(position, position + length), close: () => undefined };
}

export function fileSource(path: string): ByteSource {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    size,
    read(position, length) {
      const out = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, out, done, length - done, position + done);
        if (n === 0) throw new SyncFileError('TRUNCATED', 'The file became shorter while it was being read.');
        done += n;
      }
      return out;
    },
    close: () => closeSync(fd),
  };
}

// --------------------------------------------------------------------------------------------
// Writing

export interface WriteBundleOptions {
  readonly keys: DeviceKeys;
  /** The app version, for the header. */
  readonly app: string;
  /** Hashes of the segments to include, in order (see `segmentsToExport`). */
  readonly segments: readonly string[];
  readonly now?: () => number;
  /** The producer and the origins it relays, described for a person's trust decision. */
  readonly devices?: readonly BundleDeviceCard[];
  /** The bundle id (default: a new UUIDv7). */
  readonly bundleId?: string;
  /** This installation holds the demo township: the header says so. */
  readonly demo?: boolean;
  /** The township settings to carry (db/sync/townshipSettings.ts). */
  readonly townshipSettings?: BundleHeader['townshipSettings'];
}

export interface WrittenBundle {
  readonly path: string;
  readonly bundleId: string;
  readonly bytes: number;
  /** SHA-256 (hex) of the bytes before the trailer: the file's identity for `imports`. */
  readonly fileHash: string;
  readonly segments: number;
  readonly changes: number;
}

/** The name a chain's export mark is kept under: the origin for its main history, `<origin>@<branch>` for a fork branch. */
export function chainOf(origin: string, branch: string | null): string {
  return branch === null ? origin : `${origin}@${branch}`;
}

/**
 * The hashes of every segment past `afterSeq` of each chain (all of them for a chain not in the
 * map; see `chainOf`), resending the last `resend` already sent (a folder gives no
 * acknowledgement). Each origin's main history first, then its fork branches, each in `seq` order.
 */
export function segmentsToExport(sqlite: Sqlite, afterSeq: ReadonlyMap<string, number> = new Map(), resend = 0): string[] {
  const rows = sqlite.prepare('SELECT hash, origin, seq, branch FROM segments ORDER BY origin, branch IS NOT NULL, branch, seq').all() as {
    hash: string; origin: string; seq: number; branch: string | null;
  }[];
  return rows.filter((r) => r.seq > (afterSeq.get(chainOf(r.origin, r.branch)) ?? 0) - resend).map((r) => r.hash);
}

/** Writes `<path>.part`, fsyncs and renames it to `path` (which must not exist yet). */
export function writeBundle(sqlite: Sqlite, path: string, options: WriteBundleOptions): WrittenBundle {
  if (existsSync(path)) throw new Error(`${path} exists already; a bundle is never overwritten.`);
  const now = options.now ?? Date.now;
  const bundleId = options.bundleId ?? createUuidV7Source(now)();
  const metaOf = sqlite.prepare(
    `SELECT hash, origin, seq, prev_hash, hlc_min, hlc_max, count, schema_version, key_id, signature, length(body) AS length
       FROM segments WHERE hash = ?`,
  );
  const bodyOf = sqlite.prepare('SELECT body FROM segments WHERE hash = ?').pluck();
  const entries: BundleSegmentEntry[] = [];
  let offset = 0;
  let changes = 0;
  for (const hash of options.segments) {
    const row = metaOf.get(hash) as (Omit<Parameters<typeof segmentFromRow>[0], 'body'> & { length: number }) | undefined;
    if (!row) throw new Error(`No segment ${hash} to export`);
    entries.push({
      origin: row.origin, seq: row.seq, prevHash: row.prev_hash, hlcMin: row.hlc_min, hlcMax: row.hlc_max, count: row.count,
      schema: row.schema_version, keyId: row.key_id, hash: row.hash, signature: row.signature.toString('base64'), offset, length: row.length,
    });
    offset += row.length;
    changes += row.count;
  }
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    bundleId,
    producer: { deviceId: options.keys.deviceId, keyId: options.keys.keyId, publicKey: options.keys.publicKeyPem },
    app: options.app,
    schema: SYNC_SCHEMA_VERSION,
    createdAt: new Date(now()).toISOString(),
    compression: 'brotli-5' satisfies Compression,
    encryption: 'none',
    segments: entries,
    ...(options.devices ? { devices: [...options.devices] } : {}),
    ...(options.demo ? { demo: true as const } : {}),
    ...(options.townshipSettings && options.townshipSettings.length > 0 ? { townshipSettings: options.townshipSettings } : {}),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);

  const part = `${path}.part`;
  const fd = openSync(part, 'w');
  let whole = false;
  const hash = createHash('sha256');
  let bytes = 0;
  let fileHash = '';
  const put = (data: Buffer, hashed = true) => {
    if (hashed) hash.update(data);
    let done = 0;
    while (done < data.length) done += writeSync(fd, data, done, data.length - done);
    bytes += data.length;
  };
  try {
    put(BUNDLE_MAGIC);
    put(length);
    put(headerBytes);
    for (const entry of entries) put(bodyOf.get(entry.hash) as Buffer); // one body in memory at a time
    const digest = hash.digest();
    fileHash = digest.toString('hex');
    put(digest, false);
    put(sign(null, bundleMessage(digest), options.keys.privateKey), false);
    put(BUNDLE_END_MAGIC, false);
    fsyncSync(fd);
    whole = true;
  } finally {
    closeSync(fd);
    // A full disk (or any failure) leaves no half file in the shared folder for the next run to trip on.
    if (!whole) rmSync(part, { force: true });
  }
  renameSync(part, path);
  syncDirectory(dirname(path));
  return { path, bundleId, bytes, fileHash, segments: entries.length, changes };
}

function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory (Windows); the rename is still atomic.
  }
}

function bundleMessage(digest: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${BUNDLE_DOMAIN}\n`), digest]);
}

// --------------------------------------------------------------------------------------------
// Verifying

export interface VerifyOptions {
  /** The trusted public key of a device, or null when this device does not know it. */
  readonly keyOf: (deviceId: string) => KeyObject | string | null;
  /** The greatest seq this device already holds of an origin (to report gaps); 0 if none. */
  readonly lastSeqOf?: (origin: string) => number;
  readonly limits?: Partial<BundleLimits>;
}

export interface VerifiedSegment extends SealedSegment {
  readonly offset: number;
}

export interface VerifiedBundle {
  readonly fileHash: string;
  readonly header: BundleHeader;
  /** In the file's order, each checked (hash, origin's signature, decodable, names ours). */
  readonly segments: readonly VerifiedSegment[];
  readonly changes: number;
  /** Not fatal: e.g. "device 1a2b…, segment 17 missing". */
  readonly warnings: readonly string[];
}

/** A verified segment without its body: where to read it again, and the hash it must have. */
export interface ScannedSegment extends SegmentHeader {
  readonly hash: string;
  readonly signature: Buffer;
  /** Of the body, from the first segment's start (as the header states it). */
  readonly offset: number;
  /** Of the body, from the file's start. */
  readonly position: number;
  readonly length: number;
}

/** What `scanBundle` proved of a file, holding no segment body (memory does not grow with it). */
export interface ScannedBundle extends Omit<VerifiedBundle, 'segments'> {
  readonly segments: readonly ScannedSegment[];
}

/** Sees each verified segment's body and changes while the scan holds them (one at a time). */
export type SegmentVisitor = (segment: ScannedSegment, body: Buffer, changes: readonly Change[]) => void;

function fail(reason: SyncFileError['reason'], message: string): never {
  throw new SyncFileError(reason, message);
}

/** JSON nesting depth, counted without parsing (so a deep file cannot exhaust the parser). */
function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

function parseHeader(text: string, limits: BundleLimits): BundleHeader {
  if (jsonDepthExceeds(text, limits.maxHeaderDepth)) fail('BAD_HEADER', `The file's header is nested deeper than ${limits.maxHeaderDepth} levels.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('BAD_HEADER', 'The file\'s header is not valid JSON.');
  }
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const format = Object.prototype.hasOwnProperty.call(json, 'format') ? (json as { format?: unknown }).format : undefined;
    if (typeof format === 'number' && format > BUNDLE_FORMAT) {
      fail('NEWER_FORMAT', `The file is in bundle format ${format}; this version of Cunji reads format ${BUNDLE_FORMAT}. Update Cunji to import it.`);
    }
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail('BAD_HEADER', `The file's header is not valid: ${shown(issue.path.join('.') || '(top)')} ${issue.message}.`);
  }
  const header = parsed.data;
  if (header.schema > SYNC_SCHEMA_VERSION) {
    fail('NEWER_SCHEMA', `The file was written by a newer Cunji (schema ${header.schema}; this one knows up to ${SYNC_SCHEMA_VERSION}). Update Cunji to import it.`);
  }
  return header;
}

function keyObject(key: KeyObject | string, deviceId: string): KeyObject {
  if (typeof key !== 'string') return key;
  try {
    return createPublicKey(key);
  } catch {
    return fail('BAD_HEADER', `The public key of device ${deviceId} cannot be read.`);
  }
}

function trustedKey(options: VerifyOptions, deviceId: string, keyId: string, offered?: string): KeyObject {
  const known = options.keyOf(deviceId);
  if (known === null) {
    throw new SyncFileError(
      'UNKNOWN_DEVICE',
      `The file holds data signed by unknown device ${deviceId}. Accept the device first (compare its key fingerprint), then import again.`,
      offered === undefined ? { deviceId } : { deviceId, offeredPublicKey: offered },
    );
  }
  const key = keyObject(known, deviceId);
  if (keyIdOf(key) !== keyId) {
    fail('KEY_MISMATCH', `Device ${deviceId} is known here with another key: this file was signed with key ${keyId}. It is refused (a cloned or impostor device?).`);
  }
  return key;
}

/** Checks a whole bundle without writing anything, keeping every segment's body (small files). */
export function verifyBundle(source: ByteSource, options: VerifyOptions): VerifiedBundle {
  const segments: VerifiedSegment[] = [];
  const scanned = scanBundle(source, options, ({ position: _position, length: _length, ...segment }, body) => {
    segments.push({ ...segment, body });
  });
  return { ...scanned, segments };
}

/**
 * Checks a whole bundle without writing anything, reading one segment at a time; `visit` sees
 * each verified segment while it is in memory. Throws SyncFileError for any fault.
 */
/**
 * Verifies a file a segment at a time. `visit` sees each segment's decoded changes; when
 * `wantsChanges` says the file's origins need no visit (an import whose judging needs nothing
 * from the whole file), bodies are hashed and signatures checked but not decoded: the pass that
 * applies them decodes each once, and `changesOf` checks the content there.
 */
export function scanBundle(
  source: ByteSource,
  options: VerifyOptions,
  visit?: SegmentVisitor,
  wantsChanges: (origins: ReadonlySet<string>) => boolean = () => true,
): ScannedBundle {
  const limits: BundleLimits = { ...DEFAULT_BUNDLE_LIMITS, ...options.limits };
  const size = source.size;
  if (size > limits.maxFileBytes) fail('TOO_LARGE', `The file is ${size} bytes, more than the limit of ${limits.maxFileBytes}.`);

  // Magic and version.
  const head = source.read(0, Math.min(size, BUNDLE_MAGIC.length));
  if (!head.equals(BUNDLE_MAGIC)) {
    // A bundle of this format whose first bytes alone were damaged: its checksum still holds
    // with the true mark put back. Saying "newer Cunji" or "not a Cunji file" would mislead.
    if (damagedMark(source)) {
      fail('HASH_MISMATCH', 'The file is damaged: its first bytes (the format mark) were altered in copying. Copy it again from where it came.');
    }
    if (size < BUNDLE_MAGIC.length && BUNDLE_MAGIC.subarray(0, size).equals(head)) fail('TRUNCATED', 'The file is cut short: it ends inside its first bytes.');
    const stem = head.subarray(0, MAGIC_STEM.length);
    const version = head.subarray(5, 7).toString('latin1');
    if (stem.equals(MAGIC_STEM) && /^\d\d$/.test(version) && Number(version) > BUNDLE_FORMAT && head[7] === 0x0a) {
      fail('NEWER_FORMAT', `The file is in bundle format ${Number(version)}; this version of Cunji reads format ${BUNDLE_FORMAT}. Update Cunji to import it.`);
    }
    fail('BAD_MAGIC', 'This is not a Cunji bundle (.cunji) file.');
  }
  if (size < PREFIX + TRAILER || !source.read(size - BUNDLE_END_MAGIC.length, BUNDLE_END_MAGIC.length).equals(BUNDLE_END_MAGIC)) {
    fail('TRUNCATED', 'The file is cut short (no end mark): it may still be copying or syncing, or a USB stick was pulled. Copy it again.');
  }
  // Whole-file hash first, reading in pieces: damaged bytes anywhere (the header length too) are
  // named as damage, never read as a size or a header.
  const dataEnd = size - TRAILER;
  const digest = sha256Of(source, null, dataEnd);
  const trailer = source.read(dataEnd, TRAILER);
  if (!digest.equals(trailer.subarray(0, 32))) fail('HASH_MISMATCH', 'The file is damaged: its content does not match its checksum.');
  const fileHash = digest.toString('hex');

  const headerLength = source.read(BUNDLE_MAGIC.length, 4).readUInt32BE(0);
  if (headerLength > limits.maxHeaderBytes) fail('TOO_LARGE', `The file's header is ${headerLength} bytes, more than the limit of ${limits.maxHeaderBytes}.`);
  const dataStart = PREFIX + headerLength;
  if (dataStart > dataEnd) fail('BAD_HEADER', 'The file\'s header length runs past the end of the file.');

  // Header, then the producer's signature over the file.
  const header = parseHeader(source.read(PREFIX, headerLength).toString('utf8'), limits);
  const producer = header.producer;
  if (keyIdOf(keyObject(producer.publicKey, producer.deviceId)) !== producer.keyId) fail('BAD_HEADER', 'The producer\'s key id does not match its key.');
  const producerKey = trustedKey(options, producer.deviceId, producer.keyId, producer.publicKey);
  if (!verify(null, bundleMessage(digest), producerKey, trailer.subarray(32, 96))) {
    fail('BAD_SIGNATURE', `The file's signature is not that of device ${producer.deviceId}: it was altered, or not made by that device.`);
  }

  // The index: bounded, contiguous, no duplicates. Two segments of one origin with one number, or
  // not linking, are a fork (a copied device): each is judged on its own when it is imported
  // (db/sync/forks.ts), so one forked origin never stops the rest of the file.
  const index = header.segments;
  if (index.length > limits.maxSegments) fail('TOO_LARGE', `The file lists ${index.length} segments, more than the limit of ${limits.maxSegments}.`);
  let expected = 0;
  let total = 0;
  const byHash = new Set<string>();
  for (const [i, e] of index.entries()) {
    if (e.offset !== expected) fail('BAD_HEADER', `Segment ${i + 1} of the file does not start where the one before ends.`);
    if (e.length > limits.maxSegmentBytes) fail('TOO_LARGE', `Segment ${i + 1} is ${e.length} bytes, more than the limit of ${limits.maxSegmentBytes}.`);
    if (e.count > limits.decode.maxChanges) fail('TOO_LARGE', `Segment ${i + 1} holds ${e.count} changes, more than the limit of ${limits.decode.maxChanges}.`);
    expected += e.length;
    total += e.count;
    if (byHash.has(e.hash)) fail('BAD_HEADER', `Device ${e.origin}, segment ${e.seq} is listed twice.`);
    byHash.add(e.hash);
  }
  if (dataStart + expected !== dataEnd) fail('BAD_HEADER', 'The segments listed do not fill the file exactly.');
  if (total > limits.maxChanges) fail('TOO_LARGE', `The file holds ${total} changes, more than the limit of ${limits.maxChanges}.`);

  // Each segment: hash, origin's key and signature, schema, then its content.
  const decode = wantsChanges(new Set(index.map((e) => e.origin)));
  const keys = new Map<string, KeyObject>();
  const segments: ScannedSegment[] = [];
  for (const [i, e] of index.entries()) {
    const body = source.read(dataStart + e.offset, e.length);
    const sealed = { origin: e.origin, seq: e.seq, prevHash: e.prevHash, hlcMin: e.hlcMin, hlcMax: e.hlcMax, count: e.count, schema: e.schema, keyId: e.keyId };
    if (segmentHash(sealed, body) !== e.hash) fail('HASH_MISMATCH', `Device ${e.origin}, segment ${e.seq} (number ${i + 1} in the file) is damaged: its content does not match its hash.`);
    let key = keys.get(e.origin);
    if (!key) {
      key = trustedKey(options, e.origin, e.keyId);
      keys.set(e.origin, key);
    } else if (keyIdOf(key) !== e.keyId) trustedKey(options, e.origin, e.keyId);
    const signature = Buffer.from(e.signature, 'base64');
    if (!verifySegmentHash(e.hash, signature, key)) fail('BAD_SIGNATURE', `Device ${e.origin}, segment ${e.seq} is not signed by that device.`);
    if (e.schema > SYNC_SCHEMA_VERSION) fail('NEWER_SCHEMA', `Device ${e.origin}, segment ${e.seq} was written by a newer Cunji (schema ${e.schema}). Update Cunji to import it.`);
    const segment: ScannedSegment = { ...sealed, hash: e.hash, signature, offset: e.offset, position: dataStart + e.offset, length: e.length };
    segments.push(segment);
    if (decode) {
      const columns = decodeColumns(e.origin, body, limits.decode);
      checkContent(e, columns);
      visit?.(segment, body, changesOfColumns(columns));
    }
  }

  // Chains: gaps are reported (links are judged against the stored chain on import).
  const warnings: string[] = [];
  const origins = [...new Set(index.map((e) => e.origin))].sort();
  for (const origin of origins) {
    const seqs = index.filter((e) => e.origin === origin).sort((a, b) => a.seq - b.seq);
    let previous = options.lastSeqOf?.(origin) ?? null;
    for (const e of seqs) {
      if (e.seq === 1 && e.prevHash !== null) fail('BAD_SEGMENT', `Device ${origin}, segment 1 names a segment before it.`);
      if (previous !== null && e.seq > previous + 1) {
        warnings.push(e.seq === previous + 2 ? `device ${origin}, segment ${previous + 1} missing` : `device ${origin}, segments ${previous + 1}–${e.seq - 1} missing`);
      }
      previous = Math.max(previous ?? 0, e.seq);
    }
  }
  return { fileHash, header, segments, changes: total, warnings };
}

/** SHA-256 of the bytes before `end`, read in pieces; `mark` replaces the first bytes when given. */
function sha256Of(source: ByteSource, mark: Buffer | null, end: number): Buffer {
  const hash = createHash('sha256');
  let at = 0;
  if (mark) {
    hash.update(mark);
    at = mark.length;
  }
  for (; at < end; at += 1 << 20) hash.update(source.read(at, Math.min(1 << 20, end - at)));
  return hash.digest();
}

/** Whether the file is one of this format with only its magic damaged (end mark and checksum hold). */
function damagedMark(source: ByteSource): boolean {
  const size = source.size;
  if (size < PREFIX + TRAILER || !source.read(size - BUNDLE_END_MAGIC.length, BUNDLE_END_MAGIC.length).equals(BUNDLE_END_MAGIC)) return false;
  const end = size - TRAILER;
  return sha256Of(source, BUNDLE_MAGIC, end).equals(source.read(end, 32));
}

function checkContent(e: Pick<BundleSegmentEntry, 'origin' | 'seq' | 'count' | 'hlcMin' | 'hlcMax'>, columns: SegmentColumns): void {
  const where = `Device ${e.origin}, segment ${e.seq}`;
  if (columns.count !== e.count) fail('BAD_SEGMENT', `${where} holds ${columns.count} changes, not the ${e.count} it declares.`);
  if (hlcAt(columns, columns.minAt) !== e.hlcMin || hlcAt(columns, columns.maxAt) !== e.hlcMax) fail('BAD_SEGMENT', `${where} holds changes outside the time range it declares.`);
}

/**
 * A scanned segment's body read from the file again, for the pass that applies it: its hash is
 * checked once more, so bytes that changed after the scan are refused (the caller rolls back).
 */
export function rereadSegment(source: ByteSource, segment: ScannedSegment): VerifiedSegment {
  const { position, length, ...sealed } = segment;
  const body = source.read(position, length);
  if (segmentHash(sealed, body) !== segment.hash) {
    fail('HASH_MISMATCH', `The file changed while it was being imported (device ${segment.origin}, segment ${segment.seq}): nothing was imported. Copy it again.`);
  }
  return { ...sealed, body };
}

/** The changes of a verified segment (verification kept only the bytes), checked against what it declares. */
export function changesOf(segment: VerifiedSegment, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): Change[] {
  return changesOfColumns(columnsOf(segment, limits));
}

/** A verified segment decoded into columns (codec.ts), checked against what it declares. */
export function columnsOf(segment: VerifiedSegment, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): SegmentColumns {
  const columns = decodeColumns(segment.origin, segment.body, limits);
  checkContent(segment, columns);
  return columns;
}

/** Verify, then decode everything (small files and tests). */
export function readBundle(source: ByteSource, options: VerifyOptions): VerifiedBundle & { readonly changeList: Change[] } {
  const verified = verifyBundle(source, options);
  const changeList: Change[] = [];
  for (const s of verified.segments) for (const c of changesOf(s, { ...DEFAULT_DECODE_LIMITS, ...options.limits?.decode })) changeList.push(c);
  return { ...verified, changeList };
}
