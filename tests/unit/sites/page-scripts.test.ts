/**
 * One reading of a page takes its inline scripts' text out of the page once, however many
 * extraction layers look through them, and a wall page's text is read only as far as a wall's.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recognisePage } from '@/utils/sites';
import { inlineScripts, inOneReading } from '@/utils/sites/page-scripts';
import { wallInDocument } from '@/utils/sites/walls';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

function addScript(text: string): void {
  const script = document.createElement('script');
  script.textContent = text;
  document.head.append(script);
}

describe('inline scripts', () => {
  it('are taken from the page once per reading', () => {
    addScript('window.runParams = {data: {"titleModule": {"subject": "Algorithms"}}};');
    addScript('var other = 1;');
    const reads = vi.spyOn(document, 'scripts', 'get');
    inOneReading(document, () => {
      inlineScripts(document);
      inlineScripts(document);
    });
    expect(reads).toHaveBeenCalledTimes(1);
    recognisePage('https://www.aliexpress.com/item/1005006000000001.html', document);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('are taken again by the next reading, which sees the page as it is then', () => {
    addScript('var first = 1;');
    expect(inOneReading(document, () => inlineScripts(document))).toHaveLength(1);
    addScript('var second = 2;');
    expect(inOneReading(document, () => inlineScripts(document))).toHaveLength(2);
  });
});

describe('a wall in the page text', () => {
  it('is found in the first lines, and not looked for past them', () => {
    const paragraph = (text: string) => Object.assign(document.createElement('p'), { textContent: text });
    document.body.append(paragraph('请拖动下方滑块完成验证'));
    const early = wallInDocument(document);
    document.body.replaceChildren(paragraph('x'.repeat(30_000)), paragraph('请拖动下方滑块完成验证'));
    expect(wallInDocument(document)).toBeNull();
    expect(early).toBe('captcha');
  });
});
