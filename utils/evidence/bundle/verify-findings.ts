/**
 * What the verifier finds wrong with a bundle: one finding per problem, each with a code saying
 * what kind of problem it is, the file it concerns, and where in the archive it lies when that is
 * known, so a report can be read by a person and sorted or counted by a program alike.
 */
import type { ZipFormatReason } from './zip-errors';
import type { ZipProblemKind } from './zip-reader';
import type { ShownText } from './shown-text';

/** The archive cannot be read as a ZIP at all (./zip-errors.ts says what each reason means). */
type ArchiveCode = ZipFormatReason;

/** One entry is damaged as a ZIP entry (./zip-directory.ts), or its name would mislead a reader. */
type EntryCode = ZipProblemKind | 'hidden-characters';

/**
 * The archive is readable but not laid out byte for byte as Colophon's writer lays it out
 * (./zip-writer.ts, ./zip-records.ts), so it may hold bytes that no check here covers:
 * - `prefix`, `gap`: bytes before the first entry or between entries that no directory entry covers;
 * - `directory-order`: the directory lists entries in another order than their bytes come in;
 * - `record-form`: a local or central header other than the writer's for the same entry;
 * - `data-descriptor`: a data descriptor missing, or other than the central directory's values;
 * - `end-record`: end records other than the writer's, or contradicting each other;
 * - `trailing-bytes`: a comment or other bytes after the end record.
 */
type LayoutCode = 'prefix' | 'gap' | 'directory-order' | 'record-form' | 'data-descriptor' | 'trailing-bytes';

/** manifest.json, manifest.sha256, manifest.sig and public-key.jwk.json, and whose key signed. */
type SignatureCode =
  | 'manifest-missing'
  | 'manifest-invalid'
  | 'manifest-changed'
  | 'digest-missing'
  | 'digest-invalid'
  | 'key-missing'
  | 'key-invalid'
  | 'key-not-signer'
  | 'signature-missing'
  | 'signature-invalid'
  | 'signer-not-trusted';

/** The archive's files against the manifest's list (./verify-files.ts). */
type FileCode = 'unlisted-file' | 'missing-file' | 'renamed-file' | 'out-of-order' | 'listed-twice' | 'size-changed' | 'content-changed' | 'crc-mismatch' | 'unreadable-file';

/** The records against their content and the chain (./verify-items.ts). */
type RecordCode = 'chain-broken' | 'record-changed' | 'record-misplaced' | 'metadata-invalid' | 'artifact-mismatch';

export type FindingCode = ArchiveCode | EntryCode | LayoutCode | SignatureCode | FileCode | RecordCode;

export interface BundleFinding {
  code: FindingCode;
  /** The file at fault, as the archive or the manifest names it; null for the archive as a whole. */
  file: string | null;
  /** The entry's place in the central directory, from 0, when the finding is about an archive entry. */
  entry?: number;
  /** Where the problem lies in the bundle file, in bytes from its start, when known. */
  offset?: number;
  /** Says what is wrong; any bundle text in it is escaped (./shown-text.ts). */
  message: string;
}

/** Earlier name of a finding, kept for callers that only read `file` and `message`. */
export type BundleFailure = BundleFinding;

export interface FindingPlace {
  entry?: number;
  offset?: number;
}

/** Records a finding; the message can only be text built by `shown`, so it quotes nothing raw. */
export type Fail = (code: FindingCode, file: string | null, message: ShownText, place?: FindingPlace) => void;

/** A list of findings and the `fail` that adds to it. */
export function findingList(): { findings: BundleFinding[]; fail: Fail } {
  const findings: BundleFinding[] = [];
  const fail: Fail = (code, file, message, place = {}) => {
    findings.push({ code, file, ...(place.entry === undefined ? {} : { entry: place.entry }), ...(place.offset === undefined ? {} : { offset: place.offset }), message: message.text });
  };
  return { findings, fail };
}
