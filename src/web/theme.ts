import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// A calm, deep blue. Shade 7 (buttons, links) has 6.6:1 contrast on white.
const sejf: MantineColorsTuple = [
  '#eef4fa',
  '#dce6f2',
  '#b6cce4',
  '#8db0d6',
  '#6a98ca',
  '#5389c3',
  '#3f74ad',
  '#2f5f94',
  '#285283',
  '#1c4370',
];

export const theme = createTheme({
  primaryColor: 'sejf',
  primaryShade: 7,
  colors: { sejf },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Button: { defaultProps: { fw: 600 } },
    Table: { defaultProps: { verticalSpacing: 'xs', highlightOnHover: true } },
    Tooltip: { defaultProps: { openDelay: 300 } },
  },
});

/** Mantine's dimmed grey and error red are below WCAG AA on white; darker shades are used instead. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  },
  dark: {},
});
