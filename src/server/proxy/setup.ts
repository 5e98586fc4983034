import type { ProxyConfig } from './config.ts';
import type { ProxyModeSetup } from './handler.ts';
import { CanvasOAuthClient } from './oauthClient.ts';
import { ProxySessionStore } from './sessionStore.ts';
import { checkOAuthConfig, checkTokenConfig } from './startupCheck.ts';
import { TokenCipher } from './tokenCipher.ts';

/** Checks the configuration against Canvas and opens what proxy mode needs; throws ConfigError. */
export async function prepareProxyMode(config: ProxyConfig): Promise<ProxyModeSetup> {
  if (config.kind === 'token') return { kind: 'token', config, user: await checkTokenConfig(config) };
  await checkOAuthConfig(config);
  return {
    kind: 'oauth',
    config,
    sessions: new ProxySessionStore(config.databaseFile, new TokenCipher(config.secret)),
    oauth: new CanvasOAuthClient(config),
  };
}
