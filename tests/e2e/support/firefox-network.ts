/**
 * Firefox's side of "no network": saved pages answered through BiDi request interception, its own
 * background traffic switched off, and a local proxy that catches whatever still gets through.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { DemoMarketplace, notFoundPage, savedPageHeaders } from './marketplace';

/**
 * Nothing may try the real network. Puppeteer's profile and the remote agent's recommended prefs
 * already switch off updates, telemetry, safe browsing, Normandy, captive-portal and connectivity
 * probes; what is left is Remote Settings, which release builds (ESR too) keep fetching from
 * firefox.settings.services.mozilla.com: they ignore `services.settings.server` unless
 * MOZ_REMOTE_SETTINGS_DEVTOOLS=1 is in the environment. "data:,#remote-settings-dummy/v1" is the
 * value Firefox's own test harnesses use.
 */
export const quietPrefs: Record<string, unknown> = {
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
};
export const quietEnv = { MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' };

/**
 * The safety net: every request that gets past request interception (Firefox's own traffic, or a
 * page we forgot to intercept) goes to a local proxy that answers 502 and notes it, rather than to
 * the network. A session with such requests says so when it closes.
 */
export async function startStrayProxy(): Promise<{ prefs: Record<string, unknown>; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    response.writeHead(502).end();
  });
  server.on('connect', (request: { url?: string }, socket: Duplex) => {
    seen.push(`CONNECT ${request.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    seen,
    prefs: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.failover_direct': false,
    },
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

/**
 * Answers every request of `page` with no network: saved pages for the documents the demo
 * marketplace knows, a small 404 page for other documents, an empty 204 for everything else.
 * Extension, data and blob URLs are the browser's own and go through untouched, as does loopback.
 */
export async function serveMarketplace(page: Page, marketplace: DemoMarketplace): Promise<void> {
  const answer = async (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    if (!/^https?:/i.test(url)) return request.continue();
    // An intake on this machine (the sync tests' reference server) is reached for real.
    if (new URL(url).hostname === '127.0.0.1') return request.continue();
    if (!request.isNavigationRequest()) return request.respond({ status: 204, headers: { 'cache-control': 'no-store' }, body: '' });
    const body = marketplace.page(url);
    if (body !== null) return request.respond({ status: 200, headers: savedPageHeaders, body });
    return request.respond({ status: 404, headers: { ...savedPageHeaders }, body: notFoundPage });
  };
  page.on('request', (request) => {
    answer(request).catch((error: unknown) => {
      // A request of a page being closed can no longer be answered; anything else is worth seeing.
      if (!page.isClosed()) console.warn(`Firefox: could not answer ${request.url()}:`, error);
    });
  });
  await page.setRequestInterception(true);
}
