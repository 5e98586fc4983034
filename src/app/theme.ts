import { type CSSVariablesResolver, createTheme, DEFAULT_THEME } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 keeps white text on filled buttons (indigo, red) above the WCAG AA ratio of 4.5:1.
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
});

function darken(hex: string, amount: number): string {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
  return `#${channels
    .map((value) =>
      Math.round(value * (1 - amount))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * Mantine's default light-scheme text shades (dimmed text, light badges and alerts, colored text)
 * fall below 4.5:1 on white for several colors; these darker values pass, so axe's color-contrast
 * check holds on every page. Dark-scheme dimmed text is lifted for the same reason.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-8)',
    '--mantine-color-error': darken(DEFAULT_THEME.colors.red[9], 0.2),
  };
  for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
    if (name === 'dark' || name === 'gray') continue;
    const readable = darken(shades[9], 0.2);
    light[`--mantine-color-${name}-light-color`] = readable;
    light[`--mantine-color-${name}-text`] = readable;
    light[`--mantine-color-${name}-outline`] = readable;
  }
  return {
    variables: {},
    light,
    dark: {
      '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
      '--mantine-color-error': 'var(--mantine-color-red-5)',
    },
  };
};
