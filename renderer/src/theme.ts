// The look: a calm navy and white, as in the government and enterprise software officials
// use every day, with fonts that render Chinese well on Windows, UOS/Kylin and macOS.
import type { ThemeConfig } from 'antd';

export const NAVY = '#14345c';
export const PRIMARY = '#1d4f91';

/** The theme; without motion for people who ask their system for less of it. */
export function cunjiTheme(reducedMotion: boolean): ThemeConfig {
  return { ...CUNJI_THEME, token: { ...CUNJI_THEME.token, motion: !reducedMotion } };
}

export const CUNJI_THEME: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorInfo: PRIMARY,
    colorLink: PRIMARY,
    borderRadius: 4,
    colorBgLayout: '#f2f4f7',
    fontSize: 14,
    fontFamily:
      '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: NAVY, headerHeight: 56, headerPadding: '0 24px', siderBg: '#ffffff' },
    Menu: { itemSelectedBg: '#e8eef7', itemSelectedColor: PRIMARY, itemHeight: 44 },
    Table: { headerBg: '#f5f7fa' },
  },
};
