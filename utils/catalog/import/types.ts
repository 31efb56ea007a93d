/**
 * The contract every catalogue importer (CSV, ONIX, JSON) keeps. Files can be large (a 500 MB
 * ONIX feed), so importers stream: they read bytes as they come and hand entries over in batches
 * to a sink, which stages them. Nothing becomes visible unless the whole file imported without an
 * error: the caller commits the staged entries only then (utils/catalog/store.ts).
 */
import type { CatalogueEntry, catalogueFormats } from '../schema';
import type { ImportIssueCode } from './issue-codes';
import type { IssueParam, IssueText } from './issue-text';

export type CatalogueFormat = (typeof catalogueFormats)[number];

export interface ImportInput {
  /** The file's bytes, exactly as stored (importers detect BOMs and encodings themselves). */
  stream: ReadableStream<Uint8Array>;
  /** Total bytes when known, for progress. */
  size?: number;
  fileName: string;
}

export interface ImportOptions {
  /** Receives entries in file order, a few hundred at a time. May be slow (it writes to IndexedDB). */
  sink: (entries: CatalogueEntry[]) => Promise<void>;
  /** Bytes read so far, at most a few times a second. */
  onProgress?: (bytesRead: number) => void;
  /** Stop early (the user cancelled). The importer then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Leave out the records in error and import the rest: a choice the user makes after seeing the
   * errors, never the default. The left-out records stay listed as errors in the summary.
   */
  skipInvalidRecords?: boolean;
}

/** One problem found in a file, located so the user can fix it. */
export interface ImportIssue {
  severity: 'error' | 'warning';
  /** 1-based line in the file; for XML, the line where the element starts. */
  line: number;
  /** CSV column name (or number when there is no header), or the XML element path. */
  where?: string;
  /** In English: the command line prints it, and it is the issue's text wherever no code is set. */
  message: string;
  /**
   * What `message` says, for the user's language (`importIssue_<code>` in public/_locales), and
   * its parameters. The importers set these (issue-text.ts, importIssue).
   */
  readonly code?: ImportIssueCode;
  readonly params?: readonly IssueParam[];
  /** `where` when Colophon named the place itself ("column 3") rather than quoting the file. */
  readonly place?: IssueText;
  /** CSV: how many more rows had this same warning ("(and 9 413 more rows like this)" in `message`). */
  readonly repeats?: number;
}

export interface ImportSummary {
  format: CatalogueFormat;
  /** Records read (CSV rows after the header, ONIX products, JSON entries). */
  records: number;
  /** Entries handed to the sink. */
  entries: number;
  /** Every error and warning, in file order; capped at `maxIssues` with a final note. */
  issues: ImportIssue[];
}

/** Past this many, a file is clearly the wrong file: later issues are counted, not listed. */
export const maxIssues = 1000;

/** "line 1 204, Print ISBN: ISBN 978-0-306-48048-4 fails its checksum" */
export function describeIssue(issue: ImportIssue): string {
  const line = String(issue.line).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `line ${line}${issue.where ? `, ${issue.where}` : ''}: ${issue.message}`;
}

export function hasErrors(summary: ImportSummary): boolean {
  return summary.issues.some((issue) => issue.severity === 'error');
}
