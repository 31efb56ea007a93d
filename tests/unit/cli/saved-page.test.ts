// @vitest-environment node
/**
 * A saved page's bytes are decoded as a browser decodes the page: a byte order mark first, then
 * the charset it was served with, then a `<meta>` in its first 1024 bytes, UTF-8 otherwise.
 */
import { describe, expect, it } from 'vitest';
import { decodeSavedPage, encodingOf } from '@/utils/cli/saved-page';
import { gbk } from './gbk';

const title = '英文原版教材 微积分-淘宝网';
const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
/** A page declaring `declaration` in its head, its title written as GBK bytes. */
const gbkPage = (declaration: string) => concat(utf8(`<!DOCTYPE html><html><head>${declaration}<title>`), gbk(title), utf8('</title></head><body></body></html>'));

describe('the GBK bytes the tests write', () => {
  it('are the bytes GBK gives these characters', () => {
    // 淘 is CC D4 and 宝 is B1 A6 in GB 2312, and so in GBK.
    expect([...gbk('淘宝')]).toEqual([0xcc, 0xd4, 0xb1, 0xa6]);
  });
});

describe('decodeSavedPage', () => {
  it('reads a page as the GBK its <meta charset> declares', () => {
    expect(decodeSavedPage(gbkPage('<meta charset="gbk">'))).toContain(`<title>${title}</title>`);
  });

  it.each([
    ['<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'],
    ["<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=\"GBK\"'>"],
    ['<meta charset=GB18030 />'],
    ['<meta name="viewport" content="width=device-width"><meta charset="no-such-charset"><meta charset="gbk">'],
    [`<p>${'x'.repeat(900)}</p><meta charset="gbk">`],
  ])('reads the charset a browser reads in %s', (declaration) => {
    expect(decodeSavedPage(gbkPage(declaration))).toContain(`<title>${title}</title>`);
  });

  it('lets the charset the page was served with override its <meta>', () => {
    // The fixtures are stored as UTF-8 under their original <meta charset="gbk"> and served as UTF-8.
    const page = utf8(`<meta charset="gbk"><title>${title}</title>`);
    expect(decodeSavedPage(page, 'utf-8')).toBe(`<meta charset="gbk"><title>${title}</title>`);
    expect(decodeSavedPage(page)).not.toContain(title);
  });

  it('ignores a served charset no browser knows, as a browser ignores such a header', () => {
    expect(decodeSavedPage(gbkPage('<meta charset="gbk">'), 'no-such-charset')).toContain(title);
  });

  it('lets a byte order mark override both, and drops it', () => {
    const page = concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(`<meta charset="gbk"><title>${title}</title>`));
    expect(decodeSavedPage(page, 'gbk')).toBe(`<meta charset="gbk"><title>${title}</title>`);
  });

  it('reads UTF-16 saved with its byte order mark', () => {
    const text = `<meta charset="utf-8"><title>${title}</title>`;
    const le = concat(Uint8Array.of(0xff, 0xfe), ...[...text].map((character) => Uint8Array.of(character.charCodeAt(0) & 0xff, character.charCodeAt(0) >> 8)));
    expect(decodeSavedPage(le)).toBe(text);
  });

  it('reads a declared UTF-16 without a byte order mark as UTF-8, as browsers do', () => {
    expect(decodeSavedPage(utf8(`<meta charset="utf-16"><title>${title}</title>`))).toContain(title);
  });

  it.each([
    ['after the first 1024 bytes', `<p>${'x'.repeat(1024)}</p><meta charset="gbk">`],
    ['inside a comment', '<!-- <meta charset="gbk"> -->'],
    ['inside another tag’s attribute', '<link title="<meta charset=gbk>" href="/">'],
    ['on a closing tag', '</meta charset="gbk">'],
  ])('does not take a <meta> %s, and reads UTF-8', (_where, declaration) => {
    const page = concat(utf8(declaration), utf8(`<title>${title}</title>`));
    expect(decodeSavedPage(page)).toBe(`${declaration}<title>${title}</title>`);
  });

  it('reads UTF-8 when nothing is declared', () => {
    expect(decodeSavedPage(utf8(`<title>${title}</title>`))).toBe(`<title>${title}</title>`);
  });
});

describe('encodingOf', () => {
  it.each([
    ['gbk', 'gbk'],
    ['GB2312', 'gbk'],
    [' utf8 ', 'utf-8'],
    ['gb18030', 'gb18030'],
    ['no-such-charset', null],
  ])('%j names %j', (label, encoding) => {
    expect(encodingOf(label)).toBe(encoding);
  });
});
