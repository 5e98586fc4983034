import type { RouteObject } from 'react-router-dom';

/** The reports area: one page, its own chunk, loaded on first visit. */
export const reportsRoutes: RouteObject[] = [
  {
    path: 'reports',
    lazy: async () => ({ Component: (await import('./ReportsPage.tsx')).ReportsPage }),
  },
];
