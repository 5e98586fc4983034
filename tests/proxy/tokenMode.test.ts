import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { parseProxyConfig } from '../../src/server/proxy/config.ts';
import { prepareProxyMode } from '../../src/server/proxy/setup.ts';

/**
 * A stand-in for Canvas and for its file store (another host), so that downloads can be followed
 * through redirects exactly as hosted Canvas sends them.
 */
const TOKEN = 'canvas-admin-test-token';
const REPORT_CSV = 'canvas_account_id,name\n1,Northfield State University\n';

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
}

let canvasServer: Server;
let fileStore: Server;
let dashboardServer: Server;
let canvasUrl: string;
let fileStoreUrl: string;
let dashboardUrl: string;
const canvasSeen: Seen[] = [];
const fileStoreSeen: Seen[] = [];

async function listen(server: Server, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  fileStore = createServer((req, res) => {
    fileStoreSeen.push({ path: req.url ?? '', headers: req.headers });
    res.writeHead(200, {
      'Content-Type': 'text/csv',
      'Content-Disposition': 'attachment; filename="provisioning.csv"',
      'Content-Length': Buffer.byteLength(REPORT_CSV),
    });
    res.end(REPORT_CSV);
  });
  // "localhost" and "127.0.0.1" are different hosts to the proxy, as S3 is to Canvas.
  fileStoreUrl = `http://localhost:${await listen(fileStore)}`;

  canvasServer = createServer((req, res) => {
    canvasSeen.push({ path: req.url ?? '', headers: req.headers });
    const url = new URL(req.url ?? '/', 'http://canvas');
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, {
        'Content-Type': 'application/json',
        'WWW-Authenticate': 'Bearer realm="canvas-lms"',
      });
      res.end(JSON.stringify({ errors: [{ message: 'Invalid access token.' }] }));
      return;
    }
    if (url.pathname === '/api/v1/users/self') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 7,
          name: 'Ada Admin',
          sortable_name: 'Admin, Ada',
          short_name: 'Ada',
          login_id: 'ada',
        }),
      );
      return;
    }
    if (url.pathname === '/api/v1/accounts/1') {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'X-Rate-Limit-Remaining': '598.5',
        'X-Request-Cost': '1.5',
        'Set-Cookie': 'canvas_session=leak; Path=/',
      });
      res.end(JSON.stringify({ id: 1, name: 'Northfield State University' }));
      return;
    }
    if (url.pathname === '/accounts/1/files/5/download' && !url.searchParams.has('verifier')) {
      // First hop stays on Canvas (as Canvas does for a verifier), the second leaves for the store.
      res.writeHead(302, { Location: '/accounts/1/files/5/download?verifier=abc' });
      res.end();
      return;
    }
    if (url.pathname === '/accounts/1/files/5/download') {
      res.writeHead(302, { Location: `${fileStoreUrl}/bucket/provisioning.csv?signature=xyz` });
      res.end();
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: 'The specified resource does not exist.' }] }));
  });
  canvasUrl = `http://127.0.0.1:${await listen(canvasServer)}`;

  const config = parseProxyConfig(
    { CANVAS_URL: canvasUrl, CANVAS_TOKEN: TOKEN },
    { localUrl: 'http://unused', defaultDatabaseFile: ':memory:' },
  );
  if (!config) throw new Error('proxy config expected');
  const setup = await prepareProxyMode(config);
  dashboardServer = createServer(createApp({ proxy: setup, distDir: null }));
  dashboardUrl = `http://127.0.0.1:${await listen(dashboardServer)}`;
});

afterAll(async () => {
  for (const server of [dashboardServer, canvasServer, fileStore]) {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }
});

describe('single-token mode (CANVAS_URL + CANVAS_TOKEN)', () => {
  it("reports the token's user as the session", async () => {
    const response = await fetch(`${dashboardUrl}/auth/session`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      mode: 'canvas',
      auth: 'token',
      user: { id: 7, name: 'Ada Admin', sortable_name: 'Admin, Ada', short_name: 'Ada', login_id: 'ada' },
      canvas_url: canvasUrl,
      demo_user: null,
      demo_users: [],
    });
  });

  it("adds the token on the server and passes Canvas's rate-limit headers, but not its cookies", async () => {
    const response = await fetch(`${dashboardUrl}/api/v1/accounts/1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-rate-limit-remaining')).toBe('598.5');
    expect(response.headers.get('x-request-cost')).toBe('1.5');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(canvasSeen.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("streams a file download through Canvas's redirects, keeping the token away from the file store", async () => {
    fileStoreSeen.length = 0;
    const response = await fetch(`${dashboardUrl}/accounts/1/files/5/download`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="provisioning.csv"');
    expect(await response.text()).toBe(REPORT_CSV);
    const canvasHops = canvasSeen.filter((seen) => seen.path.startsWith('/accounts/1/files/5/download'));
    expect(canvasHops.map((seen) => seen.headers.authorization)).toEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
    ]);
    expect(fileStoreSeen).toHaveLength(1);
    expect(fileStoreSeen[0]?.path).toBe('/bucket/provisioning.csv?signature=xyz');
    expect(fileStoreSeen[0]?.headers.authorization).toBeUndefined();
  });
});
