// @vitest-environment node
/** The streaming XML tokeniser on its own: the same events however the text is cut, and faults with their lines. */
import { describe, expect, it } from 'vitest';
import { XmlTokenizer, type XmlAttributes } from '@/utils/catalog/import/xml-stream';

/** The events of `chunks`, with adjacent text joined (text may arrive in pieces). */
function events(chunks: string[], resolveEntity?: (name: string) => string | undefined): string[] {
  const out: string[] = [];
  const text = (value: string) => {
    if (out.at(-1)?.startsWith('text ')) out[out.length - 1] += value;
    else out.push(`text ${value}`);
  };
  const tokenizer = new XmlTokenizer(
    {
      open: (name: string, attributes: XmlAttributes, line: number) => out.push(`open ${name} ${JSON.stringify(attributes)} @${line}`),
      close: (name: string, line: number) => out.push(`close ${name} @${line}`),
      text,
    },
    { resolveEntity },
  );
  chunks.forEach((chunk) => tokenizer.feed(chunk));
  tokenizer.end();
  return out;
}

function fault(xml: string): { line: number; message: string } {
  try {
    events([xml]);
  } catch (error) {
    const { line, message } = error as { line: number; message: string };
    return { line, message };
  }
  throw new Error('no fault');
}

const document = [
  '<?xml version="1.0" encoding="UTF-8"?>\r\n',
  '<!DOCTYPE r [ <!ENTITY e "x"> ]>\n',
  '<r a="1 > 0" b=\'it&apos;s\'>\r\n',
  '  <t>Tom &amp; Jerry &#x4E2D;&#25991; <![CDATA[<raw> & ]]></t><empty  />\n',
  '  <!-- a comment -- with > in it --><?pi x?>\n',
  '  <n:p xmlns:n="urn:x">é\r\nline</n:p>\n',
  '</r>\n',
].join('');

describe('XmlTokenizer', () => {
  const whole = events([document]);

  it('reads tags, attributes, entities, CDATA, comments and lines', () => {
    expect(whole.filter((event) => !/^text\s+$/.test(event))).toEqual([
      'open r {"a":"1 > 0","b":"it\'s"} @3',
      'open t {} @4',
      'text Tom & Jerry 中文 <raw> & ',
      'close t @4',
      'open empty {} @4',
      'close empty @4',
      'open n:p {"xmlns:n":"urn:x"} @6',
      'text é\nline',
      'close n:p @7',
      'close r @8',
    ]);
  });

  it('gives the same events for every place the text can be cut', () => {
    for (let cut = 1; cut < document.length; cut++) {
      expect(events([document.slice(0, cut), document.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
    expect(events([...document])).toEqual(whole);
  });

  it('asks the caller about named entities beyond the five of XML', () => {
    expect(events(['<r>&eacute;</r>'], (name) => (name === 'eacute' ? 'é' : undefined))).toContain('text é');
    expect(() => events(['<r>&eacute;</r>'])).toThrow('unknown entity &eacute;');
  });

  it.each([
    ['<r>\n<a>\n</b>\n</r>', 3, '</b> where </a> was expected (mismatched tags: <a> opened on line 2)'],
    ['<r>\n</r>\n</r>', 3, '</r> closes nothing'],
    ['<r>\n<a x="1" x="2"/></r>', 2, '<a> has the attribute x twice'],
    ['<r>\n<a x=1/></r>', 2, 'malformed start tag "<a x=1/></r>"'],
    ['<r>\n<a\n', 2, 'the file ends inside a tag: "<a" (truncated XML)'],
    ['<r>\n<a>\ntext', 2, 'the file ends inside <a> (truncated XML)'],
    ['<r><!-- never closed', 1, 'the file ends inside a tag: "<!-- never closed" (truncated XML)'],
    ['<r>&#0;</r>', 1, '&#0; is not a character XML allows'],
    ['<r>\n\n x &amp y</r>', 3, 'a "&" that starts no entity: "&amp y" (write &amp; for a literal "&")'],
    ['  \n', 2, 'the file has no root element'],
    ['<r/><r/>', 1, 'a second root element <r>: content after the end of the document'],
    ['<r><!ELEMENT x></r>', 1, 'unexpected markup "<!ELEMENT x></r>"'],
  ])('rejects %j at line %i', (xml, line, message) => {
    expect(fault(xml)).toEqual({ line, message });
  });
});
