/**
 * The attack templates, each applied to every saved page. Every hostile page, whatever its
 * template, records all it can observe (recorder.ts, probes.ts), spoofs WXT's handshake and
 * Colophon-sounding events and echoes every message and synthetic event it did not make, and
 * clicks a little on everything (moves.ts); a template adds one attack at full strength. None of
 * them changes which listings a page shows: recognition must report the saved page's own.
 */
import type { AttackConfig } from './attack-types';
import { controlMarkup, escapeScript, sellerText, withSellerTitles } from './payloads';
import type { PageFixture } from '../../../fixtures/pages';

export interface Template {
  name: string;
  attack: Omit<AttackConfig, 'template' | 'extensionIds' | 'words'>;
  /** The saved page as this template serves it, before the attack script is put first in it. */
  page?(html: string, fixture: PageFixture): string;
  /** Listing titles carry the seller's payload: the popup must show it, as text. */
  sellerTitles?: boolean;
  /**
   * The template adds megabytes or a hundred thousand nodes of its own: it leaves out the saved
   * pages that are near a megabyte already, where it would only measure the browser, and adds no
   * card after load (each waits out Colophon's quiet period on a page that is seldom idle; the
   * six other templates check late cards on every page that has cards).
   */
  heavy?: boolean;
}

const quiet: Template['attack'] = { storm: 'light', patches: 'none', customElements: false, flood: 'none', payloadControl: null };

/** Just inside <head> (or as early as the page allows): what goes there precedes the page's own scripts. */
export function atHeadStart(html: string, insert: string): string {
  const head = /<head\b[^>]*>/i.exec(html) ?? /<html\b[^>]*>/i.exec(html);
  const at = head ? head.index + head[0].length : 0;
  return html.slice(0, at) + insert + html.slice(at);
}

/**
 * Five megabytes of inline script that names every structure recognition looks for, each followed
 * by a literal that never ends: Colophon must give up on it within its size limits and go on to
 * the page's real data further down.
 */
function fiveMegabyteScript(): string {
  const names = 'g_page_config _init_data_ runParams g_config TShop.Setup __ICE_APP_CONTEXT__ DCData';
  const anchors = 'var g_page_config = window._init_data_ = window.runParams = g_config = window._d_c_.DCData = TShop.Setup(';
  return `<script>/* ${names} */\n${anchors} {"loaderData": "${'A'.repeat(64).concat(' ').repeat(5 * 1024 * 16)}</script>`;
}

/** Page data beside the listings, carrying the seller's text: JSON-LD, the document's title. */
function sellerPageData(html: string, fixture: PageFixture): string {
  const ld = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"${escapeScript(sellerText)}","description":"${escapeScript(sellerText)}"}</script>`;
  const titled = fixture.expected.kind === 'blocked' ? html : html.replace(/<title>/i, `<title>${sellerText.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`)}`);
  return atHeadStart(withSellerTitles(titled, fixture.expected.listings.map((listing) => listing.title)).html, ld);
}

export const templates: Template[] = [
  { name: 'echo-and-spoof', attack: { ...quiet } },
  { name: 'custom-elements', attack: { ...quiet, customElements: true } },
  { name: 'spied-platform', attack: { ...quiet, patches: 'spy' } },
  { name: 'sabotaged-platform', attack: { ...quiet, patches: 'sabotage' } },
  { name: 'click-storm', attack: { ...quiet, storm: 'full' } },
  { name: 'dom-flood', attack: { ...quiet, flood: 'nodes' }, heavy: true },
  { name: 'script-flood', attack: { ...quiet }, page: (html) => atHeadStart(html, fiveMegabyteScript()), heavy: true },
  { name: 'deep-nesting', attack: { ...quiet, flood: 'deep' }, heavy: true },
  { name: 'seller-payloads', attack: { ...quiet, payloadControl: controlMarkup }, page: sellerPageData, sellerTitles: true },
];
