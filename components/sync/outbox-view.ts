/**
 * The outbox as the pages see it: read from the evidence database, read again whenever the
 * background says it changed (it posts on a BroadcastChannel after each change, which reaches
 * every page of the extension without a message listener of their own).
 *
 * The evidence list shows a badge in every row; one shared read of all entries per change, not a
 * read per row, keeps a sync of many items from costing a transaction per row per step.
 */
import { useEffect, useState } from 'preact/hooks';
import type { EvidenceDatabase } from '@/utils/evidence/store';
import { listenForOutboxChanges } from '@/utils/sync/outbox-changes';
import type { OutboxEntry } from '@/utils/sync/outbox-state';
import { outboxEntries } from '@/utils/sync/outbox-store';

/** Runs `read` now and after each announced change; reads never overlap, and changes during one read cause one more. */
export function useOutboxReads(read: () => Promise<void>, dependencies: readonly unknown[]): void {
  useEffect(() => {
    let running: Promise<void> | null = null;
    let again = false;
    let stopped = false;
    const run = () => {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = read()
        .catch(() => undefined)
        .finally(() => {
          running = null;
          if (again) {
            again = false;
            run();
          }
        });
    };
    run();
    const stop = listenForOutboxChanges(run);
    return () => {
      stopped = true;
      stop();
    };
  }, dependencies);
}

type Listener = () => void;

/** Every outbox entry of one database, shared by the components that show them. */
class OutboxView {
  entries = new Map<string, OutboxEntry>();
  loaded = false;
  failure: unknown = null;
  private readonly listeners = new Set<Listener>();
  private stopWatching: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly db: EvidenceDatabase) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.stopWatching) {
      this.stopWatching = listenForOutboxChanges(() => this.refresh());
      this.refresh();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.stopWatching?.();
        this.stopWatching = null;
      }
    };
  }

  /** Reads every entry again; calls made while reading cause one more read after it. */
  refresh(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = outboxEntries(this.db)
      .then(
        (entries) => {
          this.entries = new Map(entries.map((entry) => [entry.itemId, entry]));
          this.loaded = true;
          this.failure = null;
        },
        (failure: unknown) => {
          this.failure = failure;
        },
      )
      .finally(() => {
        this.running = null;
        for (const listener of this.listeners) listener();
        if (this.again) {
          this.again = false;
          this.refresh();
        }
      });
  }
}

const views = new WeakMap<EvidenceDatabase, OutboxView>();

function viewOf(db: EvidenceDatabase): OutboxView {
  let view = views.get(db);
  if (!view) views.set(db, (view = new OutboxView(db)));
  return view;
}

export type OutboxEntryRead = { status: 'loading' } | { status: 'ready'; entry: OutboxEntry | null } | { status: 'failed'; failure: unknown };

const readOf = (view: OutboxView, itemId: string): OutboxEntryRead =>
  view.failure !== null ? { status: 'failed', failure: view.failure } : view.loaded ? { status: 'ready', entry: view.entries.get(itemId) ?? null } : { status: 'loading' };

/** Every write to an entry moves its updatedAt on: a row whose entry kept it need not render again. */
function sameRead(a: OutboxEntryRead, b: OutboxEntryRead): boolean {
  if (a.status !== b.status) return false;
  if (a.status === 'ready' && b.status === 'ready') return a.entry?.updatedAt === b.entry?.updatedAt && a.entry?.state === b.entry?.state;
  return a.status === 'loading';
}

/**
 * One item's outbox entry, kept current: read again when the background announces a change, and
 * when `revision` (the evidence page's count of its own changes) moves on.
 */
export function useOutboxEntry(db: EvidenceDatabase, itemId: string, revision: number): OutboxEntryRead {
  const view = viewOf(db);
  const [read, setRead] = useState<OutboxEntryRead>(() => readOf(view, itemId));
  useEffect(() => {
    setRead(readOf(view, itemId));
    return view.subscribe(() => {
      const next = readOf(view, itemId);
      setRead((previous) => (sameRead(previous, next) ? previous : next));
    });
  }, [view, itemId]);
  useEffect(() => {
    if (revision > 0) view.refresh();
  }, [view, revision]);
  return read;
}
