// @vitest-environment node
/**
 * The ONIX 3.0 importer on the real samples in ../shared/data/onix (SOURCES.md, "ONIX samples"):
 * counts, and entries checked field by field against what the XML says (line numbers in comments).
 */
import { describe, expect, it } from 'vitest';
import { lineOf, macmillan, onixSample, runOnix } from './onix-input';

const roseanna = {
  version: 1,
  id: 'com.globalbookinfo.onix.01734529',
  // ProductIDType 03 and 15 both say 9780007232833; RelatedProduct codes 06 + 27 name the e-book.
  isbns: ['9780007232833', '9780007324378'],
  title: 'Roseanna',
  subtitle: null,
  otherTitles: [],
  contributors: [
    { name: 'Maj Sjöwall', role: 'author' },
    { name: 'Per Wahlöö', role: 'author' },
    { name: 'Lois Roth', role: 'translator' },
    { name: 'Henning Mankell', role: 'other' }, // A24, introduction by
  ],
  edition: null, // <NoEdition/>
  publisher: 'HarperCollins Publishers',
  imprint: 'HarperPerennial',
  year: 2006, // PublishingDateRole 01: 20060807 (not 11 or 20: 1968, 1965)
  coverUrl: 'http://www.harpercollins.co.uk/covers/9780007232833.jpg',
};

describe('the EDITEUR sample, reference and short tags', () => {
  it('reads the one product of the reference-tag sample', async () => {
    const { summary, entries } = await runOnix(onixSample('onix3-editeur-sample-reference-tags.xml'));
    expect(summary).toEqual({ format: 'onix', records: 1, entries: 1, issues: [] });
    // Not "The Martin Beck series" (a Collection title), nor "ROSEANNA (MARTIN BECK #1)" (TitleType 10).
    expect(entries).toEqual([roseanna]);
  });

  it('gives the same entry from the short-tag sample (<ONIXmessage>, <b244> …)', async () => {
    const reference = await runOnix(onixSample('onix3-editeur-sample-reference-tags.xml'));
    const short = await runOnix(onixSample('onix3-editeur-sample-short-tags.xml'));
    expect(short.summary).toEqual(reference.summary);
    expect(short.entries).toEqual(reference.entries);
  });

  it.each([1, 7, 4096])('reads the same whatever the chunk size (%i bytes: tags, entities and UTF-8 split across chunks)', async (chunkSize) => {
    const { entries } = await runOnix(onixSample('onix3-editeur-sample-short-tags.xml'), { chunkSize });
    expect(entries).toEqual([roseanna]);
  });

  it('reads a namespace prefix (<onix:Product>) as well as a default namespace', async () => {
    const text = onixSample('onix3-editeur-sample-reference-tags.xml')
      .toString('utf8')
      .replace(/<(\/?)([A-Za-z])/g, '<$1onix:$2')
      .replace('xmlns=', 'xmlns:onix=');
    const { summary, entries } = await runOnix(text);
    expect(summary.issues).toEqual([]);
    expect(entries).toEqual([roseanna]);
  });
});

describe('the Macmillan Australia feed (21 products, declared iso-8859-1)', () => {
  it('imports all 21 products; the record that comes twice is flagged', async () => {
    const { summary, entries } = await runOnix(onixSample('onix3-macmillan-au-21products.xml'));
    expect(summary.records).toBe(21);
    expect(summary.entries).toBe(21);
    // Products 14 and 16 are both RecordReference 9781760554712 (Cricket Outlaws).
    const xml = macmillan();
    const first = xml.indexOf('<RecordReference>9781760554712');
    const again = xml.indexOf('<RecordReference>9781760554712', first + 1);
    const productLine = (at: number) => lineOf(xml, '<Product>', xml.lastIndexOf('<Product>', at));
    expect(summary.issues).toMatchObject([
      { severity: 'warning', line: productLine(again), where: 'Product[16]', message: `the record 9781760554712 comes again (first on line ${productLine(first)}): this later one replaces it` },
    ]);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(20);
    expect(entries.every((entry) => entry.isbns.length === 1 && entry.isbns[0] === entry.id)).toBe(true);
  });

  it('maps the first product: ISBN-10/GTIN/ISBN-13 as one ISBN, &#39; decoded, no cover', async () => {
    const { entries } = await runOnix(onixSample('onix3-macmillan-au-21products.xml'));
    expect(entries[0]).toEqual({
      version: 1,
      id: '9781509854172',
      isbns: ['9781509854172'], // types 02 (1509854177), 03 and 15 are the same book
      title: '147 Things',
      subtitle: "My user's guide to the universe, from black holes to belly buttons",
      otherTitles: [],
      contributors: [{ name: 'Jim Chapman', role: 'author' }],
      edition: null,
      publisher: 'Pan Macmillan UK',
      imprint: 'Pan',
      year: 2019,
      coverUrl: null, // the product has no CollateralDetail
    });
  });

  it('spot-checks prefixes, roles, imprints, years and covers', async () => {
    const { entries } = await runOnix(onixSample('onix3-macmillan-au-21products.xml'));
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    expect(byId.get('9781509851775')).toMatchObject({
      title: 'Runaway Robot',
      contributors: [
        { name: 'Frank Cottrell Boyce', role: 'author' },
        { name: 'Steven Lenton', role: 'other' }, // A12, illustrated by
      ],
      imprint: "Macmillan Children's Books",
      coverUrl: 'https://www.biblioimages.com/macmillanaus/getimage.aspx?class=books&assetversionid=473567&cat=default&size=large&id=35058',
    });
    expect(byId.get('9780330520331')).toMatchObject({ title: 'The Forgotten: A John Puller Novel 2', publisher: 'Pan Macmillan UK', imprint: 'Macmillan', year: 2013 });
    expect(byId.get('9781743537503')).toMatchObject({
      title: 'The 26-Storey Treehouse',
      subtitle: 'Treehouse Trivia',
      contributors: [
        { name: 'Terry Denton', role: 'other' },
        { name: 'Andy Griffiths', role: 'author' },
        { name: 'Terry Denton', role: 'author' },
      ],
      publisher: 'Pan Macmillan Australia',
      imprint: 'Pan Australia',
      year: 2015,
    });
    // Only an author photo (ResourceContentType 04): no cover.
    expect(byId.get('9780330302630')).toMatchObject({ title: 'Rage: A Courtney Novel 6', coverUrl: null, year: 1998 });
    expect(byId.get('9781760554712')?.subtitle).toBe('Inside Kerry Packer\u2019s World Series Revolution'); // &#8217;
    expect(byId.get('9781447231622')?.contributors).toEqual([{ name: 'Velvet', role: 'author' }]);
    expect(byId.get('9780765380555')).toMatchObject({ title: 'Vassa in the Night', subtitle: 'A Novel', publisher: 'Tor Books', imprint: 'Tor Teen', isbns: ['9780765380555'] });
  });

  it('hands entries over in file order, and reports progress in bytes', async () => {
    const bytes = onixSample('onix3-macmillan-au-21products.xml');
    const progress: number[] = [];
    const { entries } = await runOnix(bytes, { chunkSize: 4096, onProgress: (read) => progress.push(read) });
    expect(entries.map((entry) => entry.id).slice(0, 3)).toEqual(['9781509854172', '9781509851775', '9781509886036']);
    expect(entries.at(-1)?.title).toBe('The Gruffalo and Friends Activity Case');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((read) => read > 0 && read <= bytes.length)).toBe(true);
  });
});
