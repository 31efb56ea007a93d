/**
 * Where each item's files go in a bundle (the layout is described in ./manifest.ts), and the plan
 * of an export: each item with its events, its state replayed from them, its folder, and each
 * artifact with its file and the Blob to stream (none once the item was deleted).
 */
import type { ArtifactDescriptor, ArtifactKind, ArtifactRecord, EvidenceEvent, EvidenceItem, ItemState } from '@/utils/protocol/evidence';
import { replayState } from '../store/state';

export interface PlannedArtifact {
  descriptor: ArtifactDescriptor;
  /** Its path in the bundle; null when the item was deleted. */
  file: string | null;
  blob: Blob | null;
}

export interface PlannedItem {
  item: EvidenceItem;
  /** The item's events, oldest first. */
  events: EvidenceEvent[];
  /** What the events make of the item now: status, tags, note, cases, deletion. */
  state: ItemState;
  folder: string;
  metadataFile: string;
  artifacts: PlannedArtifact[];
}

const extensions: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'text/html': 'html',
  'multipart/related': 'mhtml',
};

/** The file extension of a media type; a charset parameter does not change it. */
export const extensionOf = (mediaType: string): string => extensions[mediaType.split(';')[0]!.trim()] ?? 'bin';

/** Six digits at least, so that folders list in chain order in a file manager. */
export const itemFolder = (item: Pick<EvidenceItem, 'sequence' | 'id'>): string => `items/${String(item.sequence).padStart(6, '0')}-${item.id.slice(0, 12)}`;

/** Names an item's artifact files after their kinds; a kind met again gets its place as a suffix. */
function artifactFileNames(folder: string, artifacts: readonly ArtifactDescriptor[]): string[] {
  const seen = new Set<ArtifactKind>();
  return artifacts.map(({ kind, mediaType }, index) => {
    const name = seen.has(kind) ? `${kind}-${index + 1}` : kind;
    seen.add(kind);
    return `${folder}/${name}.${extensionOf(mediaType)}`;
  });
}

/**
 * The plan of one item. `stored` are its artifact records in the item's order (undefined where
 * the store has none, which only a deletion explains: the exporter checks).
 */
export function planItem(item: EvidenceItem, events: EvidenceEvent[], stored: readonly (ArtifactRecord | undefined)[]): PlannedItem {
  const state = replayState(item, events);
  const folder = itemFolder(item);
  const names = artifactFileNames(folder, item.artifacts);
  return {
    item,
    events,
    state,
    folder,
    metadataFile: `${folder}/metadata.json`,
    artifacts: item.artifacts.map((descriptor, index) => {
      const blob = state.deleted ? null : (stored[index]?.blob ?? null);
      return { descriptor, file: state.deleted ? null : names[index]!, blob };
    }),
  };
}

/** The artifact a reader sees first: the visible screenshot, else the full page. */
export function leadScreenshot(planned: PlannedItem): PlannedArtifact | undefined {
  const withFile = planned.artifacts.filter((artifact) => artifact.file !== null);
  return withFile.find((artifact) => artifact.descriptor.kind === 'visible-screenshot') ?? withFile.find((artifact) => artifact.descriptor.kind === 'full-page-screenshot');
}
