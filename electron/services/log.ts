// The app's log: one line per entry (ISO time, level, message), appended to
// <userData>/logs/cunji.log and rotated by size (cunji.log.1 is the newest old file). A log
// must never take the app down: when the disk is full or the folder read-only, the line goes
// to stderr instead and the caller carries on. Lines are written with one append each, so two
// processes (the app and the browser host on one data folder) never cut into each other's lines.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_DIR_NAME = 'logs';
export const LOG_FILE_NAME = 'cunji.log';
export const DEFAULT_MAX_BYTES = 1024 * 1024;
/** The live file and this many minus one older ones. */
export const DEFAULT_MAX_FILES = 5;
/** One entry never grows past this (a huge error message would push everything else out). */
const MAX_LINE_CHARS = 16 * 1024;

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  readonly file: string;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export interface LoggerOptions {
  /** The folder the log lives in: `logDirOf(userData)`. */
  dir: string;
  maxBytes?: number;
  maxFiles?: number;
  now?: () => number;
  /** Where a line goes when the file cannot take it. */
  fallback?: (line: string) => void;
}

export function logDirOf(dataDir: string): string {
  return join(dataDir, LOG_DIR_NAME);
}

/**
 * Personal data never reaches the log, whatever an error message quotes: resident ID numbers
 * and mobile numbers are replaced (the rest of the line stays, so the error is still readable).
 */
export function redact(text: string): string {
  return text
    .replace(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, '[ID number]')
    .replace(/(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g, '[phone]');
}

function describe(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return detail.stack ?? `${detail.name}: ${detail.message}`;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail) ?? String(detail);
  } catch {
    return String(detail);
  }
}

/** `2026-11-27T08:00:00.000Z ERROR message | detail`, newlines escaped so it stays one line. */
export function formatLogLine(time: number, level: LogLevel, message: string, detail?: unknown): string {
  const extra = describe(detail);
  const text = redact(extra ? `${message} | ${extra}` : message).replace(/\r?\n/g, '\\n');
  const clipped = text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}…` : text;
  return `${new Date(time).toISOString()} ${level.toUpperCase().padEnd(5)} ${clipped}\n`;
}

export function createLogger(options: LoggerOptions): Logger {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxFiles = Math.max(1, options.maxFiles ?? DEFAULT_MAX_FILES);
  const now = options.now ?? Date.now;
  const file = join(options.dir, LOG_FILE_NAME);
  const fallback =
    options.fallback ??
    ((line: string) => {
      process.stderr.write(line);
    });

  function rotateIfFull(nextBytes: number): void {
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return; // no file yet
    }
    if (size === 0 || size + nextBytes <= maxBytes) return;
    // Oldest out, each other one step older, the live file becomes .1.
    rmSync(`${file}.${maxFiles - 1}`, { force: true });
    for (let i = maxFiles - 2; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // a gap in the numbering (or another process rotated first): nothing to move
      }
    }
    if (maxFiles === 1) rmSync(file, { force: true });
    else renameSync(file, `${file}.1`);
  }

  function write(level: LogLevel, message: string, detail?: unknown): void {
    let line: string;
    try {
      line = formatLogLine(now(), level, message, detail);
    } catch {
      line = `${new Date().toISOString()} ${level.toUpperCase()} (an entry that could not be formatted)\n`;
    }
    try {
      mkdirSync(options.dir, { recursive: true });
      try {
        rotateIfFull(Buffer.byteLength(line));
      } catch {
        // Could not rotate (a file held open elsewhere): a long log beats a lost line.
      }
      appendFileSync(file, line);
    } catch (error) {
      try {
        fallback(`[cunji] log file unavailable (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${line}`);
      } catch {
        // Not even stderr: the entry is lost, the caller is not.
      }
    }
  }

  return {
    file,
    info: (message, detail) => write('info', message, detail),
    warn: (message, detail) => write('warn', message, detail),
    error: (message, detail) => write('error', message, detail),
  };
}
