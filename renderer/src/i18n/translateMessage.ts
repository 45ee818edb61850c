// A validation message from zod or from the main process is an i18n key (shared/domain/
// validation.ts); now and then it is zod's own English sentence. Either way a person gets
// something readable in their language.
import type { TFunction } from 'i18next';

export interface MessageCatalog {
  t: TFunction;
  exists(key: string): boolean;
}

export function translateMessage(i18n: MessageCatalog, message: string): string {
  if (message.startsWith('validation.')) {
    // A key this version does not know yet (a newer main process): the generic wording.
    return i18n.exists(message) ? String(i18n.t(message as 'validation.invalid')) : String(i18n.t('validation.invalid'));
  }
  return String(i18n.t('validation.fallback', { detail: message }));
}
