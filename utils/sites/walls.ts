/**
 * Anti-bot, captcha, access-denied and login walls that Alibaba puts in front of all three
 * marketplaces (../shared/fixtures/STRUCTURES.md, "Anti-bot and login walls"). A wall is never a
 * product page; but a page that carries product data and an embedded punish iframe (a wall over
 * one background data call) is a product page, so adapters check for product data first.
 */
import { elementsByHook } from './one-walk';
import type { WallReason } from './types';

const loginHosts = /^(login\.taobao\.com|login\.tmall\.com|login\.aliexpress\.(com|us|ru)|passport\.aliexpress\.(com|us|ru))$/;

/** Walls that live on URLs of their own. */
export function wallFromUrl(url: URL): WallReason | null {
  if (url.pathname.includes('/_____tmd_____/punish')) return 'captcha';
  if (url.pathname.includes('/_____tmd_____/page/login_jump')) return 'login';
  if (loginHosts.test(url.hostname)) return 'login';
  return null;
}

// Wall pages are titled with these words alone: a search page titled "access denied - Buy …"
// is a shopper looking for something, not a wall.
const titleWalls: [RegExp, WallReason][] = [
  [/^\s*(captcha interception|验证码拦截|滑块验证)\s*$/i, 'captcha'],
  [/^\s*(访问被拒绝|access denied)\s*$/i, 'denied'],
  [/^\s*(系统正忙|system is busy)\s*$/i, 'busy'],
];

const captchaSelector = [
  '#baxia-punish',
  'punish-component',
  '#nocaptcha',
  '#nc_1_wrapper',
  '.btn_slide',
  'script[src*="nocaptcha/initialize.jsonp"]',
  'div.baxia-dialog',
].join(',');
/** The middleware overlay's iframe, whose action says what the wall does. */
const punishFrameSelector = '.J_MIDDLEWARE_FRAME_WIDGET iframe[src*="punish"], iframe[src*="bixi.alicdn.com/punish"]';

const bodyWalls: [RegExp, WallReason][] = [
  [/detected unusual traffic from your network|请拖动下方滑块完成验证/, 'captcha'],
];

/**
 * The wall a document shows, if any. Only call it for pages without product data: the markers
 * (a punish iframe, a captcha script) also appear on product pages whose side calls were refused.
 */
export function wallInDocument(document: Document): WallReason | null {
  for (const [pattern, reason] of titleWalls) if (pattern.test(document.title)) return reason;
  // Both kinds of marker in one walk (./one-walk.ts): a page without product data may be a flood of nodes.
  const markers = elementsByHook(document, { captcha: captchaSelector, frame: punishFrameSelector });
  if (markers.captcha.length > 0) return 'captcha';
  const frame = markers.frame[0];
  const action = frame ? /[?&]action=(\w+)/.exec(frame.getAttribute('src') ?? '')?.[1] : undefined;
  if (action === 'deny') return 'denied';
  if (frame) return 'captcha';
  if (hasPunishFlag(document)) return 'captcha';
  // A wall page is short; reading the text of a long product page here would be wasted work.
  const text = document.body ? leadingText(document.body, 20_000) : '';
  for (const [pattern, reason] of bodyWalls) if (pattern.test(text)) return reason;
  return null;
}

/**
 * The punish template marks itself with `<!--rgv587_flag:sm-->` near the top of the document: only
 * the first nodes are looked at (a walker over comments alone would pass every other node of a
 * page that has few comments, a hundred thousand on a flooded one).
 */
function hasPunishFlag(document: Document): boolean {
  const nodes = document.createTreeWalker(document, 0x80 | 0x1 /* NodeFilter.SHOW_COMMENT | SHOW_ELEMENT */);
  for (let seen = 0; seen < 200 && nodes.nextNode(); seen++) {
    if (nodes.currentNode.nodeType === 8 && nodes.currentNode.nodeValue?.includes('rgv587_flag')) return true;
  }
  return false;
}

/**
 * The first `chars` characters of an element's text. `textContent` would first gather all of it,
 * which on a page of a hundred thousand nodes is a long task for a few lines of a wall.
 */
function leadingText(root: Element, chars: number): string {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let text = '';
  for (let node = walker.nextNode(); node && text.length < chars; node = walker.nextNode()) text += node.nodeValue ?? '';
  return text.slice(0, chars);
}
