/**
 * One visit of one hostile page in one browser: load it, wait (polling, never sleeping) until the
 * popup describes it, give the click storm time over Colophon's marks where there are marks, add a
 * card after load where the page has cards, then take the attack's findings and judge them.
 */
import type { AttackFindings } from './attack-types';
import type { HostilePage } from './corpus';
import type { HostileBrowser, PopupView } from './hostile-browser';
import { judge, popupShows, type Judgement } from './judge';

export interface Visit extends Judgement {
  browser: string;
  page: string;
  ms: number;
  popup: PopupView | null;
  findings: AttackFindings | null;
}

/** Reads until `done` holds or `timeout` ms have passed; the last reading either way. */
export async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeout: number): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const described = (view: PopupView | null) =>
  view?.state === 'summary' ? `${view.marketplace} ${view.kind}, ${view.listings} listings, marked ${JSON.stringify(view.matched)}` : (view?.state ?? 'nothing');

/** Ticks of the click storm (50 ms each) over the marks before the page's findings are taken. */
export const stormTicks = 10;

export async function visitHostilePage(browser: HostileBrowser, page: HostilePage, { recognitionMs = 20_000 } = {}): Promise<Visit> {
  const started = Date.now();
  const problems: string[] = [];
  const pwnedBefore = browser.pwnedRequests.length;
  await browser.visit(page.url, page.html(browser.extensionIds), page.headers, page.name);

  const popup = await poll(() => browser.popup().catch(() => null), (view) => popupShows(view, page), recognitionMs);
  const recognised = popupShows(popup, page);
  if (!recognised) {
    const { marketplace, kind, listings, marked } = page.expected;
    problems.push(`the popup shows ${described(popup)}; the page is ${marketplace} ${kind}, ${listings} listings, marked ${JSON.stringify(marked)}`);
  }
  // Colophon must have lived through the page's spoofed handshakes and echoes, a few rounds of them.
  await poll(() => browser.evaluate<number>('window.__attack.findings.spoofs'), (spoofs) => spoofs >= 3, 5_000);
  if (recognised && page.expected.marked.length > 0) {
    await poll(() => browser.evaluate<number>('window.__attack.findings.storm.ticksWithOurs'), (ticks) => ticks >= stormTicks, 10_000);
  }
  if (page.lateCard) {
    const added = await browser.evaluate<boolean>(`window.__attack.lateCard(${JSON.stringify(page.lateCard)})`);
    const after = await poll(() => browser.popup().catch(() => null), (view) => popupShows(view, page, 1), 10_000);
    if (!added) problems.push('the page found no card to copy');
    else if (!popupShows(after, page, 1)) problems.push(`Colophon stopped: a card added after the spoofed handshake was not recognised (the popup shows ${described(after)})`);
  }

  const findings = JSON.parse(await browser.evaluate<string>('window.__attack.report()')) as AttackFindings;
  const pwned = browser.pwnedRequests.slice(pwnedBefore).map((request) => request.url);
  const judgement = judge(findings, page, popup, pwned);
  return { ...judgement, problems: [...problems, ...judgement.problems], browser: browser.name, page: page.name, ms: Date.now() - started, popup, findings };
}
