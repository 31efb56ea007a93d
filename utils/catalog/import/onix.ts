/**
 * The ONIX 3.0 importer: the book trade's own feed, reference or short tags,
 * namespaced or not, streamed so a 500 MB feed needs the memory of one chunk and one <Product>.
 *
 *   bytes ─ xml-decode.ts ─▶ text ─ xml-stream.ts ─▶ tags ─ onix-tree.ts ─▶ <Product> trees
 *         ─ onix-product.ts ─▶ catalogue entries ─▶ sink, ~200 at a time, awaited
 *
 * The XML reader is our own (xml-*.ts, ~500 lines with the entity table) rather than sax (now
 * BlueOak-licensed) or saxes (ISC, pure JS, but one more dependency, xmlchars, for character classes
 * we do not need): ONIX needs a small, strict subset of XML; we need the line of every fault, HTML
 * entities read with a warning rather than an error, and slices we can keep out of the entries.
 *
 * Malformed XML (and a file that is not ONIX 3.0) stops the import at the first fault, as XML
 * requires; a faulty product is an error and reading goes on, so the user sees every bad record
 * at once. Once there is an error, nothing more goes to the sink unless the user chose to skip
 * invalid records: the store would only throw those entries away (utils/catalog/store.ts).
 */
import type { CatalogueEntry } from '../schema';
import { copyIssue, importIssue, issueText } from './issue-text';
import { readProduct } from './onix-product';
import { NotOnixError, OnixProductReader, type OnixNode } from './onix-tree';
import { maxIssues, type ImportInput, type ImportIssue, type ImportOptions, type ImportSummary } from './types';
import { decodeXml, XmlEncodingError } from './xml-decode';
import { htmlEntity } from './xml-entities';
import { XmlSyntaxError, XmlTokenizer } from './xml-stream';

const batchSize = 200;
const progressInterval = 250; // ms

export async function importOnix(input: ImportInput, options: ImportOptions): Promise<ImportSummary> {
  const summary: ImportSummary = { format: 'onix', records: 0, entries: 0, issues: [] };
  const issues = new IssueList(summary);
  const reader = new OnixProductReader();
  let htmlEntityWarned = false;
  const tokenizer = new XmlTokenizer(reader, {
    resolveEntity(name, line) {
      const value = htmlEntity(name);
      // One warning per file: feeds that use them use them everywhere.
      if (value !== undefined && !htmlEntityWarned) {
        htmlEntityWarned = true;
        issues.add(importIssue('warning', line, issueText('onixHtmlEntity', name, value)));
      }
      return value;
    },
  });
  /** Where each entry id was first seen, to flag a record that comes twice. */
  const firstSeen = new Map<string, number>();
  let batch: CatalogueEntry[] = [];
  const sinking = () => options.skipInvalidRecords === true || !issues.hasErrors;
  const flush = async () => {
    options.signal?.throwIfAborted();
    if (batch.length > 0 && sinking()) {
      await options.sink(batch);
      summary.entries += batch.length;
    }
    batch = [];
  };
  const read = (product: OnixNode) => {
    const path = `${product.tag}[${++summary.records}]`;
    const { entry, issues: found } = readProduct(product, path);
    found.forEach((issue) => issues.add(issue));
    if (!entry) return;
    const earlier = firstSeen.get(entry.id);
    if (earlier !== undefined) {
      // As in any ONIX feed, the later record of a product replaces the earlier (the store keys entries by id).
      issues.add(importIssue('warning', product.line, issueText('onixRecordAgain', entry.id, earlier), path));
    } else firstSeen.set(entry.id, product.line);
    if (sinking()) batch.push(entry);
  };

  let lastProgress = 0;
  let bytesSoFar = 0;
  let empty = true;
  try {
    for await (const { text, bytesRead } of decodeXml(input.stream)) {
      options.signal?.throwIfAborted();
      bytesSoFar = bytesRead;
      if (empty && text.trim() !== '') empty = false;
      try {
        tokenizer.feed(text);
      } finally {
        // Products finished before a fault still count (and still show their own errors).
        reader.take().forEach(read);
      }
      if (batch.length >= batchSize) await flush();
      if (options.onProgress && Date.now() - lastProgress >= progressInterval) {
        lastProgress = Date.now();
        options.onProgress(bytesRead);
      }
    }
    if (empty) throw new NotOnixError(1, issueText('fileEmpty'));
    try {
      tokenizer.end();
    } finally {
      reader.take().forEach(read);
    }
  } catch (error) {
    if (!issues.addFatal(error, tokenizer, reader, summary.records)) throw error;
  }
  if (summary.records === 0 && !issues.hasErrors) issues.add(importIssue('warning', tokenizer.lastLine, issueText('onixNoProduct')));
  await flush();
  options.onProgress?.(bytesSoFar);
  issues.finish();
  return summary;
}

/** The summary's issues, capped at `maxIssues` with a closing note on what was left out. */
class IssueList {
  hasErrors = false;
  private omitted = { errors: 0, warnings: 0, line: 0 };

  constructor(private readonly summary: ImportSummary) {}

  add(issue: ImportIssue): void {
    if (issue.severity === 'error') this.hasErrors = true;
    // Copied for the same reason as entries (onix-product.ts): its strings may be slices of a whole chunk.
    if (this.summary.issues.length < maxIssues) this.summary.issues.push(copyIssue(issue));
    else {
      this.omitted[issue.severity === 'error' ? 'errors' : 'warnings']++;
      this.omitted.line = issue.line;
    }
  }

  /** Records an error that stops the import; false when `error` is not about the file (a sink failure, an abort). */
  addFatal(error: unknown, tokenizer: XmlTokenizer, reader: OnixProductReader, records: number): boolean {
    if (error instanceof XmlEncodingError) {
      this.add(importIssue('error', tokenizer.lastLine + (error.textBefore.match(/\n/g)?.length ?? 0), error.text));
    } else if (error instanceof NotOnixError) {
      this.add(importIssue('error', error.line, error.text));
    } else if (error instanceof XmlSyntaxError) {
      const product = reader.unfinished;
      const where = product && `${product.tag}[${records + 1}]`;
      // The file ends inside a product: name the product, which is what the user will look for.
      const truncated = (error.text.code === 'xmlTruncated' || error.text.code === 'xmlTruncatedTag') && product;
      const text = truncated ? issueText('onixTruncatedProduct', product.tag, tokenizer.lastLine) : error.text;
      this.add(importIssue('error', truncated ? product.line : error.line, text, where));
    } else return false;
    return true;
  }

  finish(): void {
    const { errors, warnings, line } = this.omitted;
    if (errors + warnings === 0) return;
    this.summary.issues.push(importIssue(errors > 0 ? 'error' : 'warning', line, issueText('onixMoreNotListed', errors + warnings, errors, warnings, maxIssues)));
  }
}
