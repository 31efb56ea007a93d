/**
 * Colophon's UI text, in the browser's language (English and Simplified Chinese, from
 * public/_locales). Keys are typed from the English catalogue, and a unit test checks that every
 * locale has every key.
 */
import type english from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;

export function t(key: MessageKey, ...substitutions: string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
