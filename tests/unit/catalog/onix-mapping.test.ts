// @vitest-environment node
/** How ONIX 3.0 elements become catalogue entry fields, for the cases the real samples do not hold. */
import { describe, expect, it } from 'vitest';
import { onixMessage, product, runOnix } from './onix-input';

async function entryOf(parts: Parameters<typeof product>[0]) {
  const { entries, summary } = await runOnix(onixMessage(product(parts)));
  expect(summary.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  return entries[0]!;
}

const identifier = (type: string, value: string) => `<ProductIdentifier><ProductIDType>${type}</ProductIDType><IDValue>${value}</IDValue></ProductIdentifier>`;
const titleDetail = (type: string, inner: string, attributes = '') =>
  `<TitleDetail${attributes}><TitleType>${type}</TitleType><TitleElement><TitleElementLevel>01</TitleElementLevel>${inner}</TitleElement></TitleDetail>`;

describe('ISBNs', () => {
  it('takes ISBN-13, GTIN-13 in 978/979 and converted ISBN-10, each once, ISBN-13 first', async () => {
    const ids = identifier('02', '0-306-40615-2') + identifier('03', '9791032300824') + identifier('03', '4006381333931') + identifier('01', '12345');
    const { entries, summary } = await runOnix(onixMessage(product({ isbn: '9780134685991' }).replace('</ProductIdentifier>', `</ProductIdentifier>${ids}`)));
    expect(summary.issues).toEqual([]);
    // 4006381333931 is a GTIN outside the ISBN ranges (a pencil), 01 is a proprietary id: both ignored.
    expect(entries[0]?.isbns).toEqual(['9780134685991', '9791032300824', '9780306406157']);
  });

  it('adds the ISBNs of other formats of the same work (List 51: 06, 13, 27), not of other relations', async () => {
    const related = (codes: string[], isbn: string) =>
      `<RelatedProduct>${codes.map((code) => `<ProductRelationCode>${code}</ProductRelationCode>`).join('')}${identifier('15', isbn)}</RelatedProduct>`;
    const after = `<RelatedMaterial>${related(['06'], '9780134686004')}${related(['13'], '9780306406157')}${related(['01', '27'], '9791032300824')}${related(['23'], '9780007232833')}</RelatedMaterial>`;
    expect((await entryOf({ isbn: '9780134685991', after })).isbns).toEqual(['9780134685991', '9780134686004', '9780306406157', '9791032300824']);
  });

  it("warns about a related product's bad ISBN and leaves it out, without failing the product", async () => {
    const after = `<RelatedMaterial><RelatedProduct><ProductRelationCode>06</ProductRelationCode>${identifier('15', '9780134686005')}</RelatedProduct></RelatedMaterial>`;
    const { summary, entries } = await runOnix(onixMessage(product({ after })));
    expect(summary.issues).toMatchObject([{ severity: 'warning', where: 'Product[1]/RelatedMaterial/RelatedProduct/ProductIdentifier', message: 'ISBN 9780134686005 fails its checksum (left out)' }]);
    expect(entries[0]?.isbns).toEqual(['9780306406157']);
  });

  it('uses the first ISBN as id when there is no RecordReference', async () => {
    const text = onixMessage(product({ isbn: '9780134685991' }).replace(/<RecordReference>.*<\/RecordReference>/, ''));
    expect((await runOnix(text)).entries[0]?.id).toBe('9780134685991');
  });
});

describe('titles', () => {
  it('joins TitlePrefix and TitleWithoutPrefix, and reads Subtitle', async () => {
    const descriptive = titleDetail('01', '<TitlePrefix>The</TitlePrefix><TitleWithoutPrefix>Art of\n      Computer Programming</TitleWithoutPrefix><Subtitle>Volume 1</Subtitle>');
    expect(await entryOf({ title: null, descriptive })).toMatchObject({ title: 'The Art of Computer Programming', subtitle: 'Volume 1' });
  });

  it('takes the product-level title element, not a collection-level one in the same TitleDetail', async () => {
    const descriptive =
      '<TitleDetail><TitleType>01</TitleType><TitleElement><TitleElementLevel>02</TitleElementLevel><TitleText>Series</TitleText></TitleElement>' +
      '<TitleElement><TitleElementLevel>01</TitleElementLevel><TitleText>Volume</TitleText></TitleElement></TitleDetail>';
    expect((await entryOf({ title: null, descriptive })).title).toBe('Volume');
  });

  it('keeps titles in other languages: TitleType 03 and 06, and any TitleDetail whose language differs', async () => {
    const descriptive = [
      titleDetail('03', '<TitleText language="eng">Fundamentals of Power Electronics</TitleText>'),
      titleDetail('01', '<TitleText>电力电子学基础</TitleText>', ' language="chi"'),
      titleDetail('06', '<TitleText>Grundlagen</TitleText>'),
      titleDetail('10', '<TitleText>FUNDAMENTALS POWER ELEC</TitleText>'), // a distributor's title: same language, left out
      '<Language><LanguageRole>01</LanguageRole><LanguageCode>eng</LanguageCode></Language>',
    ].join('');
    const entry = await entryOf({ title: 'Fundamentals of Power Electronics (3rd)', descriptive });
    expect(entry.otherTitles).toEqual([
      { language: 'en', title: 'Fundamentals of Power Electronics' },
      { language: 'zh', title: '电力电子学基础' },
      { language: 'und', title: 'Grundlagen' },
    ]);
  });
});

describe('contributors, edition, publisher, year, cover', () => {
  it('reads names in every form ONIX allows, and maps roles', async () => {
    const contributor = (role: string, name: string) => `<Contributor><ContributorRole>${role}</ContributorRole>${name}</Contributor>`;
    const descriptive = [
      contributor('A01', '<PersonName>Robert W. Erickson</PersonName><KeyNames>Erickson</KeyNames>'),
      contributor('B01', '<NamesBeforeKey>Ludwig</NamesBeforeKey><PrefixToKey>van</PrefixToKey><KeyNames>Beethoven</KeyNames>'),
      contributor('B06', '<NamesBeforeKey>Lois</NamesBeforeKey><KeyNames>Roth</KeyNames>'),
      contributor('A12', '<CorporateName>Studio Ghibli</CorporateName>'),
      '<Contributor><ContributorRole>Z99</ContributorRole><ContributorRole>B01</ContributorRole><PersonName>Two Roles</PersonName></Contributor>',
      '<Contributor><ContributorRole>A01</ContributorRole><UnnamedPersons>02</UnnamedPersons></Contributor>',
      contributor('A01', '<PersonName>Robert W. Erickson</PersonName>'),
      '<EditionNumber>3</EditionNumber>',
    ].join('');
    expect(await entryOf({ descriptive })).toMatchObject({
      contributors: [
        { name: 'Robert W. Erickson', role: 'author' },
        { name: 'Ludwig van Beethoven', role: 'editor' },
        { name: 'Lois Roth', role: 'translator' },
        { name: 'Studio Ghibli', role: 'other' },
        { name: 'Two Roles', role: 'editor' },
      ],
      edition: '3',
    });
    expect((await entryOf({ descriptive: '<EditionNumber>2</EditionNumber><EditionStatement>2nd ed. 2001</EditionStatement>' })).edition).toBe('2nd ed. 2001');
  });

  it('takes the publisher with PublishingRole 01, the imprint, and the year of PublishingDateRole 01', async () => {
    const after = [
      '<PublishingDetail><Imprint><ImprintName>Tor Teen</ImprintName></Imprint>',
      '<Publisher><PublishingRole>02</PublishingRole><PublisherName>Co-publisher</PublisherName></Publisher>',
      '<Publisher><PublishingRole>01</PublishingRole><PublisherName>Tor Books</PublisherName></Publisher>',
      '<PublishingDate><PublishingDateRole>11</PublishingDateRole><Date>1968</Date></PublishingDate>',
      '<PublishingDate><PublishingDateRole>01</PublishingDateRole><Date dateformat="01">201903</Date></PublishingDate></PublishingDetail>',
    ].join('\n');
    expect(await entryOf({ after })).toMatchObject({ publisher: 'Tor Books', imprint: 'Tor Teen', year: 2019 });
    const hijri = '<PublishingDetail><PublishingDate><PublishingDateRole>01</PublishingDateRole><Date dateformat="20">14400101</Date></PublishingDate></PublishingDetail>';
    expect((await entryOf({ after: hijri })).year).toBeNull();
  });

  it('takes the front cover link (ResourceContentType 01), skipping links that are not http(s)', async () => {
    const resource = (type: string, links: string[]) =>
      `<SupportingResource><ResourceContentType>${type}</ResourceContentType>${links.map((link) => `<ResourceVersion><ResourceLink>${link}</ResourceLink></ResourceVersion>`).join('')}</SupportingResource>`;
    const after = `<CollateralDetail>${resource('04', ['https://example.com/author.jpg'])}${resource('01', ['ftp://example.com/c.jpg', 'https://example.com/cover.jpg?a=1&amp;b=2'])}</CollateralDetail>`;
    expect((await entryOf({ after })).coverUrl).toBe('https://example.com/cover.jpg?a=1&b=2');
  });
});

describe('notification types', () => {
  it('skips a block update without its DescriptiveDetail with a warning, not an error', async () => {
    const text = onixMessage(product({ notification: '04' }).replace(/<DescriptiveDetail>[^]*<\/DescriptiveDetail>/, ''));
    const { summary } = await runOnix(text);
    expect(summary.issues).toMatchObject([{ severity: 'warning', message: 'a block update (NotificationType 04) without its DescriptiveDetail (RecordReference ref-1): skipped, import the full record' }]);
    expect(summary.entries).toBe(0);
  });
});
