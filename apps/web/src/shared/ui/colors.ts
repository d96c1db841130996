/**
 * Greys for secondary text that keep WCAG AA contrast (≥ 4.5:1) on white and on the layout's
 * #f4f6f9 — antd's 45 % black and the lighter slate greys do not. Decorative marks (an empty
 * value's dash, icons) may stay lighter.
 */
export const MUTED_TEXT = '#5f6b7a';
