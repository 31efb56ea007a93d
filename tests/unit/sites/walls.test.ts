/**
 * Anti-bot, captcha, access-denied and login walls (../shared/fixtures/STRUCTURES.md, "Anti-bot and
 * login walls"): by URL, then by what a small document shows.
 */
import { describe, expect, it } from 'vitest';
import { wallFromUrl, wallInDocument } from '@/utils/sites/walls';
import type { WallReason } from '@/utils/sites/types';

describe('wallFromUrl', () => {
  it.each<[string, WallReason | null]>([
    ['https://item.taobao.com/_____tmd_____/punish?x5secdata=abc&x5step=1', 'captcha'],
    ['https://detail.tmall.com/_____tmd_____/punish?x5secdata=abc', 'captcha'],
    ['https://s.taobao.com/search/_____tmd_____/punish', 'captcha'],
    ['https://he.aliexpress.com/_____tmd_____/punish?x5secdata=abc', 'captcha'],
    ['https://www.aliexpress.us/_____tmd_____/punish', 'captcha'],
    ['https://example.com/_____tmd_____/punish', 'captcha'],
    ['https://s.taobao.com/_____tmd_____/page/login_jump?rand=1', 'login'],
    ['https://www.aliexpress.com/_____tmd_____/page/login_jump', 'login'],
    ['https://login.taobao.com/member/login.jhtml?redirectURL=https%3A%2F%2Fitem.taobao.com%2Fitem.htm%3Fid%3D1', 'login'],
    ['https://login.tmall.com/?redirectURL=https%3A%2F%2Fdetail.tmall.com', 'login'],
    ['https://login.aliexpress.com/', 'login'],
    ['https://login.aliexpress.ru/', 'login'],
    ['https://passport.aliexpress.com/mini_login.htm', 'login'],
    ['https://item.taobao.com/item.htm?id=562283240178', null],
    ['https://detail.tmall.com/item.htm?id=600000000000', null],
    ['https://he.aliexpress.com/item/32993251330.html', null],
    ['https://s.taobao.com/search?q=_____tmd_____/punish', null],
    ['https://s.taobao.com/search?q=login.taobao.com', null],
    ['https://login.taobao.com.example.net/member/login.jhtml', null],
    ['https://xlogin.taobao.com/', null],
    ['https://www.taobao.com/', null],
  ])('%s → %s', (url, reason) => {
    expect(wallFromUrl(new URL(url))).toBe(reason);
  });
});

function page(body: string, title = ''): Document {
  const document = new DOMParser().parseFromString(`<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`, 'text/html');
  return document;
}

/** A normal anonymous marketplace page: the nav asks the viewer to sign in, which is not a wall. */
const normalPage = `
  <div id="J_SiteNav"><a href="https://login.taobao.com/member/login.jhtml">亲，请登录</a> <a href="//reg.taobao.com">免费注册</a></div>
  <h3 class="tb-main-title" data-title="算法导论">算法导论 第三版</h3>
  <em class="tb-rmb-num">128.00</em>
  <iframe src="https://g.alicdn.com/sd/ncpc/footer.html"></iframe>`;

describe('wallInDocument', () => {
  it.each<[string, WallReason]>([
    ['Captcha Interception', 'captcha'],
    ['验证码拦截', 'captcha'],
    ['滑块验证', 'captcha'],
    ['访问被拒绝', 'denied'],
    ['Access denied', 'denied'],
    ['ACCESS DENIED', 'denied'],
    ['系统正忙', 'busy'],
    ['System is busy', 'busy'],
  ])('the title %j is a %s wall', (title, reason) => {
    expect(wallInDocument(page('<p>…</p>', title))).toBe(reason);
  });

  it.each([
    ['<div id="baxia-punish"></div>'],
    ['<punish-component></punish-component>'],
    ['<div id="nocaptcha"></div>'],
    ['<div id="nc_1_wrapper"><span class="nc_iconfont btn_slide"></span></div>'],
    ['<span class="btn_slide"></span>'],
    ['<script src="https://g.alicdn.com/sd/nocaptcha/initialize.jsonp?a=1"></script>'],
    ['<div class="baxia-dialog"><div class="baxia-dialog-content"></div></div>'],
  ])('the marker %s is a captcha wall', (marker) => {
    expect(wallInDocument(page(marker))).toBe('captcha');
  });

  it.each<[string, WallReason]>([
    ['<div class="J_MIDDLEWARE_FRAME_WIDGET"><iframe src="https://bixi.alicdn.com/punish/punish:resource:template:tmall:default.html?action=deny&uuid=1"></iframe></div>', 'denied'],
    ['<div class="J_MIDDLEWARE_FRAME_WIDGET"><iframe src="https://bixi.alicdn.com/punish/punish:resource:template:tmall:default.html?uuid=1&action=captcha"></iframe></div>', 'captcha'],
    ['<iframe src="https://bixi.alicdn.com/punish/punish:resource:template:taobao:default.html?action=deny"></iframe>', 'denied'],
    ['<iframe src="https://bixi.alicdn.com/punish/punish:resource:template:taobao:default.html?action=captcha"></iframe>', 'captcha'],
    ['<div class="J_MIDDLEWARE_FRAME_WIDGET"><iframe src="https://h5api.m.taobao.com/_____tmd_____/punish?x5secdata=abc"></iframe></div>', 'captcha'],
  ])('the punish iframe %s is a %s wall', (frame, reason) => {
    expect(wallInDocument(page(frame))).toBe(reason);
  });

  it.each([['<p>Sorry, we have detected unusual traffic from your network.</p>'], ['<div><span>亲，请拖动下方滑块完成验证</span></div>']])(
    'the text of %s is a captcha wall',
    (body) => {
      expect(wallInDocument(page(body))).toBe('captcha');
    },
  );

  it('reads the title before the DOM markers', () => {
    expect(wallInDocument(page('<div id="nocaptcha"></div>', '访问被拒绝'))).toBe('denied');
  });

  it('finds a wall in a document built with createHTMLDocument', () => {
    const document = window.document.implementation.createHTMLDocument('');
    document.body.innerHTML = '<div id="baxia-punish"></div>';
    expect(wallInDocument(document)).toBe('captcha');
  });

  it('does not take a normal marketplace page whose nav says "亲，请登录" for a wall', () => {
    expect(wallInDocument(page(normalPage, '算法导论 第三版-淘宝网'))).toBeNull();
  });

  it('is null for an empty document', () => {
    expect(wallInDocument(page(''))).toBeNull();
    expect(wallInDocument(window.document.implementation.createHTMLDocument(''))).toBeNull();
  });

  it('ignores wall text past the first 20,000 characters of a long page', () => {
    const long = `<p>${'书'.repeat(20_000)}</p><p>Sorry, we have detected unusual traffic from your network.</p>`;
    expect(wallInDocument(page(long))).toBeNull();
  });

  // STRUCTURES.md lists the rgv587 comment among the punish template's markers.
  it('takes a page marked only by <!--rgv587_flag:sm--> for a captcha wall', () => {
    expect(wallInDocument(page('<!--rgv587_flag:sm--><div id="app"></div>'))).toBe('captcha');
  });

  // A search page whose query is a wall's words (its cards not yet rendered, so no product data
  // beats it) is not a wall.
  it('does not take a search for "access denied" for a wall', () => {
    expect(wallInDocument(page('<div id="root"></div>', 'access denied - Buy access denied with free shipping | AliExpress'))).toBeNull();
  });
});
