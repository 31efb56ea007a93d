import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { marketplaceMatchPatterns } from './utils/sites/hosts';
import { syncDataCollection } from './utils/sync/data-collection';

/** The Firefox add-on id: stable, because Firefox keys an add-on's storage and updates to it. */
export const firefoxAddonId = 'colophon@colophon-extension.org';

const firefoxSettings = {
  browser_specific_settings: {
    gecko: {
      id: firefoxAddonId,
      // data_collection_permissions needs Firefox 140 (storage.session, 115).
      strict_min_version: '140.0',
      // Without sync Colophon sends nothing anywhere; sync's categories are asked for when the
      // representative connects to an intake (utils/sync/data-collection.ts).
      data_collection_permissions: { required: ['none'], optional: [...syncDataCollection] },
    },
  },
} as Record<string, unknown>;

/** The default policy of extension pages, with WebAssembly (never `eval`) allowed. */
const extensionPagesPolicy = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';";

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    // The content script runs under Colophon's own context, which, unlike WXT's, announces nothing
    // to the marketplace page and cannot be stopped by it (script-context.ts says how).
    resolve: {
      alias: [{ find: /^wxt\/utils\/content-script-context$/, replacement: resolve(import.meta.dirname, 'entrypoints/marketplace.content/script-context.ts') }],
    },
    // For profiling (tests/bench/profile-hostile.ts): keep the names the profiler shows.
    ...(process.env.COLOPHON_READABLE_BUILD ? { build: { minify: false } } : {}),
  }),
  zip: {
    // The saved marketplace pages are third-party captures kept for internal testing only: they
    // must not travel in the sources package sent to the Firefox add-on store.
    excludeSources: ['tests/fixtures/**', 'demo-output/**', 'tests/bench/results/**'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: the per-tab recognition survives the service worker being stopped (storage.session).
    // unlimitedStorage: evidence (screenshots) must never be evicted or refused for a quota.
    // activeTab: screenshots need it (or <all_urls>); the toolbar, shortcut and context menu grant it.
    // contextMenus: "Capture evidence" on marketplace pages.
    // alarms: the outbox retries uploads to the intake after the service worker was stopped.
    // scripting: the marks and the page's steps of a capture are loaded into a marketplace page only
    // when it has something to mark or is captured, which keeps the script every page loads small.
    // README, "Permissions", says more.
    // The extension's own pages and its background run SHA-256 compiled to WebAssembly
    // (utils/evidence/sha256.ts says why); nothing else is allowed beyond the default.
    content_security_policy:
      browser === 'firefox' ? extensionPagesPolicy : { extension_pages: extensionPagesPolicy },
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'contextMenus', 'alarms', 'scripting'],
    host_permissions: [...marketplaceMatchPatterns],
    // Asked for only when the user wants one-click capture from the Report buttons in the page:
    // a screenshot needs activeTab (which a click in the page does not grant) or <all_urls>. Sync
    // asks for one origin under it, the intake's, when the representative connects to an intake.
    ...(browser === 'firefox' ? { optional_permissions: ['<all_urls>'] } : { optional_host_permissions: ['<all_urls>'] }),
    action: { default_title: '__MSG_extName__' },
    commands: {
      'capture-evidence': { suggested_key: { default: 'Alt+Shift+E' }, description: '__MSG_commandCapture__' },
    },
    ...(browser === 'firefox' ? firefoxSettings : {}),
  }),
});
