export const SKIP_ENV: string;
export function stageDir(projectDir: string, os: string, arch: string): string;
export function addonAbi(file: string): number;
export function beforePack(context: unknown): Promise<void>;
export function expectAbi(file: string, expected: number, runtime: string): void;
