/** One walk of the page for several selectors gives each the elements it alone would find, in document order. */
import { describe, expect, it } from 'vitest';
import { elementsByHook } from '@/utils/sites/one-walk';

describe('elementsByHook', () => {
  const page = new DOMParser().parseFromString(
    '<div class="a" id="one"></div><p class="b" id="two"><span class="a b" id="three"></span></p><i class="c" id="four"></i>',
    'text/html',
  );
  const ids = (elements: Element[]) => elements.map((element) => element.id);

  it('tells each element to every hook it matches, in document order', () => {
    const found = elementsByHook(page, { a: '.a', b: '.b', none: '.missing' });
    expect(ids(found.a)).toEqual(['one', 'three']);
    expect(ids(found.b)).toEqual(['two', 'three']);
    expect(found.none).toEqual([]);
  });

  it('looks only for the hooks named', () => {
    const hooks = { a: '.a', c: '.c' };
    const found = elementsByHook<keyof typeof hooks>(page, hooks, ['c']);
    expect(Object.keys(found)).toEqual(['c']);
    expect(ids(found.c)).toEqual(['four']);
  });
});
