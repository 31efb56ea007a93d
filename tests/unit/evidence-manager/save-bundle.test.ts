/**
 * Saving a bundle: streamed to the picked file where the File System Access API exists, nothing
 * written when the user cancels the dialog, and a download of the gathered bytes where it does
 * not exist or refuses (the click's activation ran out), its object URL revoked afterwards.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveBundle, type BundleExporter } from '@/components/evidence/save-bundle';
import type { EvidenceDatabase } from '@/utils/evidence/store';

const db = {} as EvidenceDatabase;
const chunks = ['PK\u0003\u0004', 'first entry', 'central directory'];

function exporterOf(fileName = 'case.zip') {
  const state = { pulled: 0, cancelled: false };
  const exporter: BundleExporter = async () => ({
    fileName,
    stream: new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks[state.pulled++];
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
      cancel() {
        state.cancelled = true;
      },
    }),
  });
  return { exporter, state };
}

function pickerWriting(into: Uint8Array[]) {
  return vi.fn(async () => ({ createWritable: async () => new WritableStream<Uint8Array>({ write: (chunk) => void into.push(chunk) }) }));
}

const failure = (name: string) => Object.assign(new Error(name), { name });
const text = (parts: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(parts));

function watchDownloads() {
  const made: Blob[] = [];
  const revoked: string[] = [];
  const clicked: string[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    made.push(blob as Blob);
    return `blob:download-${made.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this.download);
  });
  return { made, revoked, clicked };
}

afterEach(() => vi.unstubAllGlobals());

describe('saveBundle', () => {
  it('streams every chunk to the file picked, under the exporter’s name', async () => {
    const written: Uint8Array[] = [];
    const picker = pickerWriting(written);
    vi.stubGlobal('showSaveFilePicker', picker);
    const { exporter, state } = exporterOf('shop-57300001.zip');
    expect(await saveBundle(exporter, db, { caseId: 'c1' }, { description: 'Colophon evidence bundle' })).toBe('saved');
    expect(text(written)).toBe(chunks.join(''));
    expect(written).toHaveLength(3);
    expect(picker).toHaveBeenCalledWith({ suggestedName: 'shop-57300001.zip', types: [{ description: 'Colophon evidence bundle', accept: { 'application/zip': ['.zip'] } }] });
    expect(state.cancelled).toBe(false);
  });

  it('writes nothing, and stops the export, when the user cancels the dialog', async () => {
    vi.stubGlobal('showSaveFilePicker', vi.fn(async () => Promise.reject(failure('AbortError'))));
    const downloads = watchDownloads();
    const { exporter, state } = exporterOf();
    expect(await saveBundle(exporter, db, { itemIds: ['a'] })).toBe('cancelled');
    expect(state.cancelled).toBe(true);
    expect(downloads.made).toEqual([]);
  });

  it('downloads instead when the picker refuses for lack of a user gesture', async () => {
    vi.stubGlobal('showSaveFilePicker', vi.fn(async () => Promise.reject(failure('NotAllowedError'))));
    const downloads = watchDownloads();
    const { exporter } = exporterOf('late.zip');
    expect(await saveBundle(exporter, db, { itemIds: ['a'] }, { revokeAfter: 0 })).toBe('downloaded');
    expect(downloads.clicked).toEqual(['late.zip']);
    expect(new TextDecoder().decode(await downloads.made[0]!.arrayBuffer())).toBe(chunks.join(''));
    await vi.waitFor(() => expect(downloads.revoked).toEqual(['blob:download-1']));
  });

  it('passes on other picker failures, having stopped the export', async () => {
    vi.stubGlobal('showSaveFilePicker', vi.fn(async () => Promise.reject(failure('TypeError'))));
    const { exporter, state } = exporterOf();
    await expect(saveBundle(exporter, db, { itemIds: ['a'] })).rejects.toThrow('TypeError');
    expect(state.cancelled).toBe(true);
  });

  it('without a picker, gathers the bytes into a ZIP Blob, downloads it, and revokes its URL', async () => {
    expect('showSaveFilePicker' in globalThis).toBe(false);
    const downloads = watchDownloads();
    const { exporter } = exporterOf('items.zip');
    expect(await saveBundle(exporter, db, { itemIds: ['a', 'b'] }, { revokeAfter: 0 })).toBe('downloaded');
    expect(downloads.clicked).toEqual(['items.zip']);
    expect(downloads.made[0]!.type).toBe('application/zip');
    expect(new TextDecoder().decode(await downloads.made[0]!.arrayBuffer())).toBe(chunks.join(''));
    // The link is gone from the document, and its URL is freed once the browser has taken it.
    expect(document.querySelector('a[download]')).toBeNull();
    await vi.waitFor(() => expect(downloads.revoked).toEqual(['blob:download-1']));
  });

  it('passes on an exporter’s failure, having saved nothing', async () => {
    const picker = pickerWriting([]);
    vi.stubGlobal('showSaveFilePicker', picker);
    const broken: BundleExporter = () => Promise.reject(new Error('There is no case c9.'));
    await expect(saveBundle(broken, db, { caseId: 'c9' })).rejects.toThrow('There is no case c9.');
    expect(picker).not.toHaveBeenCalled();
  });
});
