/**
 * What the page's marks say when the background answers a Report button. A capture that never
 * started must say so at once: a refusal (a malformed message, a sender the background does not
 * take, a handler that failed) is as final as no answer at all, or the marks would say "capturing"
 * for ever.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { captureAnswerStatus } from '@/entrypoints/page-tools/capture-answer';
import { englishMessage } from '../options/page';

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(englishMessage as typeof fakeBrowser.i18n.getMessage);
});

describe('the answer to a Report button', () => {
  it.each([
    ['a malformed refusal', { refused: 'malformed', at: 'listingId', issue: 'invalid_format' }],
    ['a sender refusal', { refused: 'sender', type: 'content:capture-listing' }],
    ['a failed refusal', { refused: 'failed', type: 'content:capture-listing' }],
    ['no answer', undefined],
    ['null', null],
    ['a string', 'ok'],
  ])('is a failure the page shows when it is %s', (_name, answer) => {
    expect(captureAnswerStatus(answer)).toBe('Nothing was stored: ');
  });

  it.each([
    ['busy', 'A capture of this page is already running'],
    ['no-permission', expect.stringContaining('allow one-click capture')],
    ['wall', 'Nothing was stored: a wall'],
    ['not-a-listing', 'Nothing was stored: a wall'],
  ])('words a capture that did not start because of %s', (reason, text) => {
    expect(captureAnswerStatus({ ok: false, reason, detail: 'a wall' })).toEqual(text);
  });

  it.each([
    ['a stored item', { ok: true, itemId: 'a'.repeat(64), sequence: 1 }],
    ['a capture that failed while it ran', { ok: false, reason: 'failed', detail: 'the tab was closed' }],
    ['a store that was full', { ok: false, reason: 'storage-full', detail: 'quota' }],
  ])('leaves the word to the capture itself after %s', (_name, answer) => {
    expect(captureAnswerStatus(answer)).toBeNull();
  });
});
