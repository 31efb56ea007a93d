/**
 * Hostile bundles that attack the evidence and the names: a byte flipped, a file deleted, added,
 * renamed or moved, the manifest, its signature or its key replaced, duplicate and case-colliding
 * names, names that would extract outside the target folder, and names made to repaint a terminal
 * or to read backwards. Each is a well-formed archive written as Colophon writes one, so only the
 * checks of names, manifest and signature can refuse it.
 */
import { generateInstallationKey, publicKeyJwk, signDigest } from '@/utils/protocol/signing';
import { flipByte, replaceEntry, resign, rewriteBundle } from './bundle-helpers';
import type { HostileCase } from './hostile-bundle-base';
import { assemble, editing } from './hostile-bundle-helpers';
import { utf8 } from './zip-helpers';

const added = (name: string): HostileCase => ({
  name: `an added file named ${JSON.stringify(name)}`,
  make: ({ entries, screenshot }) => assemble(editing(entries, screenshot, (entry) => [entry, { name, data: utf8('planted') }])),
  expected: () => [{ code: 'unsafe-name', file: name }, { code: 'unlisted-file', file: name }],
});

const hiddenName = (what: string, name: string, unsafe: boolean): HostileCase => ({
  name: `a name with ${what}`,
  make: ({ entries, screenshot }) => assemble(editing(entries, screenshot, (entry) => [entry, { name, data: utf8('planted') }])),
  expected: () => [...(unsafe ? [{ code: 'unsafe-name' as const, file: name }] : []), { code: 'hidden-characters', file: name }, { code: 'unlisted-file', file: name }],
});

/** The bundle rebuilt with the text of `name` edited. */
const rewriteText = (bundle: Uint8Array, name: string, edit: (text: string) => string) =>
  rewriteBundle(bundle, (entries) => replaceEntry(entries, name, utf8(edit(new TextDecoder().decode(entries.find((entry) => entry.name === name)!.data)))));

const fakeOk = 'OK: every file, digest and chain link checks out, and the signature is valid.';

export const fileCases: HostileCase[] = [
  {
    name: 'an artifact with a byte flipped in place, its CRC-32 left stale',
    make: ({ bundle, at, screenshot }) => flipByte(bundle, at(screenshot).dataOffset + 20),
    expected: ({ screenshot }) => [{ code: 'content-changed', file: screenshot }],
  },
  {
    name: 'an artifact with a byte flipped, the archive rebuilt with right CRCs',
    make: ({ bundle, screenshot }) => rewriteBundle(bundle, (entries) => replaceEntry(entries, screenshot, flipByte(entries.find((entry) => entry.name === screenshot)!.data, 20))),
    expected: ({ screenshot }) => [{ code: 'content-changed', file: screenshot }],
  },
  {
    name: 'a file deleted',
    make: ({ bundle, screenshot }) => rewriteBundle(bundle, (entries) => entries.filter((entry) => entry.name !== screenshot)),
    expected: ({ screenshot }) => [{ code: 'missing-file', file: screenshot }],
  },
  {
    name: 'a file added',
    make: ({ bundle }) => rewriteBundle(bundle, (entries) => [...entries.slice(0, 3), { name: 'items/extra.png', data: utf8('not evidence') }, ...entries.slice(3)]),
    expected: () => [{ code: 'unlisted-file', file: 'items/extra.png' }],
  },
  {
    name: 'a file renamed',
    make: ({ bundle, screenshot }) => rewriteBundle(bundle, (entries) => entries.map((entry) => (entry.name === screenshot ? { ...entry, name: `${screenshot}.bak` } : entry))),
    expected: ({ screenshot }) => [{ code: 'renamed-file', file: `${screenshot}.bak` }, { code: 'renamed-file', file: screenshot }],
  },
  {
    name: 'two files swapped in the archive',
    make: ({ bundle, screenshot }) =>
      rewriteBundle(bundle, (entries) => {
        const swapped = [...entries];
        const at = swapped.findIndex((entry) => entry.name === screenshot);
        [swapped[at], swapped[at + 1]] = [swapped[at + 1]!, swapped[at]!];
        return swapped;
      }),
    expected: ({ screenshot, afterScreenshot }) => [{ code: 'out-of-order', file: afterScreenshot }, { code: 'out-of-order', file: screenshot }],
  },
  {
    name: 'manifest.json edited',
    make: ({ bundle, manifest }) =>
      rewriteBundle(bundle, (entries) => {
        const text = new TextDecoder().decode(entries.find((entry) => entry.name === 'manifest.json')!.data);
        return replaceEntry(entries, 'manifest.json', utf8(text.replace(manifest.createdAt, '2020-01-01T00:00:00.000Z')));
      }),
    expected: () => [{ code: 'manifest-changed', file: 'manifest.json' }, { code: 'signature-invalid', file: 'manifest.sig' }],
  },
  {
    name: 'manifest.json edited and re-signed by another key',
    make: async ({ bundle }) => resign(bundle, await generateInstallationKey(), (manifest) => void (manifest.createdAt = '2020-01-01T00:00:00.000Z')),
    expected: () => [{ code: 'signature-invalid', file: 'manifest.sig' }],
  },
  {
    name: 'the whole bundle re-signed by another key, checked against the real signer’s',
    make: async ({ bundle }) => resign(bundle, await generateInstallationKey(), () => undefined, true),
    expected: () => [{ code: 'signer-not-trusted', file: 'public-key.jwk.json' }],
    trustRealSigner: true,
  },
  {
    name: 'manifest.sig replaced by a signature of something else',
    make: async ({ bundle, manifest, store }) => {
      const signature = await signDigest(store.keyPair.privateKey, manifest.chain.recordDigests[0]!);
      return rewriteBundle(bundle, (entries) => replaceEntry(entries, 'manifest.sig', utf8(`${signature}\n`)));
    },
    expected: () => [{ code: 'signature-invalid', file: 'manifest.sig' }],
  },
  ...[
    ['a byte order mark before it', (text: string) => `\ufeff${text}`],
    ['its line feed left out', (text: string) => text.slice(0, -1)],
    ['a comment after it', (text: string) => `${text}# checked\n`],
  ].flatMap(([what, edit]): HostileCase[] => [
    {
      name: `manifest.sha256 with ${what as string}`,
      make: ({ bundle }) => rewriteText(bundle, 'manifest.sha256', edit as (text: string) => string),
      expected: () => [{ code: 'digest-invalid', file: 'manifest.sha256' }],
    },
    {
      name: `manifest.sig with ${what as string}`,
      make: ({ bundle }) => rewriteText(bundle, 'manifest.sig', edit as (text: string) => string),
      expected: () => [{ code: 'signature-invalid', file: 'manifest.sig' }],
    },
  ]),
  {
    name: 'manifest.sig deleted',
    make: ({ bundle }) => rewriteBundle(bundle, (entries) => entries.filter((entry) => entry.name !== 'manifest.sig')),
    expected: () => [{ code: 'signature-missing', file: 'manifest.sig' }],
  },
  {
    name: 'public-key.jwk.json replaced by another key',
    make: async ({ bundle }) => {
      const other = await publicKeyJwk((await generateInstallationKey()).publicKey);
      return rewriteBundle(bundle, (entries) => replaceEntry(entries, 'public-key.jwk.json', utf8(`${JSON.stringify(other, null, 2)}\n`)));
    },
    expected: () => [{ code: 'key-not-signer', file: 'public-key.jwk.json' }, { code: 'content-changed', file: 'public-key.jwk.json' }],
  },
  {
    name: 'manifest.json that is not JSON',
    make: ({ bundle }) => rewriteBundle(bundle, (entries) => replaceEntry(entries, 'manifest.json', utf8('{"format": "colophon-evidence-bundle",'))),
    expected: () => [{ code: 'manifest-invalid', file: 'manifest.json' }],
  },
  {
    name: 'a second entry under an artifact’s name',
    make: ({ entries, screenshot }) => assemble(editing(entries, screenshot, (entry) => [entry, { name: screenshot, data: utf8('the other picture') }])),
    expected: ({ screenshot }) => [{ code: 'duplicate-name', file: screenshot }],
  },
  {
    name: 'an entry whose name differs from an artifact’s only in case',
    make: ({ entries, screenshot }) => assemble(editing(entries, screenshot, (entry) => [entry, { name: screenshot.toUpperCase(), data: utf8('the other picture') }])),
    expected: ({ screenshot }) => [{ code: 'duplicate-name', file: screenshot.toUpperCase() }],
  },
  {
    name: 'two entries whose names differ only in Unicode normalisation',
    make: ({ entries, screenshot }) => assemble(editing(entries, screenshot, (entry) => [entry, { name: 'items/caf\u00e9.txt', data: utf8('1') }, { name: 'items/cafe\u0301.txt', data: utf8('2') }])),
    expected: () => [{ code: 'duplicate-name', file: 'items/cafe\u0301.txt' }],
  },
  added('../escape.png'),
  added('items/../../escape.png'),
  added('/etc/cron.d/colophon'),
  added('C:/Windows/System32/evidence.png'),
  added('C:evidence.png'),
  added('items\\..\\..\\escape.png'),
  added('\\\\server\\share\\evidence.png'),
  hiddenName('an ANSI sequence that erases the line and prints OK', `items/a.png\u001b[2K\u001b[1A\r${fakeOk}`, true),
  hiddenName('an ANSI sequence that conceals what follows', 'items/\u001b[8mhidden.png', true),
  hiddenName('a C1 control sequence introducer', 'items/\u009b2Khidden.png', false),
  hiddenName('a right-to-left override', 'items/000001-invoice-\u202egnp.exe', false),
  hiddenName('a left-to-right embedding and a pop', 'items/\u202areport\u202c.png', false),
  hiddenName('bidi isolates', 'items/\u2066\u2067\u2068shot\u2069.png', false),
  hiddenName('a zero-width space', 'items/visible\u200b-screenshot.png', false),
  hiddenName('a byte order mark', '\ufeffmanifest.json', false),
  hiddenName('a line separator', 'items/a\u2028b.png', false),
];
