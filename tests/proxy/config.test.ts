import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseProxyConfig } from '../../src/server/proxy/config.ts';
import { prepareProxyMode } from '../../src/server/proxy/setup.ts';
import { CLIENT_ID, CLIENT_SECRET, DASHBOARD_SECRET, type RunningCanvas, startCanvas } from './servers.ts';

const defaults = { localUrl: 'http://127.0.0.1:3000', defaultDatabaseFile: ':memory:' };

function configError(env: NodeJS.ProcessEnv): string {
  try {
    parseProxyConfig(env, defaults);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

async function startUpError(env: NodeJS.ProcessEnv): Promise<string> {
  const config = parseProxyConfig(env, defaults);
  if (!config) throw new Error('proxy config expected');
  try {
    await prepareProxyMode(config);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected start-up to fail');
}

describe('reading the configuration', () => {
  it('is the sandbox when nothing is set', () => {
    expect(parseProxyConfig({}, defaults)).toBeNull();
  });

  it('chooses OAuth or single-token mode', () => {
    const oauth = parseProxyConfig(
      {
        CANVAS_URL: 'https://school.instructure.com/',
        CANVAS_CLIENT_ID: '170000000000042',
        CANVAS_CLIENT_SECRET: 'secret',
        DASHBOARD_SECRET,
        PUBLIC_URL: 'https://admin.example.edu',
      },
      defaults,
    );
    expect(oauth).toMatchObject({ kind: 'oauth', redirectUri: 'https://admin.example.edu/auth/callback' });
    expect(oauth?.canvasUrl.origin).toBe('https://school.instructure.com');
    const token = parseProxyConfig(
      { CANVAS_URL: 'https://school.instructure.com', CANVAS_TOKEN: 't' },
      defaults,
    );
    expect(token).toMatchObject({ kind: 'token', token: 't' });
  });

  it('names what to fix', () => {
    expect(configError({ CANVAS_URL: 'school.instructure.com', CANVAS_TOKEN: 't' })).toMatch(
      /CANVAS_URL is not a URL/,
    );
    expect(configError({ CANVAS_URL: 'ftp://school', CANVAS_TOKEN: 't' })).toMatch(/must start with https/);
    expect(configError({ CANVAS_URL: 'https://school.instructure.com/courses', CANVAS_TOKEN: 't' })).toMatch(
      /use https:\/\/school.instructure.com/,
    );
    expect(configError({ CANVAS_TOKEN: 't' })).toMatch(/CANVAS_URL is missing/);
    expect(configError({ CANVAS_URL: 'https://s.edu' })).toMatch(/CANVAS_CLIENT_ID and CANVAS_CLIENT_SECRET/);
    expect(configError({ CANVAS_URL: 'https://s.edu', CANVAS_CLIENT_ID: '12' })).toMatch(
      /CANVAS_CLIENT_SECRET is missing/,
    );
    expect(
      configError({ CANVAS_URL: 'https://s.edu', CANVAS_CLIENT_ID: 'abc', CANVAS_CLIENT_SECRET: 'x' }),
    ).toMatch(/numeric Client ID/);
    expect(
      configError({ CANVAS_URL: 'https://s.edu', CANVAS_CLIENT_ID: '12', CANVAS_CLIENT_SECRET: 'x' }),
    ).toMatch(/DASHBOARD_SECRET is missing/);
    expect(
      configError({
        CANVAS_URL: 'https://s.edu',
        CANVAS_CLIENT_ID: '12',
        CANVAS_CLIENT_SECRET: 'x',
        DASHBOARD_SECRET: 'short',
      }),
    ).toMatch(/DASHBOARD_SECRET is too short/);
    expect(configError({ CANVAS_URL: 'https://s.edu', CANVAS_TOKEN: 't', CANVAS_CLIENT_ID: '12' })).toMatch(
      /not both/,
    );
  });
});

describe('checking the configuration against Canvas at start-up', () => {
  let canvas: RunningCanvas;
  const redirectUri = 'http://127.0.0.1:3000/auth/callback';

  beforeAll(async () => {
    canvas = await startCanvas();
    canvas.registerRedirectUri(redirectUri);
  });

  afterAll(async () => {
    await canvas?.close();
  });

  const oauthEnv = () => ({
    CANVAS_URL: canvas.url,
    CANVAS_CLIENT_ID: CLIENT_ID,
    CANVAS_CLIENT_SECRET: CLIENT_SECRET,
    DASHBOARD_SECRET,
    DASHBOARD_DB: ':memory:',
  });

  it('accepts a working developer key', async () => {
    const config = parseProxyConfig(oauthEnv(), defaults);
    if (!config) throw new Error('proxy config expected');
    const setup = await prepareProxyMode(config);
    expect(setup.kind).toBe('oauth');
    if (setup.kind === 'oauth') setup.sessions.close();
  });

  it('stops when Canvas cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise((resolve) => closed.close(resolve));
    expect(await startUpError({ ...oauthEnv(), CANVAS_URL: `http://127.0.0.1:${port}` })).toMatch(
      /Canvas is unreachable at http:\/\/127.0.0.1:\d+/,
    );
  });

  it('stops on an unknown client id, an unregistered redirect URI, a wrong secret, a rejected token', async () => {
    expect(await startUpError({ ...oauthEnv(), CANVAS_CLIENT_ID: '999' })).toMatch(
      /no active developer key with CANVAS_CLIENT_ID 999/,
    );
    expect(await startUpError({ ...oauthEnv(), PUBLIC_URL: 'https://elsewhere.example' })).toMatch(
      /refuses the redirect URI https:\/\/elsewhere.example\/auth\/callback/,
    );
    expect(await startUpError({ ...oauthEnv(), CANVAS_CLIENT_SECRET: 'wrong' })).toMatch(
      /rejects CANVAS_CLIENT_SECRET/,
    );
    expect(await startUpError({ CANVAS_URL: canvas.url, CANVAS_TOKEN: 'not-a-token' })).toMatch(
      /Canvas rejected CANVAS_TOKEN \(Invalid access token\.\)/,
    );
  });
});
