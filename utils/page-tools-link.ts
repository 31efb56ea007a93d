/**
 * How the content script and the page tools find each other on a marketplace page. The content
 * script (entrypoints/marketplace.content/) is on every marketplace page and only recognises and
 * reports; the page tools (entrypoints/page-tools/: the marks, their Report buttons, the page's
 * steps of a capture) are loaded into the same page by the background, only when there is
 * something to mark or capture. Both run in the extension's isolated world of that page, whose
 * global object they share with each other and with nothing else: the page's own scripts have a
 * global object of their own, and can neither read nor replace what is kept on this one.
 */
import type { ContentScriptContext } from '@/entrypoints/marketplace.content/script-context';
import type { Recognition } from './sites/types';

/** What the content script lends the page tools: its lifetime, and its input shield. */
export interface ContentScriptParts {
  ctx: ContentScriptContext;
  /** Sends every event aimed at `host` to `handler` alone, before the page sees it. */
  guard(host: Element, handler: (event: Event) => void): () => void;
}

/** What the page tools do for the content script. */
export interface PageTools {
  /** Marks the listings of this recognition that the background's answer matched (checked here). */
  show(recognition: Recognition | null, answer: unknown): Promise<void>;
  /** Moves the marks after the page's layout changed. */
  place(): void;
}

interface Shared {
  content?: ContentScriptParts;
  tools?: PageTools;
}

const key = 'colophonPageTools';

function shared(): Shared {
  const scope = globalThis as unknown as Record<string, Shared | undefined>;
  return (scope[key] ??= {});
}

export function lendContentScriptParts(parts: ContentScriptParts): void {
  shared().content = parts;
}

export function contentScriptParts(): ContentScriptParts | null {
  return shared().content ?? null;
}

export function offerPageTools(tools: PageTools): void {
  shared().tools = tools;
}

/** The page tools, once the background has loaded them into this page. */
export function pageTools(): PageTools | null {
  return shared().tools ?? null;
}
