// The rotating log on real files: one line per entry, rotation at the size boundary, the number
// of files kept, whole lines when several processes write at once, and never an exception into
// the caller when the folder or the disk refuses the write.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, formatLogLine, LOG_FILE_NAME, logDirOf, redact } from '../../../electron/services/log';
import { useReadOnly } from '../../helpers/readOnly';
import { useChildScript } from '../../helpers/childScript';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
const makeReadOnly = useReadOnly();
const T0 = Date.UTC(2026, 10, 27, 8, 0, 0);
const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO |WARN |ERROR) \S.*$/;

const read = (file: string) => readFileSync(file, 'utf8');
const linesOf = (file: string) => read(file).split('\n').filter(Boolean);
/** A logger whose every entry is the same length, so a test can place the size boundary exactly. */
function fixedLogger(dir: string, maxBytes: number, maxFiles: number) {
  return createLogger({ dir, maxBytes, maxFiles, now: () => T0, fallback: (line) => expect.fail(`fell back: ${line}`) });
}
const entry = (i: number) => `entry ${String(i).padStart(4, '0')}`;
const ENTRY_BYTES = Buffer.byteLength(formatLogLine(T0, 'info', entry(0)));

describe('an entry', () => {
  it('is one line: ISO time, level, message and detail, with newlines escaped', () => {
    const dir = logDirOf(tempDir());
    const log = createLogger({ dir, now: () => T0 });
    log.info('started');
    log.warn('slow start', { ms: 900 });
    log.error('sync.now failed', new Error('disk\nfull'));
    const lines = linesOf(join(dir, LOG_FILE_NAME));
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(LINE);
    expect(lines[0]).toBe('2026-11-27T08:00:00.000Z INFO  started');
    expect(lines[1]).toBe('2026-11-27T08:00:00.000Z WARN  slow start | {"ms":900}');
    expect(lines[2]).toMatch(/^2026-11-27T08:00:00\.000Z ERROR sync\.now failed \| Error: disk\\nfull\\n {4}at /);
  });

  it('never carries a resident ID number or a mobile number', () => {
    const text = 'household 370402199001011234 / 37040219900101123x, phone 13812345678, row 0193a4b2-13812345678a, at 1764230400000';
    expect(redact(text)).toBe('household [ID number] / [ID number], phone [phone], row 0193a4b2-13812345678a, at 1764230400000');
    const dir = tempDir();
    createLogger({ dir }).error('import refused', new Error('bad id 370402199001011234 for 13812345678'));
    expect(read(join(dir, LOG_FILE_NAME))).not.toMatch(/370402199001011234|13812345678/);
  });
});

describe('rotation', () => {
  it('keeps writing to cunji.log up to the size limit, and starts a new file at the first byte past it', () => {
    const dir = tempDir();
    const log = fixedLogger(dir, ENTRY_BYTES * 3, 5);
    for (let i = 0; i < 3; i++) log.info(entry(i));
    expect(readdirSync(dir)).toEqual([LOG_FILE_NAME]);
    expect(read(join(dir, LOG_FILE_NAME)).length).toBe(ENTRY_BYTES * 3);

    log.info(entry(3));
    expect(readdirSync(dir).sort()).toEqual([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`]);
    expect(linesOf(join(dir, `${LOG_FILE_NAME}.1`)).map((l) => l.slice(-10))).toEqual([entry(0), entry(1), entry(2)]);
    expect(linesOf(join(dir, LOG_FILE_NAME)).map((l) => l.slice(-10))).toEqual([entry(3)]);
  });

  it('keeps the newest files up to the count, newest in cunji.log, then .1, .2…', () => {
    const dir = tempDir();
    const log = fixedLogger(dir, ENTRY_BYTES * 2, 3);
    for (let i = 0; i < 20; i++) log.info(entry(i));
    expect(readdirSync(dir).sort()).toEqual([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`, `${LOG_FILE_NAME}.2`]);
    const kept = [`${LOG_FILE_NAME}.2`, `${LOG_FILE_NAME}.1`, LOG_FILE_NAME].flatMap((f) => linesOf(join(dir, f)).map((l) => l.slice(-10)));
    expect(kept).toEqual([14, 15, 16, 17, 18, 19].map(entry));
  });

  it('writes an entry larger than the limit whole, in a file of its own', () => {
    const dir = tempDir();
    const log = fixedLogger(dir, 100, 3);
    log.info('small');
    log.info('x'.repeat(500));
    expect(linesOf(join(dir, LOG_FILE_NAME))).toEqual([expect.stringMatching(/x{500}$/)]);
    expect(linesOf(join(dir, `${LOG_FILE_NAME}.1`))).toEqual([expect.stringMatching(/ small$/)]);
  });
});

describe('several processes writing at once', () => {
  const childScript = useChildScript(new URL('./fixtures/logChild.ts', import.meta.url));

  function runChild(dir: string, name: string, count: number, maxBytes: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [childScript(), dir, name, String(count), String(maxBytes)], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 && !err ? resolve() : reject(new Error(`child ${name} failed (${code}): ${err}`))));
    });
  }

  it('never cuts into one another’s lines, and loses none', async () => {
    const dir = tempDir();
    const names = ['A', 'B', 'C', 'D'];
    const perChild = 1500;
    await Promise.all(names.map((name) => runChild(dir, name, perChild, 1024 ** 3)));
    const lines = linesOf(join(dir, LOG_FILE_NAME));
    expect(lines).toHaveLength(names.length * perChild);
    for (const line of lines) {
      const [, name, i] = / INFO {2}([A-D]) entry (\d+) ([A-D])+$/.exec(line) ?? expect.fail(`a broken line: ${line.slice(0, 120)}`);
      expect(line.endsWith(` entry ${i} ${name!.repeat(40)}`), line.slice(0, 80)).toBe(true);
    }
    for (const name of names) expect(lines.filter((l) => l.includes(` ${name} entry `))).toHaveLength(perChild);
  });

  it('keeps lines whole while rotating', async () => {
    const dir = tempDir();
    await Promise.all(['A', 'B', 'C'].map((name) => runChild(dir, name, 800, 32 * 1024)));
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) for (const line of linesOf(join(dir, file))) expect(line).toMatch(/ INFO {2}([A-D]) entry \d+ \1{40}$/);
  });
});

describe('when the log cannot be written', () => {
  function capturing(dir: string) {
    const fallen: string[] = [];
    return { fallen, log: createLogger({ dir, fallback: (line) => fallen.push(line) }) };
  }

  it('falls back to stderr, without throwing, when the folder is a file', () => {
    const parent = tempDir();
    writeFileSync(join(parent, 'logs'), 'not a folder');
    const { fallen, log } = capturing(join(parent, 'logs'));
    expect(() => log.error('started', new Error('x'))).not.toThrow();
    expect(fallen).toHaveLength(1);
    expect(fallen[0]).toMatch(/^\[cunji\] log file unavailable \(E\w+\): \d{4}-.*ERROR started/);
  });

  it('falls back when the folder is read-only, and creates nothing there', (context) => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    if (!makeReadOnly(dir)) context.skip('cannot make a folder read-only on this machine');
    const { fallen, log } = capturing(dir);
    expect(() => log.warn('first')).not.toThrow();
    expect(fallen).toEqual([expect.stringMatching(/WARN {2}first\n$/)]);
    expect(existsSync(join(dir, LOG_FILE_NAME))).toBe(false);
  });

  it('falls back when the disk is full', (context) => {
    if (!existsSync('/dev/full')) context.skip('no /dev/full here');
    const dir = tempDir();
    symlinkSync('/dev/full', join(dir, LOG_FILE_NAME)); // every write to it fails with ENOSPC
    const { fallen, log } = capturing(dir);
    expect(() => log.info('one')).not.toThrow();
    expect(fallen).toEqual([expect.stringMatching(/^\[cunji\] log file unavailable \(ENOSPC\): .*INFO {2}one\n$/)]);
  });

  it('does not throw even when stderr itself fails', () => {
    const parent = tempDir();
    writeFileSync(join(parent, 'logs'), '');
    const log = createLogger({
      dir: join(parent, 'logs'),
      fallback: () => {
        throw new Error('EPIPE');
      },
    });
    expect(() => log.error('lost')).not.toThrow();
  });
});
