// A port already taken: asked for by name, the host says so in plain words and names the option
// to choose another; the usual port taken, it takes a free one and says that too.
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { listenOnPort, PortInUseError } from '../../../electron/host/listen';
import { openTestApp, type TestApp } from '../../helpers/openedApp';
import { useTempDirs } from '../../helpers/tempDir';

const tempDir = useTempDirs();
let app: TestApp;
let staticDir: string;
let squatter: Server;
let taken: number;

beforeEach(async () => {
  const root = tempDir();
  staticDir = join(root, 'static');
  mkdirSync(staticDir);
  app = await openTestApp(join(root, 'data'));
  squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  taken = (squatter.address() as AddressInfo).port;
});

afterEach(async () => {
  await new Promise((resolve) => squatter.close(resolve));
  app.close();
});

it('refuses a port in use that was asked for, in plain words naming --port', async () => {
  const failure = await listenOnPort({ dispatch: app.dispatch, staticDir }, taken).then(
    () => null,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(PortInUseError);
  const message = (failure as Error).message;
  expect(message).toContain(`Port ${taken} on this computer is already in use`);
  expect(message).toContain(`npm start -- --port ${taken + 1}`);
  expect(message).not.toContain('EADDRINUSE');
});

it('opens on a free port when it was asked for one that is free', async () => {
  const { host, notice } = await listenOnPort({ dispatch: app.dispatch, staticDir }, 0);
  try {
    expect(notice).toBeUndefined();
    expect((host.server.address() as AddressInfo).port).not.toBe(taken);
  } finally {
    await host.close();
  }
});
