import {
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from '@mantine/core';
import type { TFunction } from 'i18next';

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

const tintedVariants = new Set(['light', 'subtle', 'outline', 'transparent']);

/**
 * Text on tinted backgrounds (light alerts, badges, subtle buttons) uses a darkened shade 9, so
 * that yellow, orange and green stay above 4.5:1 as well.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (!tintedVariants.has(input.variant)) {
    return colors;
  }
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  const darkest = parsed.isThemeColor ? input.theme.colors[parsed.color]?.[9] : undefined;
  if (darkest === undefined || parsed.color === 'dark' || parsed.color === 'gray') {
    return colors;
  }
  const text = darken(darkest, 0.3);
  return {
    ...colors,
    color: text,
    hoverColor: text,
    ...(input.variant === 'outline' ? { border: text } : {}),
  };
};

/** The theme carries translated labels for Mantine's own icon buttons (close, clear, show password). */
export function createAppTheme(t: TFunction) {
  const closeLabel = t('common.close');
  return createTheme({
    variantColorResolver,
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
      CloseButton: { defaultProps: { 'aria-label': closeLabel } },
      PasswordInput: {
        defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.togglePassword') } },
      },
      // Dropdowns stay inside the page's landmarks (a portal would put them outside <main>).
      Select: {
        defaultProps: {
          clearButtonProps: { 'aria-label': t('common.clear') },
          // A closed list is not in the page: one element per label, and nothing hidden to trip over.
          comboboxProps: { withinPortal: false, keepMounted: false },
        },
      },
      MonthPickerInput: {
        defaultProps: {
          clearButtonProps: { 'aria-label': t('common.clear') },
          popoverProps: { withinPortal: false },
        },
      },
      DatePickerInput: {
        defaultProps: {
          clearButtonProps: { 'aria-label': t('common.clear') },
          popoverProps: { withinPortal: false },
        },
      },
      // A wide table scrolls inside its own box, which keyboard users must be able to focus to scroll.
      TableScrollContainer: { defaultProps: { type: 'native', tabIndex: 0 } },
      // A dialog's header is not the page's banner landmark (Mantine renders a <header>).
      ModalHeader: { defaultProps: { component: 'div' } },
      DrawerHeader: { defaultProps: { component: 'div' } },
      ModalTitle: { defaultProps: { fw: 700, fz: 'lg' } },
      DrawerTitle: { defaultProps: { fw: 700, fz: 'lg' } },
    },
  });
}

/** Mantine's dimmed grey and error red are below WCAG AA on white; darker shades are used instead. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': '#6c757d',
  },
  dark: {},
});
