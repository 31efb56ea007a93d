/**
 * The records in a bundle's manifest, recomputed (the definitions are in utils/protocol/evidence.ts, the format
 * in ./manifest.ts): each item's metadataDigest from its metadata.json, its id from that digest and
 * its artifacts, each record's digest from its content and its link from its previous link; then
 * every record against the chain context: the links recomputed from the chain's record digests,
 * from record 1 to the head. Problems in a record are reported against manifest.json, which holds
 * it; problems in metadata against the item's metadata.json.
 */
import { chainLink, sha256Hex } from '@/utils/protocol/digest';
import { EvidenceItem, EvidenceMetadata, type EvidenceEvent } from '@/utils/protocol/evidence';
import { eventRecordDigest, itemIdOf, itemRecordDigest } from '@/utils/protocol/record-digests';
import { manifestFile, type BundleItem, type BundleManifest } from './manifest';
import { plain, shown, type ShownText } from './shown-text';
import type { Fail } from './verify-findings';

/** The bytes of a listed file found intact, or null. */
export type ReadIntact = (path: string) => Promise<Uint8Array | null>;

/** links[s] is the link of record s, recomputed; links[0] is null, what record 1 links to. */
async function recomputeLinks(manifest: BundleManifest, fail: Fail): Promise<(string | null)[] | null> {
  const { headSequence, headLink, recordDigests } = manifest.chain;
  if (recordDigests.length !== headSequence) {
    fail('chain-broken', manifestFile, shown`the chain context gives ${recordDigests.length} record digests for a chain of ${headSequence} records`);
    return null;
  }
  const links: (string | null)[] = [null];
  for (const digest of recordDigests) links.push(await chainLink(links[links.length - 1]!, digest));
  if (links[headSequence] !== headLink) {
    fail('chain-broken', manifestFile, shown`the chain context’s record digests do not lead to its head link: the chain was changed`);
    return null;
  }
  return links;
}

export async function checkItems(manifest: BundleManifest, readIntact: ReadIntact, fail: Fail): Promise<void> {
  const links = await recomputeLinks(manifest, fail);
  const files = new Map(manifest.files.map((file) => [file.path, file]));
  const places = new Map<number, ShownText>();

  /** The record's digest and links against its place in the chain. */
  const checkPlace = (label: ShownText, record: { sequence: number; digest: string; previousLink: string | null; link: string }) => {
    const earlier = places.get(record.sequence);
    if (earlier) fail('record-misplaced', manifestFile, shown`${label} claims place ${record.sequence} in the chain, as does ${earlier}`);
    places.set(record.sequence, label);
    if (!links) return;
    if (record.sequence > manifest.chain.headSequence) fail('record-misplaced', manifestFile, shown`${label} lies beyond the chain’s head (${manifest.chain.headSequence} records)`);
    else if (manifest.chain.recordDigests[record.sequence - 1] !== record.digest || links[record.sequence] !== record.link || links[record.sequence - 1] !== record.previousLink) {
      fail('record-misplaced', manifestFile, shown`${label} is not the record the chain holds at place ${record.sequence}`);
    }
  };

  let previousSequence = 0;
  for (const entry of manifest.items) {
    const label = shown`item ${entry.sequence} (${plain(entry.id.slice(0, 12))})`;
    if (entry.sequence <= previousSequence) fail('record-misplaced', manifestFile, shown`${label} is out of chain order among the items`);
    previousSequence = entry.sequence;
    await checkMetadata(entry, label, files, readIntact, fail);
    const descriptors = entry.artifacts.map(({ kind, mediaType, size, sha256 }) => ({ kind, mediaType, size, sha256 }));
    const changed = (message: ShownText) => fail('record-changed', manifestFile, message);
    if ((await itemIdOf(entry.metadataDigest, descriptors)) !== entry.id) changed(shown`${label}: its id does not follow from its metadata digest and artifacts`);
    if ((await itemRecordDigest(entry.id, entry.createdAt)) !== entry.digest) changed(shown`${label}: its record digest does not follow from its id and time`);
    if ((await chainLink(entry.previousLink, entry.digest)) !== entry.link) changed(shown`${label}: its link does not follow from its previous link and digest`);
    checkPlace(label, entry);
    const deleted = await checkEvents(entry, label, manifest, checkPlace, fail);
    for (const artifact of entry.artifacts) {
      if (artifact.file === null) {
        if (!deleted) fail('artifact-mismatch', manifestFile, shown`${label}: its ${plain(artifact.kind)} has no file, yet the item was never deleted`);
        continue;
      }
      const kind = plain(artifact.kind);
      if (deleted) fail('artifact-mismatch', artifact.file, shown`${label} was deleted, yet its ${kind} is in the bundle`);
      const listed = files.get(artifact.file);
      if (!listed) fail('artifact-mismatch', artifact.file, shown`${label}’s ${kind} is not among the manifest’s files`);
      else if (listed.sha256 !== artifact.sha256 || listed.size !== artifact.size) fail('artifact-mismatch', artifact.file, shown`not the ${kind} that ${label} recorded at capture (another size or SHA-256)`);
    }
  }
}

async function checkMetadata(entry: BundleItem, label: ShownText, files: ReadonlyMap<string, { sha256: string }>, readIntact: ReadIntact, fail: Fail): Promise<void> {
  const path = entry.metadataFile;
  const listed = files.get(path);
  const invalid = (message: ShownText) => fail('metadata-invalid', path, message);
  if (!listed) return invalid(shown`${label}’s metadata is not among the manifest’s files`);
  if (listed.sha256 !== entry.metadataDigest) return invalid(shown`the manifest lists another SHA-256 for it than ${label}’s metadata digest`);
  const bytes = await readIntact(path);
  if (!bytes) return; // already reported as missing or changed
  if ((await sha256Hex(bytes)) !== entry.metadataDigest) return invalid(shown`does not hash to ${label}’s metadata digest`);
  let metadata: unknown;
  try {
    metadata = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return invalid(shown`is not UTF-8 JSON`);
  }
  const parsed = EvidenceMetadata.safeParse(metadata);
  if (!parsed.success) return invalid(shown`is not evidence metadata: ${plain(parsed.error.issues[0]?.message ?? '')}`);
  const { events: _events, metadataFile: _file, artifacts, ...record } = entry;
  const item = EvidenceItem.safeParse({ ...record, metadata: parsed.data, artifacts: artifacts.map(({ file: _, ...descriptor }) => descriptor) });
  if (!item.success) fail('record-changed', manifestFile, shown`${label} is not an evidence item: ${plain(item.error.issues[0]?.message ?? '')}`);
}

/** Checks the item's events; returns whether one of them deleted it. */
async function checkEvents(
  entry: BundleItem,
  label: ShownText,
  manifest: BundleManifest,
  checkPlace: (label: ShownText, record: EvidenceEvent) => void,
  fail: Fail,
): Promise<boolean> {
  let previousSequence = entry.sequence;
  let deleted = false;
  for (const event of entry.events) {
    const what = shown`the ${plain(event.change.type)} event ${event.sequence} of ${label}`;
    const misplaced = (message: ShownText) => fail('record-misplaced', manifestFile, message);
    if (event.itemId !== entry.id) misplaced(shown`${what} is about another item`);
    if (event.sequence <= previousSequence) misplaced(shown`${what} is out of chain order`);
    if (deleted) misplaced(shown`${what} comes after the item was deleted`);
    previousSequence = event.sequence;
    if ((await eventRecordDigest(event)) !== event.digest) fail('record-changed', manifestFile, shown`${what} was changed after it was recorded`);
    if ((await chainLink(event.previousLink, event.digest)) !== event.link) fail('record-changed', manifestFile, shown`${what}: its link does not follow from its previous link and digest`);
    checkPlace(what, event);
    deleted ||= event.change.type === 'deleted';
  }
  const { selection } = manifest;
  if (selection.kind === 'case' && !casesOf(entry.events).has(selection.case.id)) {
    fail('record-misplaced', manifestFile, shown`${label} is not in case ${selection.case.name} by its own events`);
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
