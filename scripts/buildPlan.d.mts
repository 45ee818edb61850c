export const STAMP_FILE: string;
export interface BuildTarget {
  inputs: string[];
  outputs: string[];
}
export const BUILD_TARGETS: Record<'renderer' | 'electron', BuildTarget>;
export function inputsHash(root: string, inputs: readonly string[]): string;
export interface PlannedTarget {
  name: string;
  hash: string;
  stale: boolean;
  reason: 'forced' | 'not built yet' | 'changed' | null;
}
export function planBuild(root: string, options?: { only?: string[]; force?: boolean; targets?: Record<string, BuildTarget> }): PlannedTarget[];
export function readStamp(root: string): Record<string, string>;
export function writeStamp(root: string, stamp: Record<string, string>): void;
export function forgetStamp(root: string, name: string): void;
export function recordStamp(root: string, name: string, hash: string): void;
export function removeStamp(root: string): void;
