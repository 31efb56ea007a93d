/**
 * What a hostile page's findings say about Colophon: every property the corpus holds it to, as a
 * list of problems in words (empty when the page learnt and did nothing it should not have).
 * Two ways in are kept apart from the other problems, so that tests of their own name them
 * (tests/e2e/hostile-pages.test.ts): window.find with the selection it leaves, and the targets
 * Firefox gives the user's own input events, which only the control's real click produces.
 */
import type { AttackFindings, WordCounts } from './attack-types';
import type { HostilePage } from './corpus';
import type { PopupView } from './hostile-browser';
import { payloadMarker } from './payloads';

/** Shadow roots reached through these are the leaks below, not problems. */
const findChannels = new Set(['window.find', 'selection']);
const inputChannels = new Set(['event.originalTarget', 'event.explicitOriginalTarget']);
/** A channel without the event type it was noted on ("event.originalTarget (click)"). */
const channel = (via: string) => via.split(' ')[0]!;

export interface Judgement {
  problems: string[];
  /** Text of ours the page read through window.find and the selection, or a shadow root it reached so. */
  findLeaks: string[];
  /** Shadow roots the page reached through the targets of the user's own input events. */
  inputLeaks: string[];
}

/** The popup describes this page (and not the one before it: neighbours in the corpus differ). */
export function popupShows(view: PopupView | null, page: HostilePage, extraListings = 0): boolean {
  const { marketplace, kind, listings, ids, marked } = page.expected;
  if (view?.state !== 'summary' || view.marketplace !== marketplace || view.kind !== kind || view.listings !== listings + extraListings) return false;
  if (extraListings === 0 && !view.shown.every((id) => ids.includes(id))) return false;
  return extraListings > 0 || [...view.matched].sort().join() === [...marked].sort().join();
}

function moreWithOurs(withOurs: WordCounts, withoutOurs: WordCounts): string[] {
  return Object.entries(withOurs).flatMap(([channel, counts]) =>
    Object.entries(counts)
      .filter(([word, count]) => count > (withoutOurs[channel]?.[word] ?? 0))
      .map(([word, count]) => `${channel} holds "${word}" ${count} times with Colophon's elements, ${withoutOurs[channel]?.[word] ?? 0} without`),
  );
}

export function judge(findings: AttackFindings, page: HostilePage, popup: PopupView | null, pwnedRequests: string[]): Judgement {
  const problems: string[] = [];
  const marked = page.expected.marked.length > 0;

  // No script of ours executes page data.
  for (const pwned of findings.pwned) problems.push(`a payload ran: ${pwned}`);
  for (const url of pwnedRequests) problems.push(`a payload was parsed as markup: its image ${url} was requested`);
  if (page.template.attack.payloadControl !== null && !findings.payloadLive) problems.push('the control payload did not run: this page could not have shown a payload running');
  if (page.template.sellerTitles && page.expected.listings > 0 && popup) {
    if (!popup.text.includes(payloadMarker)) problems.push('the seller text never reached a listing title shown in the popup');
    else if (!popup.text.includes('onerror=')) problems.push('the popup shows the seller text without its markup: was it parsed?');
  }

  // The page never reads our shadow content.
  for (const shadow of findings.shadowRoots) {
    if (!findChannels.has(shadow.via) && !inputChannels.has(channel(shadow.via))) problems.push(`the page got a ${shadow.mode} shadow root through ${shadow.via}, holding ${JSON.stringify(shadow.words)}`);
  }
  for (const internals of findings.internals) if (internals.shadowRoot) problems.push(`attachInternals() of a ${internals.name} gave the page its shadow root`);
  problems.push(...moreWithOurs(findings.text.withOurs, findings.text.withoutOurs).map((leak) => `the page read our text: ${leak}`));

  // Nothing reveals Colophon before a mark is shown, and nothing but the marks' host ever appears.
  const host = findings.foreignMutations.filter((m) => m.kind === 'added' && m.tag === 'div' && m.parent === 'html');
  const others = findings.foreignMutations.filter((m) => !host.includes(m));
  if (!marked && host.length > 0) problems.push('an element appeared on a page with nothing to mark');
  if (host.length > 1) problems.push(`the marks' host was added ${host.length} times (a capture takes it out and puts it back)`);
  for (const m of others) problems.push(`someone else changed the page: ${m.kind} ${m.tag} in ${m.parent}${m.attribute ? ` (${m.attribute})` : ''} at ${m.at} ms`);
  for (const message of findings.foreignMessages) problems.push(`a window message the page did not post: ${message}`);
  for (const event of findings.foreignEvents) problems.push(`an event the page did not dispatch: ${event.type} at ${event.target}${event.trusted ? ' (trusted)' : ''}`);
  for (const [name, calls] of Object.entries(findings.foreignCalls)) problems.push(`someone else called the page's ${name} ${calls} times`);
  for (const name of findings.newGlobals) problems.push(`a global appeared: ${name}`);

  // No capture starts without a trusted gesture: nothing covered the capture's progress corner.
  if (findings.storm.statusSeen > 0) problems.push(`something of Colophon's covered the capture-progress corner on ${findings.storm.statusSeen} ticks of the click storm`);
  if (marked && (findings.storm.ticksWithOurs < 10 || findings.storm.ourLookingClicks === 0)) problems.push(`the click storm hardly ran over the marks (${findings.storm.ticksWithOurs} ticks)`);
  if (findings.spoofs === 0) problems.push('the page never spoofed the handshake');
  for (const error of findings.errors) problems.push(`the attack failed: ${error}`);

  const findLeaks = [
    ...findings.shadowRoots.filter((shadow) => findChannels.has(shadow.via)).map((shadow) => `${shadow.via} reached the ${shadow.mode} shadow root, holding ${JSON.stringify(shadow.words)}`),
    ...findings.find.hits.map((hit) => `window.find found "${hit.word}" in the marks; extending the selection read ${JSON.stringify(hit.text)}`),
  ];
  const inputLeaks = findings.shadowRoots.filter((shadow) => inputChannels.has(channel(shadow.via))).map((shadow) => `${shadow.via} handed the page the ${shadow.mode} shadow root, holding ${JSON.stringify(shadow.words)}`);
  return { problems, findLeaks, inputLeaks };
}
