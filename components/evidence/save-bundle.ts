/**
 * Saving an evidence bundle as a file. Where the browser has the File System Access API (Chrome),
 * the user picks the file and the bundle streams straight to disk, so a case of a gigabyte never
 * sits in memory; elsewhere (Firefox) the stream is gathered into a Blob and handed to the
 * browser's downloads through an object URL.
 */
import { downloadBlob } from '@/components/download';
import type { EvidenceDatabase } from '@/utils/evidence/store';

/** What is exported: a whole case, or the items chosen in the list. */
export type BundleSelection = { caseId: string } | { itemIds: string[] };

export interface ExportedBundle {
  fileName: string;
  stream: ReadableStream<Uint8Array>;
}

/** exportBundle from utils/evidence/bundle/export.ts; a parameter, so tests can give their own. */
export type BundleExporter = (db: EvidenceDatabase, selection: BundleSelection) => Promise<ExportedBundle>;

export type SaveOutcome = 'saved' | 'downloaded' | 'cancelled';

interface SavePickerOptions {
  suggestedName: string;
  types: Array<{ description: string; accept: Record<string, string[]> }>;
}
interface SaveFileHandle {
  createWritable(): Promise<WritableStream<Uint8Array>>;
}
type SaveFilePicker = (options: SavePickerOptions) => Promise<SaveFileHandle>;

export interface SaveOptions {
  /** Named in the file dialog's type list. */
  description?: string;
  /** How long the download's object URL lives: the browser reads it after the click returns. */
  revokeAfter?: number;
}

const isNamed = (error: unknown, ...names: string[]) => typeof error === 'object' && error !== null && names.includes((error as { name?: string }).name ?? '');

export async function saveBundle(exportBundle: BundleExporter, db: EvidenceDatabase, selection: BundleSelection, options: SaveOptions = {}): Promise<SaveOutcome> {
  const { fileName, stream } = await exportBundle(db, selection);
  const picker = (globalThis as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  if (typeof picker === 'function') {
    let handle: SaveFileHandle;
    try {
      handle = await picker({ suggestedName: fileName, types: [{ description: options.description ?? 'ZIP', accept: { 'application/zip': ['.zip'] } }] });
    } catch (error) {
      if (isNamed(error, 'AbortError')) {
        await stream.cancel();
        return 'cancelled';
      }
      // The click's user activation ran out while the bundle was being prepared: download instead.
      if (!isNamed(error, 'NotAllowedError', 'SecurityError')) {
        await stream.cancel();
        throw error;
      }
      return download(stream, fileName, options.revokeAfter);
    }
    // pipeTo closes the file when the stream ends, and aborts it (Chrome then discards the
    // partial file) when the stream fails: no half-written bundle is left looking complete.
    await stream.pipeTo(await handle.createWritable());
    return 'saved';
  }
  return download(stream, fileName, options.revokeAfter);
}

async function download(stream: ReadableStream<Uint8Array>, fileName: string, revokeAfter = 60_000): Promise<SaveOutcome> {
  const gathered = await new Response(stream).blob();
  downloadBlob(new Blob([gathered], { type: 'application/zip' }), fileName, revokeAfter);
  return 'downloaded';
}
