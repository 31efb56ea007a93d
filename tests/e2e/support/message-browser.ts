/**
 * A browser set up for message fuzzing: two marketplace tabs with Colophon's content script, an
 * iframe of another marketplace page inside the first, and an extension page; messages are sent
 * from each of these as the background would see them sent by Colophon's own code there.
 *
 * How a message is sent "from the content script": the page asks the browser to run our sending
 * code in the extension's isolated world of that frame (Chromium's `scripting.executeScript`,
 * Firefox's `tabs.executeScript`), the world Colophon's content script runs in, so the background
 * gets the very sender a content script gives (its tab, frame id and URL). Chromium's
 * `scripting` API needs a permission Colophon does not ask for: as for the granted build
 * (granted-build.ts), the tests load a copy of the build whose manifest adds it, the code
 * unchanged. DevTools' own isolated worlds are not the extension's: `chrome.runtime` is missing
 * there, so they cannot stand in for a content script. Subframes have no content script at all
 * (Colophon runs in top frames only), so injecting is the only way to send from one.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sender } from '@/utils/messages';
import type { SenderContext } from './message-expect';
import { sendWire, wireMessages, type StoreSnapshot } from './message-pages';

export interface FuzzBrowser {
  readonly name: 'chromium' | 'firefox';
  extensionId: string;
  /** The extension's base URL, as `runtime.getURL('/')` gives it. */
  extensionBase: string;
  urls: { a: string; b: string; frame: string };
  /** Every open tab; `a` and `b` are the marketplace tabs. */
  tabs: { a: number; b: number; all: number[] };
  /** Each context's sender, as the browser describes it to the background. */
  senders: Record<SenderContext, Sender>;
  /** Sends a batch (JSON with wire directives) from `context`; resolves with the answers as JSON. */
  send(context: SenderContext, text: string, concurrency: number): Promise<string>;
  snapshot(): Promise<StoreSnapshot>;
  /**
   * Marks the background's global scope (when `mark` is given) and reads the mark back, with the
   * names on its Object.prototype: the same mark later means the same background, never restarted.
   */
  background(mark?: string): Promise<{ mark: string | null; prototypeNames: string[]; polluted: unknown }>;
  /** What a marketplace page's own script gets when it tries to message Colophon's background. */
  pageTriesToSend(): Promise<string>;
  close(): Promise<void>;
}

/** The sending code, as source for the browser: `sendWire` with `wireMessages` to expand the batch. */
export const senderSource = `(arg) => (${sendWire.toString()})(${wireMessages.toString()}, arg)`;

/** Run in a marketplace page's main world: how far its own script gets towards the background. */
export async function pageTriesToSend(extensionId: string): Promise<string> {
  const scope = globalThis as unknown as { chrome?: { runtime?: { sendMessage?: Function } }; browser?: { runtime?: { sendMessage?: Function } } };
  const runtime = scope.chrome?.runtime ?? scope.browser?.runtime;
  if (!runtime?.sendMessage) return 'no runtime.sendMessage in the page';
  try {
    return `answered ${JSON.stringify(await runtime.sendMessage(extensionId, { type: 'popup:get-tab-page', tabId: 0 }))}`;
  } catch (error) {
    return `refused: ${String((error as Error)?.message ?? error).slice(0, 200)}`;
  }
}

/** Run in an extension page: reads the background's mark and its Object.prototype's own names. */
export function backgroundState(scope: typeof globalThis, mark: string | undefined) {
  const global = scope as unknown as { colophonFuzzMark?: string; Object: ObjectConstructor };
  if (mark) global.colophonFuzzMark = mark;
  return {
    mark: global.colophonFuzzMark ?? null,
    prototypeNames: global.Object.getOwnPropertyNames(global.Object.prototype).sort(),
    polluted: (new global.Object() as { polluted?: unknown }).polluted ?? null,
  };
}

/** A copy of the Chromium build whose manifest adds the `scripting` permission, and its removal. */
export async function scriptingBuild(build: string): Promise<{ path: string; remove(): Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'colophon-scripting-'));
  const path = join(folder, 'extension');
  await cp(build, path, { recursive: true });
  const manifestPath = join(path, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { permissions?: string[] };
  manifest.permissions = [...new Set([...(manifest.permissions ?? []), 'scripting'])];
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  return { path, remove: () => rm(folder, { recursive: true, force: true }) };
}
