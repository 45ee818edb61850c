// Who may use the browser host: only the person who started it. Every start makes a random
// secret; the address printed (and opened) at start carries it once, `/auth?token=…` swaps it
// for an HttpOnly SameSite=Strict cookie, and every other request must bring the cookie (or the
// token as `Authorization: Bearer`, for scripts and tests). Another process on the machine can
// reach the port but not the secret.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const AUTH_PATH = '/auth';
export const AUTH_TOKEN_PARAM = 'token';

export interface HostSecret {
  /** In the printed address and the Authorization header. */
  readonly token: string;
  /** The cookie's value: a different random string, so the cookie never equals what was printed. */
  readonly session: string;
  /** The cookie's name carries the port: cookies ignore ports, and two hosts may run at once. */
  readonly cookieName: string;
}

export function newHostSecret(port: number): HostSecret {
  return { token: randomBytes(32).toString('base64url'), session: randomBytes(32).toString('base64url'), cookieName: `cunji_${port}` };
}

export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The cookie's value of this name in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The request brings the session cookie or the bearer token of this start. */
export function isSignedIn(req: IncomingMessage, secret: HostSecret): boolean {
  if (sameSecret(cookieValue(req.headers.cookie, secret.cookieName), secret.session)) return true;
  const authorization = req.headers.authorization;
  return authorization?.startsWith('Bearer ') === true && sameSecret(authorization.slice('Bearer '.length), secret.token);
}

/**
 * A browser names the page that sent a request (Origin on a POST, Sec-Fetch-Site on every
 * request). Either, when sent, must say the host's own page: a page of another site (or of
 * another port on this machine) is refused even when the browser would attach the cookie.
 */
export function fromOwnPage(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) return false;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

export function sessionCookie(secret: HostSecret): string {
  return `${secret.cookieName}=${secret.session}; HttpOnly; SameSite=Strict; Path=/`;
}
