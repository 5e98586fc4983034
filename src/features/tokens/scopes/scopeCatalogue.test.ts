import { describe, expect, it } from 'vitest';
import { CANVAS_ENDPOINTS, ENDPOINT_AREAS, parseScope, scopeOf } from './endpointCatalogue.ts';
import {
  CATALOGUE_ENTRIES,
  describeScope,
  groupCatalogue,
  pathFitsPattern,
  readOnlyScopesOf,
  selectionOf,
  sortScopes,
  toggleScopes,
  unknownScopes,
} from './scopeCatalogue.ts';

// Every route this dashboard calls or its sandbox serves; the catalogue must offer each one.
const DASHBOARD_ROUTES = [
  'GET /api/v1/accounts',
  'GET /api/v1/accounts/:id',
  'PUT /api/v1/accounts/:id',
  'GET /api/v1/accounts/:account_id/sub_accounts',
  'POST /api/v1/accounts/:account_id/sub_accounts',
  'DELETE /api/v1/accounts/:account_id/sub_accounts/:id',
  'GET /api/v1/accounts/:account_id/courses',
  'POST /api/v1/accounts/:account_id/courses',
  'DELETE /api/v1/courses/:id',
  'GET /api/v1/accounts/:account_id/users',
  'POST /api/v1/accounts/:account_id/users',
  'DELETE /api/v1/accounts/:account_id/users/:user_id',
  'GET /api/v1/accounts/:account_id/roles',
  'GET /api/v1/accounts/:account_id/terms',
  'GET /api/v1/accounts/:account_id/terms/:id',
  'GET /api/v1/accounts/:account_id/admins',
  'GET /api/v1/accounts/:account_id/admins/self',
  'GET /api/v1/users/:id',
  'GET /api/v1/users/:user_id/profile',
  'GET /api/v1/account_calendars',
  'PUT /api/v1/accounts/:account_id/account_calendars',
  'GET /api/v1/accounts/:account_id/visible_calendars_count',
  'GET /api/v1/accounts/:account_id/account_notifications',
  'POST /api/v1/accounts/:account_id/account_notifications',
  'GET /api/v1/accounts/:account_id/reports',
  'PUT /api/v1/accounts/:account_id/reports/:report/:id/abort',
  'GET /api/v1/users/:user_id/user_generated_tokens',
  'POST /api/v1/users/:user_id/tokens',
  'PUT /api/v1/users/:user_id/tokens/:id',
  'DELETE /api/v1/users/:user_id/tokens/:id',
];

describe('the endpoint catalogue', () => {
  it('covers every route the dashboard and sandbox use, once each', () => {
    const listed = CANVAS_ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`);
    for (const route of DASHBOARD_ROUTES) expect(listed).toContain(route);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('names scopes as Canvas does and parses them back', () => {
    const scope = scopeOf({ method: 'GET', path: '/api/v1/accounts/:account_id/courses' });
    expect(scope).toBe('url:GET|/api/v1/accounts/:account_id/courses');
    expect(parseScope(scope)).toEqual({ method: 'GET', path: '/api/v1/accounts/:account_id/courses' });
    expect(parseScope('/api/v1/accounts')).toBeNull();
  });

  it('puts every endpoint in a known area, with routes in Canvas form', () => {
    const areas = new Set(ENDPOINT_AREAS.map((area) => area.id));
    for (const endpoint of CANVAS_ENDPOINTS) {
      expect(areas.has(endpoint.area)).toBe(true);
      expect(endpoint.path).toMatch(/^\/api\/v1(\/(:[a-z_]+|[a-z_]+))+$/);
    }
  });
});

describe('groupCatalogue', () => {
  it('groups by area in the areas order, dropping empty ones', () => {
    const groups = groupCatalogue('');
    expect(groups.map((group) => group.area)).toEqual(ENDPOINT_AREAS.map((area) => area.id));
    expect(groups.reduce((sum, group) => sum + group.entries.length, 0)).toBe(CANVAS_ENDPOINTS.length);
  });

  it('matches every word against method, route, summary and area', () => {
    const groups = groupCatalogue('get calendars');
    expect(groups.map((group) => group.area)).toEqual(['account_calendars']);
    expect(groups[0]?.entries.every((entry) => entry.method === 'GET')).toBe(true);
    expect(
      groupCatalogue('tokens delete').flatMap((group) => group.entries.map((entry) => entry.scope)),
    ).toEqual(['url:DELETE|/api/v1/users/:user_id/tokens/:id']);
    expect(groupCatalogue('no such endpoint anywhere')).toEqual([]);
  });

  it('finds the route that serves a pasted request path', () => {
    const scopes = groupCatalogue('/api/v1/accounts/3/courses').flatMap((group) =>
      group.entries.map((entry) => entry.scope),
    );
    expect(scopes).toEqual([
      'url:GET|/api/v1/accounts/:account_id/courses',
      'url:POST|/api/v1/accounts/:account_id/courses',
      'url:PUT|/api/v1/accounts/:account_id/courses',
    ]);
  });
});

describe('pathFitsPattern', () => {
  it('matches one segment per parameter and nothing more', () => {
    expect(pathFitsPattern('/api/v1/users/self/tokens/12', '/api/v1/users/:user_id/tokens/:id')).toBe(true);
    expect(pathFitsPattern('/api/v1/users/self/tokens', '/api/v1/users/:user_id/tokens/:id')).toBe(false);
    expect(pathFitsPattern('/api/v1/users/1/profile?x=1', '/api/v1/users/:user_id/profile')).toBe(true);
  });
});

describe('scope selection', () => {
  const calendars = CATALOGUE_ENTRIES.filter((entry) => entry.area === 'account_calendars');

  it('read-only takes the GETs only', () => {
    const readOnly = readOnlyScopesOf(calendars);
    expect(readOnly.length).toBe(calendars.filter((entry) => entry.method === 'GET').length);
    expect(readOnly.every((scope) => scope.startsWith('url:GET|'))).toBe(true);
  });

  it('toggles without duplicates and keeps unknown scopes after known ones', () => {
    const custom = 'url:GET|/api/v1/courses/:course_id/rubrics';
    const on = toggleScopes([custom, 'url:GET|/api/v1/accounts'], readOnlyScopesOf(calendars), true);
    expect(on[0]).toBe('url:GET|/api/v1/accounts');
    expect(on[on.length - 1]).toBe(custom);
    expect(new Set(on).size).toBe(on.length);
    const off = toggleScopes(on, readOnlyScopesOf(calendars), false);
    expect(off).toEqual(['url:GET|/api/v1/accounts', custom]);
    expect(unknownScopes(off)).toEqual([custom]);
    expect(sortScopes(['url:GET|/z', 'url:GET|/a'])).toEqual(['url:GET|/a', 'url:GET|/z']);
  });

  it('reports none, some or all selected', () => {
    const scopes = calendars.map((entry) => entry.scope);
    expect(selectionOf(new Set(), scopes)).toBe('none');
    expect(selectionOf(new Set(scopes.slice(1)), scopes)).toBe('some');
    expect(selectionOf(new Set(scopes), scopes)).toBe('all');
  });

  it('describes known and unknown scopes', () => {
    expect(describeScope('url:GET|/api/v1/accounts')).toEqual({
      method: 'GET',
      path: '/api/v1/accounts',
      summary: 'List accounts',
    });
    expect(describeScope('url:PATCH|/api/v1/x')).toEqual({
      method: 'PATCH',
      path: '/api/v1/x',
      summary: null,
    });
  });
});
