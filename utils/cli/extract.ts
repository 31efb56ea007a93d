/**
 * `npm run -s extract -- <url> <file.html> [--charset <label>]`: prints what Colophon recognises
 * on a saved page, as JSON, for writing and debugging site adapters on newly saved pages. The file
 * is decoded as a browser decodes the page (see decodeSavedPage); `--charset` stands for the
 * Content-Type header the page was served with, which overrides the page's own `<meta charset>`.
 * The fixtures under tests/fixtures/ are stored as UTF-8 whatever their `<meta>` says (the tests
 * serve them with a UTF-8 header), so read those with `--charset utf-8`.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { recognisePage } from '../sites';
import { decodeSavedPage, encodingOf, savedPage } from './saved-page';

const usage = 'usage: npm run -s extract -- <url the page was saved from> <file.html> [--charset <the charset it was served with>]';

function commandLine(): { url: string; file: string; charset: string | undefined } {
  try {
    const { values, positionals } = parseArgs({ options: { charset: { type: 'string' } }, allowPositionals: true });
    const [url, file, ...rest] = positionals;
    if (url && file && rest.length === 0) return { url, file, charset: values.charset };
  } catch {
    // An unknown option: the usage below says what is known.
  }
  console.error(usage);
  process.exit(2);
}

const { url, file, charset } = commandLine();
if (charset !== undefined && !encodingOf(charset)) {
  console.error(`extract: no browser knows the charset ${JSON.stringify(charset)}`);
  process.exit(2);
}
const page = savedPage(decodeSavedPage(await readFile(file), charset), url);
const recognition = recognisePage(url, page.document);
console.log(JSON.stringify(recognition ?? { kind: null, listings: [] }, null, 2));
await page.close();
