/**
 * Serves the hostile corpus under the saved pages' real https URLs, one page at a time (several
 * pages of the corpus share a URL: the same saved page under different attacks). Each page comes
 * with its own CSP, which lets the attack script run by nonce and the payloads run by hash, while
 * the marketplace's own scripts stay off. Whatever else the browsers ask for is left to the demo
 * marketplace (tests/e2e/support/marketplace.ts), except the payloads' images: a request for one
 * means a payload was parsed as markup somewhere, which is noted.
 */

/** A page as the server shows it. */
export interface ServedPage {
  name: string;
  url: string;
  headers: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A payload image's address: fetched only if some page text became markup. */
export const pwnedHost = 'pwned.invalid';

function sameDocument(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  x.hash = '';
  y.hash = '';
  return x.href === y.href;
}

export class HostileServer {
  private current: ServedPage | null = null;
  private html = '';
  /** Requests for payload images, by the page shown when they came. */
  readonly pwnedRequests: Array<{ page: string; url: string }> = [];

  /** The page served at its URL from now on (its HTML is made for the browser that asks). */
  show(page: ServedPage, html: string): void {
    this.current = page;
    this.html = html;
  }

  /** The answer for a request, or null to leave it to the demo marketplace. */
  answer(url: string, isDocument: boolean): Answer | null {
    const host = new URL(url).hostname;
    if (host === pwnedHost) this.pwnedRequests.push({ page: this.current?.name ?? '', url });
    if (host === pwnedHost) return { status: 204, headers: { 'cache-control': 'no-store' }, body: '' };
    if (!isDocument || !this.current || !sameDocument(url, this.current.url)) return null;
    return { status: 200, headers: this.current.headers, body: this.html };
  }
}
