/**
 * Where an item's sync status will show: issue 5 (the outbox and the intake) fills this in, in the
 * list's status cell and in the item view's header. Until then there is nothing to say.
 */
export function ItemSyncStatus(_props: { itemId: string }) {
  return null;
}
