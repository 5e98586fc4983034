import type { RouteObject } from 'react-router-dom';

/** The accounts area; each page is its own chunk, loaded on first visit. */
export const accountsRoutes: RouteObject[] = [
  {
    path: 'accounts',
    lazy: async () => ({ Component: (await import('./AccountsPage.tsx')).AccountsPage }),
  },
  {
    path: 'accounts/:accountId',
    lazy: async () => ({ Component: (await import('./AccountDetailsPage.tsx')).AccountDetailsPage }),
  },
];
