// The dashboard screens' words in English; en.ts mounts them under `dashboard`.
import type { Messages } from '../zhCN';
import type { dashboardZhCN } from './dashboard.zhCN';

export const dashboardEn: Messages<typeof dashboardZhCN> = {
  title: 'Progress',
};
