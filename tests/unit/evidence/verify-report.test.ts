/**
 * What the verifier shows a person: every character a terminal acts on or does not show, escaped
 * by one function (shown-text.ts); messages that quote bundle text only through it; and a report
 * whose every line, whatever the bundle holds, is fit for a screen, its verdict in its first word.
 */
import { describe, expect, it } from 'vitest';
import { escapeJson, escapeText, hiddenCharacters, plain, quoted, shown } from '@/utils/evidence/bundle/shown-text';
import type { BundleVerification } from '@/utils/evidence/bundle/verify';
import { exitCodes, reportJson, reportLines } from '@/utils/evidence/bundle/verify-report';

/** Controls, format characters (bidi, zero-width), separators: what no line of output may hold. */
const unshowable = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

describe('escapeText', () => {
  it.each([
    ['an escape sequence that erases the line and moves up', 'a\u001b[2K\u001b[1Ab', 'a\\u{1B}[2K\\u{1B}[1Ab'],
    ['a carriage return and a line feed', 'a\r\nb', 'a\\u{0D}\\u{0A}b'],
    ['a C1 control sequence introducer', 'a\u009b2Kb', 'a\\u{9B}2Kb'],
    ['DEL and NUL', 'a\u007f\u0000b', 'a\\u{7F}\\u{00}b'],
    ['a right-to-left override and its pop', 'invoice-\u202egnp\u202c.exe', 'invoice-\\u{202E}gnp\\u{202C}.exe'],
    ['bidi isolates', '\u2066\u2067\u2068x\u2069', '\\u{2066}\\u{2067}\\u{2068}x\\u{2069}'],
    ['zero-width characters and a byte order mark', 'a\u200b\u200c\u200d\u2060\ufeffb', 'a\\u{200B}\\u{200C}\\u{200D}\\u{2060}\\u{FEFF}b'],
    ['a soft hyphen, a Hangul filler and a variation selector', 'a\u00ad\u3164\ufe0fb', 'a\\u{AD}\\u{3164}\\u{FE0F}b'],
    ['line and paragraph separators', 'a\u2028\u2029b', 'a\\u{2028}\\u{2029}b'],
    ['spaces other than the plain one', 'a\u00a0\u2007\u3000 b', 'a\\u{A0}\\u{2007}\\u{3000} b'],
    ['a lone surrogate and a private-use character', 'a\ud800\ue000b', 'a\\u{D800}\\u{E000}b'],
    ['a tag character', 'a\u{e0041}b', 'a\\u{E0041}b'],
    ['a backslash, so that what is printed reads back one way', 'a\\u{1B}\\b', 'a\\\\u{1B}\\\\b'],
  ])('escapes %s', (_, text, escaped) => {
    expect(escapeText(text)).toBe(escaped);
    expect(unshowable.test(escapeText(text))).toBe(false);
  });

  it('leaves every script, accents and emoji as they are', () => {
    for (const text of ['证据/淘宝/截图 1.png', 'évidence/Ülysses — 初版.json', '📚/书.txt', 'مرحبا', 'items/000001-9b095755eacc/metadata.json']) {
      expect(escapeText(text)).toBe(text);
      expect(hiddenCharacters(text)).toEqual([]);
    }
  });

  it('lists each hidden character of a name once', () => {
    expect(hiddenCharacters('a\u202eb\u202ec\u001b')).toEqual(['\\u{202E}', '\\u{1B}']);
  });
});

describe('messages and JSON', () => {
  it('quote bundle text escaped, numbers and labels as they are', () => {
    const label = shown`item ${3} (${plain('9b09\u202e')})`;
    expect(shown`${label} names ${'a "b"\u001b'} at ${120}`.text).toBe('item 3 (9b09\\u{202E}) names "a \\"b\\"\\u{1B}" at 120');
    expect(quoted('x\\y')).toBe('"x\\\\y"');
  });

  it('give JSON the same values back, with nothing hidden left in its text', () => {
    const value = { file: 'items/\u001b[2K\u202egnp.exe\u200b\u2028', list: ['\ufeffmanifest.json', 'a\u{e0041}'] };
    const json = escapeJson(JSON.stringify(value, null, 2));
    expect(JSON.parse(json)).toEqual(value);
    expect(unshowable.test(json.replace(/\n/g, ''))).toBe(false);
  });
});

const verification = (overrides: Partial<BundleVerification>): BundleVerification => ({
  ok: true,
  verdict: 'signer-not-checked',
  failures: [],
  fingerprint: 'a'.repeat(64),
  signer: 'not-checked',
  summary: {
    createdAt: '2026-01-28T15:30:00.000Z',
    extensionVersion: '0.1.0\u001b[8m',
    case: { id: 'c', name: 'Erickson\u202e \u001b]0;title\u0007' },
    items: 3,
    deletedItems: 1,
    events: 6,
    files: 15,
    bytes: 15_825,
    headSequence: 10,
    headLink: 'b'.repeat(64),
  },
  ...overrides,
});

describe('the report', () => {
  it('gives each verdict its first word and exit code', () => {
    const first = (verdict: BundleVerification['verdict']) => reportLines('b.zip', verification({ verdict })).find((line) => !line.startsWith(' ') && !line.startsWith('Colophon'));
    expect(first('verified')).toMatch(/^OK: every file, digest and chain link checks out, and the signature is valid for key a{64}, a key you named\.$/);
    expect(first('signer-not-checked')).toMatch(/^SIGNER NOT CHECKED: .* valid for key a{64}; no key was named to check it against\.$/);
    expect(first('signer-not-trusted')).toMatch(/^SIGNER NOT TRUSTED: .* valid for key a{64}, which is not a key you named\.$/);
    expect(first('failed')).toBe('FAILED: 0 problems');
    expect(exitCodes).toEqual({ verified: 0, failed: 1, usage: 2, 'signer-not-checked': 3, 'signer-not-trusted': 4 });
  });

  it('shows every line of a hostile bundle’s report escaped, its findings with code and offset', () => {
    const failures = [{ code: 'hidden-characters' as const, file: 'items/\u001b[1A\rOK\u202e.png', entry: 15, offset: 28_654, message: shown`its name holds ${'\u001b'}`.text }];
    const lines = reportLines('bundle\u001b[2K.zip', verification({ ok: false, verdict: 'failed', failures }));
    expect(lines.filter((line) => unshowable.test(line))).toEqual([]);
    expect(lines).toContain('  exported 2026-01-28T15:30:00.000Z by Colophon 0.1.0\\u{1B}[8m, case "Erickson\\u{202E} \\u{1B}]0;title\\u{07}"');
    expect(lines.at(-1)).toBe('  items/\\u{1B}[1A\\u{0D}OK\\u{202E}.png: its name holds "\\u{1B}" (hidden-characters, at byte 28654)');
    expect(unshowable.test(reportJson(verification({ failures })).replace(/\n/g, ''))).toBe(false);
  });
});
