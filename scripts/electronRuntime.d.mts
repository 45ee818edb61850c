export function findElectronBinary(): { binary: string; version: string } | null;
export function electronNativeBinding(electronVersion: string): Promise<string>;
