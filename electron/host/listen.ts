// Starting the host on the port a person asked for, and saying in plain words what went wrong
// when that port is taken — never a bare `listen EADDRINUSE`.
import { startHost, type HostOptions, type RunningHost } from './server';

export const DEFAULT_HOST_PORT = 5177;

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(portInUseMessage(port));
    this.name = 'PortInUseError';
  }
}

export function portInUseMessage(port: number): string {
  return (
    `Port ${port} on this computer is already in use (another 村记 Cunji, or another program, is listening there). ` +
    `Stop that program, or choose another port: npm start -- --port ${port + 1}  (or --port 0 for any free port).`
  );
}

export interface Listening {
  readonly host: RunningHost;
  /** Set when the usual port was taken and another was used instead: the line to print. */
  readonly notice?: string;
}

/**
 * `requested` is the --port a person typed, or undefined. Without one the usual port is tried
 * and, when taken (a second copy running), any free one; a port asked for by name is kept to,
 * and a taken one is a `PortInUseError`.
 */
export async function listenOnPort(options: Omit<HostOptions, 'port'>, requested: number | undefined): Promise<Listening> {
  const port = requested ?? DEFAULT_HOST_PORT;
  try {
    return { host: await startHost({ ...options, port }) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (requested !== undefined) throw new PortInUseError(port);
    const host = await startHost({ ...options, port: 0 });
    return { host, notice: `Port ${port} is already in use on this computer, so 村记 Cunji took another one.` };
  }
}
