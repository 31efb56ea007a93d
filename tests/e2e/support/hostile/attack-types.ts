/**
 * What the hostile pages' attack script is told, what it keeps while the page lives, and what it
 * hands back to the test. The script itself (recorder.ts, probes.ts, patches.ts, moves.ts) runs
 * in the page's main world, as the marketplace's own code would; these types are shared by it and
 * by the tests that read its findings.
 */

export interface AttackConfig {
  template: string;
  /** Every id a page could guess for the extension: event names of WXT's handshake are built from it. */
  extensionIds: string[];
  /**
   * Colophon's words and the catalogue titles its marks show: the page looks for them everywhere
   * it can read. The first three are the marks' own (name, Report, the start of "Looks like …"):
   * window.find starts from those.
   */
  words: string[];
  /**
   * light: every tick, anything that looks like Colophon's (elements someone else added, the
   * root's children besides head and body) and the focused element; full: also whatever lies
   * under a row of points of the window and every element in turn, 25 ms of clicking a tick.
   */
  storm: 'light' | 'full';
  /** spy: page functions wrapped to count every caller that is not the attack; sabotage: replaced by broken ones. */
  patches: 'none' | 'spy' | 'sabotage';
  customElements: boolean;
  flood: 'none' | 'nodes' | 'deep';
  /** Markup whose inline handler the page's CSP allows by hash, put in the page: proof that a payload inserted as markup would run. */
  payloadControl: string | null;
}

/** Counts of each word, per place the page read text from. */
export type WordCounts = Record<string, Record<string, number>>;

export interface ShadowFinding {
  via: string;
  mode: string;
  /** The words of ours the root's text holds. */
  words: Record<string, number>;
}

export interface FindHit {
  word: string;
  /** The selection after extending it a few words past the hit: text the page read. */
  text: string;
  /** Whether the selection's node lay in a shadow root the page could then walk. */
  inShadow: boolean;
}

/** What the page saw, as the test reads it (JSON-safe). */
export interface AttackFindings {
  template: string;
  /** Mutations not made by the attack after DOMContentLoaded, in order. */
  foreignMutations: Array<{ kind: 'added' | 'removed' | 'attribute' | 'text'; tag: string; parent: string; attribute?: string; at: number }>;
  /** Window messages the attack did not post. */
  foreignMessages: string[];
  /** Untrusted events the attack did not dispatch, and any event whose name mentions the extension. */
  foreignEvents: Array<{ type: string; target: string; trusted: boolean }>;
  /** Calls of patched page functions by anyone but the attack (spy and sabotage templates). */
  foreignCalls: Record<string, number>;
  /** Globals on window that neither the page nor the attack made. */
  newGlobals: string[];
  /** Shadow roots the page got hold of, other than through window.find and the selection. */
  shadowRoots: ShadowFinding[];
  /** What custom elements' `attachInternals()` gave: one entry per constructed element of a name we defined. */
  internals: Array<{ name: string; shadowRoot: boolean }>;
  /**
   * Our words in what the page can read, with the elements someone else added in place and with
   * them taken out for a moment: more with them is text of ours the page read. Empty while
   * nobody but the page and the attack changed the document (then nothing of ours is in it).
   */
  text: { withOurs: WordCounts; withoutOurs: WordCounts };
  /** window.find and the selection: the hits in Colophon's marks, and what extending the selection from there read. */
  find: { hits: FindHit[] };
  /** Set by a payload that ran: never, unless something inserted page text as markup or ran it. */
  pwned: string[];
  /** The control payload (allowed by the same CSP) ran: a payload inserted as markup would have run too. */
  payloadLive: boolean;
  storm: {
    ticks: number;
    /** Ticks while elements someone else added were in the page (Colophon's marks, if any). */
    ticksWithOurs: number;
    clicks: number;
    keys: number;
    ourLookingClicks: number;
    /** Ticks on which something not the page's covered the corner where a capture shows its progress. */
    statusSeen: number;
  };
  spoofs: number;
  echoes: number;
  /** Elements the attack added (floods): the page's real size during the visit. */
  elements: number;
  errors: string[];
}
