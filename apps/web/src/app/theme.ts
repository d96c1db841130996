import type { ThemeConfig } from 'antd';

/** Dense but calm: smaller controls and type than antd's default, one blue, quiet borders. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4fd1',
    colorLink: '#1f4fd1',
    colorInfo: '#1f4fd1',
    // antd derives a lighter hover blue (white on it is under 4.5:1): hover and press go darker instead
    colorPrimaryHover: '#1a43b5',
    colorPrimaryActive: '#163a9c',
    colorLinkHover: '#1a43b5',
    borderRadius: 4,
    fontSize: 13,
    controlHeight: 30,
    colorBgLayout: '#f4f6f9',
    // antd's secondary greys (45 % black) miss WCAG AA contrast (4.5:1) on white and on the layout grey
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    // antd's red (#ff4d4f) on white is 3.3:1: danger buttons (a list's bulk delete) need a darker one
    colorError: '#c62828',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f1f3d', headerHeight: 48, headerPadding: '0 16px' },
    Menu: { darkItemBg: '#0f1f3d', darkSubMenuItemBg: '#0b1830', itemHeight: 36 },
    Table: { cellPaddingBlockSM: 4 },
  },
};
