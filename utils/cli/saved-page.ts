/**
 * A saved page as a Document, for Colophon's developer commands and tests, parsed by happy-dom
 * with scripts, styles and sub-resources off: saved marketplace pages are hostile third-party code.
 * A saved file is bytes; `decodeSavedPage` turns them into text the way a browser would, because
 * Taobao and Tmall served their pages as GBK for years and a page read as UTF-8 comes out garbled.
 */
import sniffHtmlEncoding from 'html-encoding-sniffer';
import { Window } from 'happy-dom';

export function savedPage(html: string, url: string): { document: Document; close: () => Promise<void> } {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  const document = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  return { document, close: () => window.happyDOM.close() };
}

/** The encoding a label names ("gb2312" and "GBK" both name gbk), or null for a label no browser knows. */
export function encodingOf(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/**
 * The text of a saved page, decoded as a browser decodes a page (the HTML standard's encoding
 * sniffing, by html-encoding-sniffer, jsdom's): a byte order mark first; then the charset of the
 * Content-Type header the page was served with, which a saved file does not keep, so the caller
 * names it; then a `<meta charset>` or `<meta http-equiv="content-type">` in the first 1024 bytes.
 * With none of them a browser guesses from the user's locale, which a command does not have:
 * UTF-8, what every current marketplace page is, is the guess here.
 */
export function decodeSavedPage(bytes: Uint8Array, servedCharset?: string): string {
  const encoding = sniffHtmlEncoding(bytes, { transportLayerEncodingLabel: servedCharset, defaultEncoding: 'UTF-8' });
  return new TextDecoder(encoding).decode(bytes);
}
