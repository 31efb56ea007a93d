/**
 * The records in a bundle's manifest, recomputed (the definitions are in ../schema.ts, the format
 * in ./manifest.ts): each item's metadataDigest from its metadata.json, its id from that digest and
 * its artifacts, each record's digest from its content and its link from its previous link; then
 * every record against the chain context: the links recomputed from the chain's record digests,
 * from record 1 to the head. Problems in a record are reported against manifest.json, which holds
 * it; problems in metadata against the item's metadata.json.
 */
import { chainLink, sha256Hex } from '../digest';
import { EvidenceItem, EvidenceMetadata, type EvidenceEvent } from '../schema';
import { eventRecordDigest, itemIdOf, itemRecordDigest } from '../store/digests';
import { manifestFile, type BundleItem, type BundleManifest } from './manifest';
import type { Fail } from './verify-files';

/** The bytes of a listed file found intact, or null. */
export type ReadIntact = (path: string) => Promise<Uint8Array | null>;

/** links[s] is the link of record s, recomputed; links[0] is null, what record 1 links to. */
async function recomputeLinks(manifest: BundleManifest, fail: Fail): Promise<(string | null)[] | null> {
  const { headSequence, headLink, recordDigests } = manifest.chain;
  if (recordDigests.length !== headSequence) {
    fail(manifestFile, `the chain context gives ${recordDigests.length} record digests for a chain of ${headSequence} records`);
    return null;
  }
  const links: (string | null)[] = [null];
  for (const digest of recordDigests) links.push(await chainLink(links[links.length - 1]!, digest));
  if (links[headSequence] !== headLink) {
    fail(manifestFile, 'the chain context’s record digests do not lead to its head link: the chain was changed');
    return null;
  }
  return links;
}

export async function checkItems(manifest: BundleManifest, readIntact: ReadIntact, fail: Fail): Promise<void> {
  const links = await recomputeLinks(manifest, fail);
  const files = new Map(manifest.files.map((file) => [file.path, file]));
  const places = new Map<number, string>();

  /** The record's digest and links against its place in the chain. */
  const checkPlace = (label: string, record: { sequence: number; digest: string; previousLink: string | null; link: string }) => {
    const earlier = places.get(record.sequence);
    if (earlier) fail(manifestFile, `${label} claims place ${record.sequence} in the chain, as does ${earlier}`);
    places.set(record.sequence, label);
    if (!links) return;
    if (record.sequence > manifest.chain.headSequence) fail(manifestFile, `${label} lies beyond the chain’s head (${manifest.chain.headSequence} records)`);
    else if (manifest.chain.recordDigests[record.sequence - 1] !== record.digest || links[record.sequence] !== record.link || links[record.sequence - 1] !== record.previousLink) {
      fail(manifestFile, `${label} is not the record the chain holds at place ${record.sequence}`);
    }
  };

  let previousSequence = 0;
  for (const entry of manifest.items) {
    const label = `item ${entry.sequence} (${entry.id.slice(0, 12)})`;
    if (entry.sequence <= previousSequence) fail(manifestFile, `${label} is out of chain order among the items`);
    previousSequence = entry.sequence;
    await checkMetadata(entry, label, files, readIntact, fail);
    const descriptors = entry.artifacts.map(({ kind, mediaType, size, sha256 }) => ({ kind, mediaType, size, sha256 }));
    if ((await itemIdOf(entry.metadataDigest, descriptors)) !== entry.id) fail(manifestFile, `${label}: its id does not follow from its metadata digest and artifacts`);
    if ((await itemRecordDigest(entry.id, entry.createdAt)) !== entry.digest) fail(manifestFile, `${label}: its record digest does not follow from its id and time`);
    if ((await chainLink(entry.previousLink, entry.digest)) !== entry.link) fail(manifestFile, `${label}: its link does not follow from its previous link and digest`);
    checkPlace(label, entry);
    const deleted = await checkEvents(entry, label, manifest, checkPlace, fail);
    for (const artifact of entry.artifacts) {
      if (artifact.file === null) {
        if (!deleted) fail(manifestFile, `${label}: its ${artifact.kind} has no file, yet the item was never deleted`);
        continue;
      }
      if (deleted) fail(artifact.file, `${label} was deleted, yet its ${artifact.kind} is in the bundle`);
      const listed = files.get(artifact.file);
      if (!listed) fail(artifact.file, `${label}’s ${artifact.kind} is not among the manifest’s files`);
      else if (listed.sha256 !== artifact.sha256 || listed.size !== artifact.size) fail(artifact.file, `not the ${artifact.kind} that ${label} recorded at capture (another size or SHA-256)`);
    }
  }
}

async function checkMetadata(entry: BundleItem, label: string, files: ReadonlyMap<string, { sha256: string }>, readIntact: ReadIntact, fail: Fail): Promise<void> {
  const path = entry.metadataFile;
  const listed = files.get(path);
  if (!listed) return fail(path, `${label}’s metadata is not among the manifest’s files`);
  if (listed.sha256 !== entry.metadataDigest) return fail(path, `the manifest lists another SHA-256 for it than ${label}’s metadata digest`);
  const bytes = await readIntact(path);
  if (!bytes) return; // already reported as missing or changed
  if ((await sha256Hex(bytes)) !== entry.metadataDigest) return fail(path, `does not hash to ${label}’s metadata digest`);
  let metadata: unknown;
  try {
    metadata = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail(path, 'is not UTF-8 JSON');
  }
  const parsed = EvidenceMetadata.safeParse(metadata);
  if (!parsed.success) return fail(path, `is not evidence metadata: ${parsed.error.issues[0]?.message ?? ''}`);
  const { events: _events, metadataFile: _file, artifacts, ...record } = entry;
  const item = EvidenceItem.safeParse({ ...record, metadata: parsed.data, artifacts: artifacts.map(({ file: _, ...descriptor }) => descriptor) });
  if (!item.success) fail(manifestFile, `${label} is not an evidence item: ${item.error.issues[0]?.message ?? ''}`);
}

/** Checks the item's events; returns whether one of them deleted it. */
async function checkEvents(
  entry: BundleItem,
  label: string,
  manifest: BundleManifest,
  checkPlace: (label: string, record: EvidenceEvent) => void,
  fail: Fail,
): Promise<boolean> {
  let previousSequence = entry.sequence;
  let deleted = false;
  for (const event of entry.events) {
    const what = `the ${event.change.type} event ${event.sequence} of ${label}`;
    if (event.itemId !== entry.id) fail(manifestFile, `${what} is about another item`);
    if (event.sequence <= previousSequence) fail(manifestFile, `${what} is out of chain order`);
    if (deleted) fail(manifestFile, `${what} comes after the item was deleted`);
    previousSequence = event.sequence;
    if ((await eventRecordDigest(event)) !== event.digest) fail(manifestFile, `${what} was changed after it was recorded`);
    if ((await chainLink(event.previousLink, event.digest)) !== event.link) fail(manifestFile, `${what}: its link does not follow from its previous link and digest`);
    checkPlace(what, event);
    deleted ||= event.change.type === 'deleted';
  }
  const { selection } = manifest;
  if (selection.kind === 'case' && !casesOf(entry.events).has(selection.case.id)) {
    fail(manifestFile, `${label} is not in case ${JSON.stringify(selection.case.name)} by its own events`);
  }
  return deleted;
}

/** The cases the item is in after its events, as the store's state replay counts them. */
function casesOf(events: readonly EvidenceEvent[]): Set<string> {
  const cases = new Set<string>();
  for (const { change } of events) {
    if (change.type === 'case-added') cases.add(change.caseId);
    if (change.type === 'case-removed') cases.delete(change.caseId);
  }
  return cases;
}
