/**
 * The background's side of the message protocol (./messages.ts): who may send what, and the single
 * entry point that validates, checks the sender, dispatches and answers every message. Apart from
 * the schemas because the sender check needs the marketplace adapters, which the extension's pages
 * (popup, options, evidence manager) must not load just to send a message.
 */
import { classifyUrl } from './sites/url-rules';
import { malformed, Message, type Refusal, type ResponseTo, type Sender } from './messages';

/**
 * Who may send what: `content:` messages only from our content script in a top-level marketplace
 * page; `popup:` messages (the popup's) and `page:` messages (any of our pages': the popup, the
 * options page, the evidence manager) only from our own extension pages.
 */
export function senderMaySend(message: Message, sender: Sender, extensionId: string, extensionBaseUrl: string): boolean {
  if (sender.id !== extensionId || !sender.url) return false;
  if (message.type === 'content:page-recognised') {
    // The page may have moved on by single-page navigation, but never to another site.
    return sender.tab?.id !== undefined && sender.frameId === 0 && classifyUrl(sender.url) !== null && sameOrigin(message.url, sender.url);
  }
  if (message.type === 'content:capture-listing') {
    return sender.tab?.id !== undefined && sender.frameId === 0 && classifyUrl(sender.url) !== null;
  }
  // URL origins of extension pages are opaque ("null") by the URL standard, so compare prefixes.
  return sender.url.startsWith(extensionBaseUrl);
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

type Handlers = {
  [T in Message['type']]: (message: Extract<Message, { type: T }>, sender: Sender & { tab?: { id?: number } }) => Promise<ResponseTo<T>>;
};

/**
 * The background's single entry point for messages: validates, checks the sender, dispatches, and
 * answers every message, with a `Refusal` when it does not act on it. Answers with `sendResponse`
 * + `return true`, which both browsers accept.
 */
export function listenForMessages(handlers: Handlers): void {
  const extensionBaseUrl = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((raw: unknown, sender: Sender, sendResponse: (answer: ResponseTo<Message['type']> | Refusal) => void) => {
    const parsed = Message.safeParse(raw);
    if (!parsed.success) {
      const refusal = malformed(parsed.error);
      console.warn('Colophon: refused a malformed message', refusal.issue, refusal.at);
      sendResponse(refusal);
      return true;
    }
    const message = parsed.data;
    if (!senderMaySend(message, sender, browser.runtime.id, extensionBaseUrl)) {
      console.warn('Colophon: refused a message from a sender not allowed to send it', message.type);
      sendResponse({ refused: 'sender', type: message.type });
      return true;
    }
    const handler = handlers[message.type] as (message: Message, sender: Sender) => Promise<ResponseTo<Message['type']>>;
    // A handler that throws before its first await fails like one that rejects.
    Promise.resolve()
      .then(() => handler(message, sender))
      .then(sendResponse, (error: unknown) => {
        console.error('Colophon: message handler failed', message.type, error);
        sendResponse({ refused: 'failed', type: message.type });
      });
    return true;
  });
}
