// Identifiers. Sources of time and randomness are passed in so tests can make two devices
// (or a thousand rows) deterministic in one process.
import { randomBytes } from 'node:crypto';

export type RandomBytes = (size: number) => Uint8Array;
export type IdSource = () => string;

export const defaultRandom: RandomBytes = (size) => randomBytes(size);

/** RFC 9562 UUIDv7: 48-bit Unix milliseconds, version 7, variant 10, 74 random bits. */
export function createUuidV7Source(now: () => number, random: RandomBytes = defaultRandom): IdSource {
  return () => {
    const bytes = random(16);
    const ms = Math.floor(now());
    for (let i = 0; i < 6; i++) bytes[i] = Math.floor(ms / 2 ** (8 * (5 - i))) & 0xff;
    bytes[6] = (bytes[6]! & 0x0f) | 0x70;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = Buffer.from(bytes).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

export const DEVICE_ID_PATTERN = /^[0-9a-f]{16}$/;

/** A device id: 64 random bits as 16 hex characters, fixed width so change ids sort. */
export function newDeviceId(random: RandomBytes = defaultRandom): string {
  return Buffer.from(random(8)).toString('hex');
}
