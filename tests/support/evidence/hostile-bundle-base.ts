/**
 * What every hostile bundle of the corpus starts from: a real bundle, exported by Colophon from the
 * case store of ./bundle-helpers.ts, its entries and manifest, and where each entry's records lie
 * in it, worked out from the entries alone (the writer's layout is fixed), not by the reader under
 * test. A hostile case makes its bundle from this and says which findings must refuse it.
 */
import type { BundleManifest } from '@/utils/evidence/bundle/manifest';
import type { BundleFinding } from '@/utils/evidence/bundle/verify';
import { bundleEntries, caseStore, exportToBytes, manifestOf, type BundleEntry, type CaseStore } from './bundle-helpers';
import { utf8 } from './zip-helpers';

export interface EntryPlace {
  /** The local header. */
  offset: number;
  dataOffset: number;
  descriptorOffset: number;
  /** Just past the data descriptor: where the next entry begins. */
  end: number;
  /** The central directory header. */
  recordOffset: number;
}

export interface HostileBase {
  store: CaseStore;
  bundle: Uint8Array<ArrayBuffer>;
  entries: BundleEntry[];
  manifest: BundleManifest;
  /** The first item's visible screenshot and the second item's metadata.json. */
  screenshot: string;
  metadata: string;
  /** The entry after the screenshot in the archive. */
  afterScreenshot: string;
  at: (name: string) => EntryPlace;
  directoryOffset: number;
  directorySize: number;
}

/** A finding the hostile bundle must be refused with; fields left out are not compared. */
export type Expected = Pick<BundleFinding, 'code'> & Partial<Pick<BundleFinding, 'file' | 'offset'>>;

export interface HostileCase {
  name: string;
  make: (base: HostileBase) => Uint8Array | Promise<Uint8Array>;
  expected: (base: HostileBase) => Expected[];
  /** Verify naming the real signer's key as the one trusted (for bundles whose defect is their signer). */
  trustRealSigner?: boolean;
}

export async function hostileBase(): Promise<HostileBase> {
  const store = await caseStore();
  const bundle = await exportToBytes(store.db, { caseId: store.case.id });
  const entries = await bundleEntries(bundle);
  const manifest = await manifestOf(bundle);
  const places = new Map<string, EntryPlace>();
  let offset = 0;
  for (const { name, data } of entries) {
    const dataOffset = offset + 30 + utf8(name).length;
    places.set(name, { offset, dataOffset, descriptorOffset: dataOffset + data.length, end: dataOffset + data.length + 16, recordOffset: 0 });
    offset = places.get(name)!.end;
  }
  const directoryOffset = offset;
  for (const { name } of entries) {
    places.get(name)!.recordOffset = offset;
    offset += 46 + utf8(name).length;
  }
  const screenshot = manifest.items[0]!.artifacts[0]!.file!;
  return {
    store,
    bundle,
    entries,
    manifest,
    screenshot,
    metadata: manifest.items[1]!.metadataFile,
    afterScreenshot: entries[entries.findIndex((entry) => entry.name === screenshot) + 1]!.name,
    at: (name) => places.get(name) ?? failWith(`no ${name} in the bundle`),
    directoryOffset,
    directorySize: offset - directoryOffset,
  };
}

function failWith(message: string): never {
  throw new Error(message);
}
