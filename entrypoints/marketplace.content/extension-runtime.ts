/**
 * The content script's only two uses of the extension API: telling the background what the page
 * shows, and noticing that the extension is gone. Both are promise-based in every browser Colophon
 * supports (Chrome's `chrome.runtime` under Manifest V3, Firefox's `browser.runtime`), so this part
 * of Colophon, which every marketplace page loads, goes without webextension-polyfill's 10 kB; the
 * page tools (entrypoints/page-tools/), which listen for the background's messages, bring it along.
 * Using the global `browser` here would make the build import the polyfill in its place.
 */
interface Runtime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
}

function runtime(): Runtime | undefined {
  const scope = globalThis as { browser?: { runtime?: Runtime }; chrome?: { runtime?: Runtime } };
  return (scope.browser ?? scope.chrome)?.runtime;
}

/** Sends a message to the background and resolves with its answer. */
export function sendToBackground(message: unknown): Promise<unknown> {
  const api = runtime();
  return api ? api.sendMessage(message) : Promise.reject(new Error('Colophon is gone'));
}

/** Whether the extension was updated or removed under the page, leaving this script orphaned. */
export function extensionGone(): boolean {
  try {
    return runtime()?.id == null;
  } catch {
    // An orphaned script's API may throw on access (a dead object) rather than leave `runtime` unset.
    return true;
  }
}
