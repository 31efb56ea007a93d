/**
 * An item's current state as a replay of its events over what it was captured with: what listing
 * filters on (status, tags, cases) and what refuses changes that make no sense. A pure function of
 * the chain, so the stored states can be checked (verifyChain) and rebuilt from it.
 */
import type { EvidenceChange, EvidenceEvent, EvidenceItem, ItemState } from '@/utils/protocol/evidence';

export function initialState(item: EvidenceItem): ItemState {
  const { metadata } = item;
  const shopId = metadata.listing.shop?.id;
  return {
    schemaVersion: 1,
    itemId: item.id,
    sequence: item.sequence,
    marketplace: metadata.marketplace,
    capturedAt: metadata.capturedAt,
    catalogueEntry: metadata.match ? [metadata.match.catalogueId, metadata.match.entryId] : null,
    shop: shopId ? [metadata.marketplace, shopId] : null,
    status: 'new',
    tags: metadata.tags,
    note: metadata.note,
    caseIds: [],
    deleted: null,
    updatedAt: item.createdAt,
  };
}

export function applyEvent(state: ItemState, event: EvidenceEvent): ItemState {
  const next: ItemState = { ...state, updatedAt: event.at };
  const { change } = event;
  switch (change.type) {
    case 'note':
      return { ...next, note: change.note };
    case 'tags':
      return { ...next, tags: change.tags };
    case 'status':
      return { ...next, status: change.status };
    case 'case-added':
      return { ...next, caseIds: [...state.caseIds, change.caseId] };
    case 'case-removed':
      return { ...next, caseIds: state.caseIds.filter((caseId) => caseId !== change.caseId) };
    case 'deleted':
      return { ...next, deleted: { at: event.at, by: event.by, reason: change.reason } };
  }
}

/** The item's state after `events` (its own, in chain order). */
export function replayState(item: EvidenceItem, events: readonly EvidenceEvent[]): ItemState {
  return events.reduce(applyEvent, initialState(item));
}

/** Why `change` cannot be recorded on an item in `state`, or null when it can. */
export function refusal(state: ItemState, change: EvidenceChange): string | null {
  if (state.deleted) return `Evidence item ${state.itemId} was deleted (${state.deleted.at}); a deleted item takes no further changes.`;
  if (change.type === 'case-added' && state.caseIds.includes(change.caseId)) return `Evidence item ${state.itemId} is already in case ${change.caseId}.`;
  if (change.type === 'case-removed' && !state.caseIds.includes(change.caseId)) return `Evidence item ${state.itemId} is not in case ${change.caseId}.`;
  return null;
}
