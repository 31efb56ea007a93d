/**
 * The UI text catalogues in public/_locales: every locale has every key and placeholder, no
 * message is empty, and every key the code asks for, literally or through a template, exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { marketplaces, pageKinds, WallReason } from '@/utils/sites/types';

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Catalogue = Record<string, Entry>;

const root = join(import.meta.dirname, '../..');
const localesDir = join(root, 'public/_locales');
const catalogue = (locale: string): Catalogue => JSON.parse(readFileSync(join(localesDir, locale, 'messages.json'), 'utf8'));
const locales = readdirSync(localesDir);
const en = catalogue('en');

/** `$NAME$` references in a message, upper-cased as the browsers compare them. */
const references = (message: string) => [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toUpperCase()).sort();
const placeholderNames = (entry: Entry) => Object.keys(entry.placeholders ?? {}).map((name) => name.toUpperCase()).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}
const sources = ['entrypoints', 'components', 'utils'].flatMap((dir) => sourceFiles(join(root, dir)));
const text = (path: string) => readFileSync(path, 'utf8');

describe('the locales', () => {
  it('are English and Simplified Chinese', () => {
    expect(locales.sort()).toEqual(['en', 'zh_CN']);
  });

  it.each(locales.filter((locale) => locale !== 'en'))('%s has exactly the keys of en', (locale) => {
    expect(Object.keys(catalogue(locale)).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(locales)('%s has no empty message', (locale) => {
    const empty = Object.entries(catalogue(locale)).filter(([, entry]) => typeof entry.message !== 'string' || entry.message.trim() === '');
    expect(empty.map(([key]) => key)).toEqual([]);
  });

  it.each(locales)('%s declares every placeholder its messages use, and uses every one it declares', (locale) => {
    for (const [key, entry] of Object.entries(catalogue(locale))) {
      expect([key, references(entry.message)]).toEqual([key, placeholderNames(entry)]);
    }
  });

  it.each(locales.filter((locale) => locale !== 'en'))('%s has every placeholder of en, with the same content', (locale) => {
    const translated = catalogue(locale);
    for (const [key, entry] of Object.entries(en)) {
      expect([key, references(translated[key]!.message)]).toEqual([key, references(entry.message)]);
      for (const [name, placeholder] of Object.entries(entry.placeholders ?? {})) {
        expect([key, name, translated[key]!.placeholders?.[name]?.content]).toEqual([key, name, placeholder.content]);
      }
    }
  });

  it('has keys Chrome accepts (ASCII letters, digits, underscores)', () => {
    expect(Object.keys(en).filter((key) => !/^[A-Za-z0-9_]+$/.test(key))).toEqual([]);
  });
});

describe('every key the code uses', () => {
  const literalKeys = sources.flatMap((path) => [...text(path).matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => ({ key: m[1]!, file: relative(root, path) })));
  const templateKeys = sources.flatMap((path) => [...text(path).matchAll(/\bt\(\s*`([^`]*)`/g)].map((m) => ({ template: m[1]!, file: relative(root, path) })));

  it('is found in the source (the scan works)', () => {
    expect(literalKeys.map(({ key }) => key)).toContain('extName');
    expect(templateKeys.map(({ template }) => template)).toContain('pageKind_${kind}');
  });

  it.each(literalKeys)('t($key) in $file exists in en', ({ key }) => {
    expect(en).toHaveProperty([key]);
  });

  // Template keys are built from the enumerations in utils/sites/types.ts: each member needs a message.
  const families: Record<string, readonly string[]> = {
    marketplace_: marketplaces,
    pageKind_: pageKinds,
    wall_: WallReason.options,
  };

  it.each(templateKeys)('the template t(`$template`) in $file is a known family', ({ template }) => {
    expect(template).toMatch(/^[A-Za-z]+_\$\{\w+\}$/);
    expect(Object.keys(families)).toContain(template.slice(0, template.indexOf('$')));
  });

  it.each(Object.entries(families))('every member of the %s family has a message', (prefix, members) => {
    for (const member of members) expect(en).toHaveProperty([`${prefix}${member}`]);
  });

  it('includes the __MSG_…__ keys of the manifest', () => {
    const keys = [...text(join(root, 'wxt.config.ts')).matchAll(/__MSG_(\w+?)__/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(en).toHaveProperty([key]);
  });
});
