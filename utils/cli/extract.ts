/**
 * `npm run -s extract -- <url> <file.html>`: prints what Colophon recognises on a saved page, as
 * JSON, for writing and debugging site adapters on newly saved pages.
 */
import { readFile } from 'node:fs/promises';
import { recognisePage } from '../sites';
import { savedPage } from './saved-page';

const [url, file] = process.argv.slice(2);
if (!url || !file) {
  console.error('usage: npm run -s extract -- <url the page was saved from> <file.html>');
  process.exit(2);
}
const page = savedPage(await readFile(file, 'utf8'), url);
const recognition = recognisePage(url, page.document);
console.log(JSON.stringify(recognition ?? { kind: null, listings: [] }, null, 2));
await page.close();
