/**
 * Every URL form the marketplaces use (../shared/fixtures/STRUCTURES.md, "URL patterns") maps to
 * exactly one adapter and exactly one page kind, with the listing id taken from the right place.
 */
import { describe, expect, it } from 'vitest';
import { siteAdapters } from '@/utils/sites';

type Row = [url: string, adapter: string | null, kind?: string, id?: string | null, wall?: string | null];

const table: Row[] = [
  // AliExpress items: every locale host, .com/.us, mobile and AMP hosts, with or without a slug.
  ['https://www.aliexpress.com/item/1005006180026951.html', 'aliexpress', 'item', '1005006180026951'],
  ['https://he.aliexpress.com/item/32993251330.html', 'aliexpress', 'item', '32993251330'],
  ['https://es.aliexpress.com/item/1005006180026951.html?spm=a2g0o.home.0.0&gatewayAdapt=glo2esp', 'aliexpress', 'item', '1005006180026951'],
  ['https://pt.aliexpress.com/item/1005009463783046.html', 'aliexpress', 'item', '1005009463783046'],
  ['https://ko.aliexpress.com/item/Some-Book-Title/1005006180026951.html', 'aliexpress', 'item', '1005006180026951'],
  ['https://aliexpress.com/item/1005006180026951.html', 'aliexpress', 'item', '1005006180026951'],
  ['https://m.aliexpress.com/item/1005006180026951.html', 'aliexpress', 'item', '1005006180026951'],
  ['https://m.aliexpress.com/i/1005006180026951.html', 'aliexpress', 'item', '1005006180026951'],
  ['https://h5.aliexpress.com/item/1005006180026951.html', 'aliexpress', 'item', '1005006180026951'],
  ['https://h5.he.aliexpress.com/item/32993251330.html', 'aliexpress', 'item', '32993251330'],
  ['https://ru.aliexpress.com/item/1005006180026951.html', 'aliexpress', 'item', '1005006180026951'],
  // aliexpress.us shows the global id + 2^51.
  ['https://www.aliexpress.us/item/3256806000000000.html', 'aliexpress', 'item', String(3256806000000000n - 2n ** 51n)],
  ['https://aliexpress.us/item/3256805993711699.html?gatewayAdapt=glo2usa', 'aliexpress', 'item', '1005006180026451'],
  // Pre-2019 item URLs.
  ['https://www.aliexpress.com/store/product/Calculus-8th-Edition/1234567_32812345678.html', 'aliexpress', 'item', '32812345678'],
  // Search, category, SEO and store pages.
  ['https://www.aliexpress.com/w/wholesale-python-book.html', 'aliexpress', 'search', null],
  ['https://www.aliexpress.us/w/wholesale-calculus-textbook.html?page=2', 'aliexpress', 'search', null],
  ['https://www.aliexpress.com/wholesale?SearchText=organic+chemistry', 'aliexpress', 'search', null],
  ['https://www.aliexpress.com/wholesale', null],
  ['https://www.aliexpress.com/category/200001900/books.html', 'aliexpress', 'search', null],
  // Category pages are paged like searches, or with the page number as the last path segment.
  ['https://www.aliexpress.com/category/200001900/books.html?page=2', 'aliexpress', 'search', null],
  ['https://www.aliexpress.com/category/200216607/tablets/2.html?site=glo&g=y&tag=', 'aliexpress', 'search', null],
  ['https://es.aliexpress.com/category/200001900/books/12.html', 'aliexpress', 'search', null],
  ['https://www.aliexpress.us/category/200001900/books.html', 'aliexpress', 'search', null],
  ['https://www.aliexpress.com/category/200001900/books/page-2.html', null],
  ['https://www.aliexpress.com/category/books.html', null],
  ['https://www.aliexpress.com/popular/textbooks.html', 'aliexpress', 'search', null],
  ['https://www.aliexpress.com/store/1103874512', 'aliexpress', 'store', null],
  ['https://www.aliexpress.com/store/1103874512/pages/all-items.html', 'aliexpress', 'store', null],
  ['https://m.aliexpress.com/store/storeHome.htm?sellerAdminSeq=221558572', 'aliexpress', 'store', null],
  // A store on the seller's own subdomain: its store pages only, and never a login host.
  ['https://lilygo.aliexpress.com/store/2090076', 'aliexpress', 'store', null],
  ['https://minibalance.aliexpress.com/store/4455017/pages/all-items.html?sortType=orders_desc', 'aliexpress', 'store', null],
  ['https://book-world-2.aliexpress.com/store/1104217738/search?SearchText=calculus', 'aliexpress', 'store', null],
  ['https://lilygo.aliexpress.com/', null],
  ['https://lilygo.aliexpress.com/item/1005006180026951.html', null],
  ['https://lilygo.aliexpress.com/store/product/calculus/2090076_32812345678.html', null],
  ['https://lilygo.aliexpress.com/w/wholesale-python-book.html', null],
  ['https://lilygo.aliexpress.us/store/2090076', null],
  ['https://shop.lilygo.aliexpress.com/store/2090076', null],
  ['https://-lilygo.aliexpress.com/store/2090076', null],
  ['https://login.aliexpress.com/store/2090076', 'aliexpress', 'blocked', null, 'login'],
  ['https://passport.aliexpress.com/store/2090076', 'aliexpress', 'blocked', null, 'login'],
  ['https://lilygo.aliexpress.com/store/2090076/_____tmd_____/punish?x5secdata=x', 'aliexpress', 'blocked', null, 'captcha'],
  ['https://www.aliexpress.com/', null],
  ['https://www.aliexpress.com/p/order/index.html', null],
  ['https://www.aliexpress.com/ssr/300000512/BundleDeals2?productIds=1005006180026951:12000036135316010', null],
  // Walls have URLs of their own.
  ['https://www.aliexpress.com/w/wholesale-kitchen-tools.html/_____tmd_____/punish?x5secdata=x', 'aliexpress', 'blocked', null, 'captcha'],
  ['https://login.aliexpress.com/?return_url=https%3A%2F%2Fwww.aliexpress.com', 'aliexpress', 'blocked', null, 'login'],
  // aliexpress.ru is a platform of its own, sharing the global ids.
  ['https://aliexpress.ru/item/1005008813973992.html?sku_id=12000046778486248', 'aliexpress-ru', 'item', '1005008813973992'],
  ['https://aliexpress.ru/popular/%D0%BD%D0%B0%D1%83%D1%88%D0%BD%D0%B8%D0%BA%D0%B8', 'aliexpress-ru', 'search', null],
  ['https://aliexpress.ru/wholesale?SearchText=book', 'aliexpress-ru', 'search', null],
  ['https://m.aliexpress.ru/item/1005008813973992.html', 'aliexpress-ru', 'item', '1005008813973992'],
  // Taobao items: ids only from id=, never skuId, item_id or ad_id.
  ['https://item.taobao.com/item.htm?id=562283240178', 'taobao', 'item', '562283240178'],
  ['https://item.taobao.com/item.htm?spm=a21n57.1.0.0&skuId=5123456789012&id=562283240178&ns=1', 'taobao', 'item', '562283240178'],
  ['https://item.taobao.com/item.htm?item_id=562283240178', null],
  ['https://item.taobao.com/item.htm?ad_id=&id=&skuId=5123456789012', null],
  ['https://h5.m.taobao.com/awp/core/detail.htm?id=1021732889355&short_name=h.xyz&tk=abc', 'taobao', 'item', '1021732889355'],
  ['https://m.intl.taobao.com/detail/detail.html?id=562283240178', 'taobao', 'item', '562283240178'],
  ['https://world.taobao.com/item/562283240178.htm', 'taobao', 'item', '562283240178'],
  ['https://s.taobao.com/search?q=ipad', 'taobao', 'search', null],
  ['https://s.taobao.com/search?page=2&q=%E8%8B%B1%E6%96%87%E5%8E%9F%E7%89%88', 'taobao', 'search', null],
  ['https://s.taobao.com/list?q=%E5%A4%8F%E4%B8%8A%E6%96%B0&cat=16', 'taobao', 'search', null],
  ['https://main.m.taobao.com/search/index.html?q=book', 'taobao', 'search', null],
  ['https://shop115087308.taobao.com/', 'taobao', 'store', null],
  ['https://shop115087308.taobao.com/search.htm?keyword=book', 'taobao', 'store', null],
  ['https://yikewaishe.taobao.com/', 'taobao', 'store', null],
  ['https://store.taobao.com/shop/view_shop.htm?user_number_id=2616970884', 'taobao', 'store', null],
  ['https://www.taobao.com/', null],
  ['https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm', null],
  ['https://login.taobao.com/member/login.jhtml?redirectURL=https%3A%2F%2Fitem.taobao.com%2Fitem.htm%3Fid%3D1', 'taobao', 'blocked', null, 'login'],
  ['https://item.taobao.com/_____tmd_____/punish?x5secdata=x&x5step=1', 'taobao', 'blocked', null, 'captcha'],
  ['https://s.taobao.com/_____tmd_____/page/login_jump?rand=1', 'taobao', 'blocked', null, 'login'],
  // Tmall items on every host, Tmall Global, search and shops.
  ['https://detail.tmall.com/item.htm?id=605258110430', 'tmall', 'item', '605258110430'],
  ['https://detail.tmall.com/item.htm?id=605258110430&skuId=4241372909671&spm=a1z10', 'tmall', 'item', '605258110430'],
  ['https://detail.tmall.hk/hk/item.htm?id=605258110430', 'tmall', 'item', '605258110430'],
  ['https://chaoshi.detail.tmall.com/item.htm?id=605258110430', 'tmall', 'item', '605258110430'],
  ['https://detail.m.tmall.com/item.htm?id=605258110430', 'tmall', 'item', '605258110430'],
  ['https://list.tmall.com/search_product.htm?q=%E6%95%99%E6%9D%90', 'tmall', 'search', null],
  ['https://suning.tmall.com/', 'tmall', 'store', null],
  ['https://suning.tmall.com/search.htm?q=book', 'tmall', 'store', null],
  ['https://www.tmall.com/', null],
  ['https://login.tmall.com/?redirectURL=x', 'tmall', 'blocked', null, 'login'],
  ['https://detail.tmall.com/_____tmd_____/punish?x5secdata=x', 'tmall', 'blocked', null, 'captcha'],
  // Not marketplaces, even when they look alike.
  ['https://example.com/item/1005006180026951.html', null],
  ['https://aliexpress.com.evil.example/item/1005006180026951.html', null],
  ['https://item.taobao.com.evil.example/item.htm?id=562283240178', null],
  ['https://nottaobao.com/item.htm?id=562283240178', null],
];

describe.each(table)('%s', (url, adapterName, kind, id, wall) => {
  const matches = siteAdapters.map((adapter) => ({ adapter, page: adapter.classify(new URL(url)) })).filter((match) => match.page);

  it(adapterName ? `is a ${kind} page for the ${adapterName} adapter alone` : 'is no marketplace page', () => {
    expect(matches.map((match) => match.adapter.name)).toEqual(adapterName ? [adapterName] : []);
    if (!adapterName) return;
    expect(matches[0]!.page).toEqual({ marketplace: adapterName === 'aliexpress-ru' ? 'aliexpress' : adapterName, kind, listingId: id ?? null, wall: wall ?? null });
  });
});
