/**
 * What the outbox tests share: an evidence database with real captures in it (so real outbox
 * entries, queued by addCapture), the intake double on loopback with small chunks so that every
 * artifact goes in several, and the runner's dependencies pointed at both.
 */
import { createHash } from 'node:crypto';
import { addCapture, type EvidenceDatabase } from '@/utils/evidence/store';
import type { EvidenceItem } from '@/utils/protocol/evidence';
import type { OutboxRunDeps } from '@/utils/sync/outbox-runner';
import { captureOf, freshDatabase } from '../../support/evidence/store-helpers';
import { representativeToken, springer, startIntakeDouble, type IntakeDouble, type SeenRequest } from './intake-double';

/** Small enough that each artifact of captureOf() takes several chunks. */
export const testChunkBytes = 16;

export interface OutboxBench {
  db: EvidenceDatabase;
  intake: IntakeDouble;
  items: EvidenceItem[];
  deps(overrides?: Partial<OutboxRunDeps>): OutboxRunDeps;
  /** Every key the runner was given, in order. */
  keysIssued: string[];
  /** The runner's clock: real time plus however far a test moved it on (past a backoff, a Retry-After). */
  clock: { now(): number; advance(ms: number): void };
}

export async function outboxBench(count: number): Promise<OutboxBench> {
  const db = await freshDatabase();
  const intake = await startIntakeDouble();
  intake.holdings.limits.maxChunkBytes = testChunkBytes;
  const items: EvidenceItem[] = [];
  for (let n = 1; n <= count; n++) items.push(await addCapture(db, captureOf(n)));
  const keysIssued: string[] = [];
  let counter = 0;
  let offset = 0;
  const clock = { now: () => Date.now() + offset, advance: (ms: number) => void (offset += ms) };
  return {
    db,
    intake,
    items,
    keysIssued,
    clock,
    deps: (overrides = {}) => ({
      now: clock.now,
      database: async () => db,
      connection: async () => ({ url: intake.url, token: representativeToken }),
      random: () => 0.5,
      newKey: () => {
        const key = `key-${String(++counter).padStart(16, '0')}`;
        keysIssued.push(key);
        return key;
      },
      timeoutMs: 2000,
      ...overrides,
    }),
  };
}

/** The bytes the intake holds of an item's artifacts, as SHA-256s. */
export function heldDigests(intake: IntakeDouble, itemId: string): string[] | undefined {
  const held = intake.holdings.items.get(springer.organisation)?.get(itemId);
  return held?.bytes.map((bytes) => createHash('sha256').update(bytes).digest('hex'));
}

export const itemsHeld = (intake: IntakeDouble): string[] => [...(intake.holdings.items.get(springer.organisation)?.keys() ?? [])].sort();

export const isChunkOf = (itemId: string, index?: number) => (request: SeenRequest) =>
  request.method === 'PUT' && request.path.startsWith(`/v1/items/${itemId}/artifacts/${index ?? ''}`);
export const isItemPut = (itemId: string) => (request: SeenRequest) => request.method === 'PUT' && request.path === `/v1/items/${itemId}`;
