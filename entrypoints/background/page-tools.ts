/**
 * Loads the page tools (entrypoints/page-tools/: the marks and the page's steps of a capture) into
 * a marketplace tab, beside the content script that recognised it. Every marketplace page loads
 * the content script; only pages with something to mark or capture load the tools. Loading them
 * again is harmless: they start once per page.
 */
export async function loadPageTools(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/page-tools.js'] });
}
