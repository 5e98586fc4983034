import type { RouteObject } from 'react-router-dom';

/** The tokens area, one lazily loaded page. */
export const tokensRoutes: RouteObject[] = [
  {
    path: 'tokens',
    lazy: async () => ({ Component: (await import('./TokensPage.tsx')).TokensPage }),
  },
];
