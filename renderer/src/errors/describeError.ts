// Turns anything thrown into what a person reads: a plain-language title from the error
// code, and the technical message underneath for whoever they ask for help.
import type { TFunction } from 'i18next';
import { ApiError, type ErrorCode } from '../../../shared/api/result';

export interface ErrorNotice {
  code: ErrorCode | 'UNEXPECTED';
  title: string;
  description: string;
}

export function describeError(error: unknown, t: TFunction): ErrorNotice {
  const code = error instanceof ApiError ? error.code : 'UNEXPECTED';
  const message = error instanceof Error ? error.message : String(error);
  return { code, title: t(`errors.${code}`), description: t('errors.detail', { message }) };
}
