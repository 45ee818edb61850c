// Types t() keys from the Chinese messages, so a mistyped key fails the type check.
import 'i18next';
import type { zhCN } from './zhCN';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
