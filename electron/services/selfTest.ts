// The start-up self-test: before the window opens, prove that what the data depends on works
// on this computer — node:crypto (signatures, encryption, key derivation and hashing against
// published vectors) and the database file (it opens, is whole, takes a write, runs in WAL).
// A broken build, a stripped OpenSSL or a damaged disk is then named plainly at start, not
// discovered as a failed sync a month later.
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, randomBytes, scrypt, sign, verify } from 'node:crypto';
import { openDatabase } from '../../db/open';
import { checkOpenDatabase } from '../../db/selfCheck';

export type SelfTestCheck = 'sha256' | 'ed25519' | 'aes-gcm' | 'scrypt' | 'database';

export interface SelfTestFailure {
  readonly check: SelfTestCheck;
  /** What a person reads, in each language. */
  readonly zh: string;
  readonly en: string;
  /** The technical cause, for the log and for support. */
  readonly detail: string;
}

const hex = (text: string) => Buffer.from(text, 'hex');
const b64url = (bytes: Buffer) => bytes.toString('base64url');

// FIPS 180-2, "abc".
const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
// RFC 8032 §7.1, test 1 (the empty message).
const ED25519 = {
  secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  signature:
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
};
// The GCM specification (McGrew & Viega), test case 14: AES-256, zero key, zero IV, one zero block.
const AES_GCM = {
  key: '00'.repeat(32),
  iv: '00'.repeat(12),
  plain: '00'.repeat(16),
  cipher: 'cea7403d4d606b6e074ec5d3baf39d18',
  tag: 'd0d1c8a799996bf0265b98b5d48ab919',
};
// RFC 7914 §12: "password", "NaCl", N=1024, r=8, p=16.
const SCRYPT_VECTOR =
  'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640';

function expectEqual(actual: string, expected: string, what: string): void {
  if (actual !== expected) throw new Error(`${what}: got ${actual}, expected ${expected}`);
}

function checkSha256(): void {
  expectEqual(createHash('sha256').update('abc').digest('hex'), SHA256_ABC, 'SHA-256("abc")');
}

function checkEd25519(): void {
  const x = b64url(hex(ED25519.public));
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64url(hex(ED25519.secret)), x }, format: 'jwk' });
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  const message = Buffer.alloc(0);
  expectEqual(sign(null, message, privateKey).toString('hex'), ED25519.signature, 'Ed25519 signature');
  if (!verify(null, message, publicKey, hex(ED25519.signature))) throw new Error('Ed25519 refused its own valid signature');
  const forged = hex(ED25519.signature);
  forged[0]! ^= 1;
  if (verify(null, message, publicKey, forged)) throw new Error('Ed25519 accepted a forged signature');
}

function checkAesGcm(): void {
  const cipher = createCipheriv('aes-256-gcm', hex(AES_GCM.key), hex(AES_GCM.iv));
  const sealed = Buffer.concat([cipher.update(hex(AES_GCM.plain)), cipher.final()]);
  expectEqual(sealed.toString('hex'), AES_GCM.cipher, 'AES-256-GCM ciphertext');
  expectEqual(cipher.getAuthTag().toString('hex'), AES_GCM.tag, 'AES-256-GCM tag');

  // A round trip with a fresh key and IV, as the app uses it, and a tampered tag refused.
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const plain = Buffer.from('村记 self-test', 'utf8');
  const enc = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([enc.update(plain), enc.final()]);
  const tag = enc.getAuthTag();
  const dec = createDecipheriv('aes-256-gcm', key, iv);
  dec.setAuthTag(tag);
  if (!Buffer.concat([dec.update(ciphertext), dec.final()]).equals(plain)) throw new Error('AES-256-GCM round trip changed the text');
  const badTag = Buffer.from(tag);
  badTag[0]! ^= 1;
  const tampered = createDecipheriv('aes-256-gcm', key, iv);
  tampered.setAuthTag(badTag);
  tampered.update(ciphertext);
  let refused = false;
  try {
    tampered.final();
  } catch {
    refused = true;
  }
  if (!refused) throw new Error('AES-256-GCM accepted a tampered tag');
}

async function checkScrypt(): Promise<void> {
  const derived = await new Promise<Buffer>((resolve, reject) =>
    scrypt('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
  expectEqual(derived.toString('hex'), SCRYPT_VECTOR, 'scrypt');
}

const CRYPTO_MESSAGE = {
  zh: '这台电脑上的加密组件不能正常工作（{{what}}），村记无法安全地签名和加密同步数据。',
  en: 'The encryption on this computer does not work correctly ({{what}}), so Cunji cannot sign or encrypt sync data safely.',
};

async function runCheck(check: Exclude<SelfTestCheck, 'database'>, name: string, run: () => void | Promise<void>): Promise<SelfTestFailure | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return {
      check,
      zh: CRYPTO_MESSAGE.zh.replace('{{what}}', name),
      en: CRYPTO_MESSAGE.en.replace('{{what}}', name),
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

export async function checkCrypto(): Promise<SelfTestFailure[]> {
  const results = await Promise.all([
    runCheck('sha256', 'SHA-256', checkSha256),
    runCheck('ed25519', 'Ed25519', checkEd25519),
    runCheck('aes-gcm', 'AES-256-GCM', checkAesGcm),
    runCheck('scrypt', 'scrypt', checkScrypt),
  ]);
  return results.filter((f): f is SelfTestFailure => f !== null);
}

// The checks on an open connection are db/'s (pragmas and a rolled-back write): db/selfCheck.ts.
export { checkOpenDatabase };

/** The plain-language reason for a database failure, from SQLite's error code. */
function databaseMessage(error: unknown): { zh: string; en: string } {
  const code = String((error as { code?: unknown }).code ?? '');
  const text = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT') || /integrity_check|quick_check|malformed|not a database/i.test(text)) {
    return {
      zh: '数据文件已损坏。请不要再往里写入；从“backups”文件夹里最近的备份恢复，或联系技术支持。',
      en: 'The data file is damaged. Do not write to it; restore the latest copy from the "backups" folder, or contact support.',
    };
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || /readonly|read-only/i.test(text)) {
    return {
      zh: '数据文件不能写入（只读、权限不够或磁盘已满）。请检查数据文件夹的权限和磁盘空间。',
      en: 'The data file cannot be written (read-only, no permission or a full disk). Check the data folder’s permissions and free space.',
    };
  }
  if ((error as { code?: unknown }).code === 'DATABASE_TOO_NEW') {
    return { zh: '数据文件来自更新版本的村记，请安装该版本后再打开。', en: 'The data file was written by a newer Cunji; install that version to open it.' };
  }
  return { zh: '数据文件无法正常打开。', en: 'The data file cannot be opened correctly.' };
}

export interface SelfTestOptions {
  databaseFile: string;
  nativeBinding?: string;
}

/** Every check; an empty list means the app may start. */
export async function runSelfTest(options: SelfTestOptions): Promise<SelfTestFailure[]> {
  const failures = await checkCrypto();
  try {
    // Opened exactly as the app opens it (pragmas, migrations), so what passes here will open.
    const db = await openDatabase(options.databaseFile, { nativeBinding: options.nativeBinding });
    try {
      checkOpenDatabase(db.sqlite);
    } finally {
      db.close();
    }
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    failures.push({ check: 'database', ...databaseMessage(error), detail: `${options.databaseFile}: ${cause}` });
  }
  return failures;
}

/** The failures as the error dialog shows them: both languages, then where to look further. */
export function describeFailures(failures: readonly SelfTestFailure[], logFile: string): string {
  const lines = failures.flatMap((f) => [f.zh, f.en, `  (${f.detail})`, '']);
  return [...lines, `日志 / Log: ${logFile}`].join('\n');
}
