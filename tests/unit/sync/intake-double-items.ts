/**
 * What the intake double holds and how it answers, after intake/README.md: items per
 * organisation, each artifact's committed bytes, idempotent PUTs, every digest recomputed, a
 * signed receipt once an item is whole. A stand-in for the client's unit tests only: the reference
 * server (intake/src) is what the end-to-end tests run against.
 */
import { createHash } from 'node:crypto';
import { chainLink, sha256OfCanonical } from '@/utils/protocol/digest';
import { itemIdOf, itemRecordDigest } from '@/utils/protocol/record-digests';
import { generateInstallationKey, keyFingerprint, publicKeyJwk } from '@/utils/protocol/signing';
import {
  EvidenceItem, intakeLimits, problems, ReconcileRequest, signReceipt, type ItemStatus, type ProblemCode, type Receipt, type ServerKey,
} from '@/utils/protocol/intake';

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const problem = (code: ProblemCode, extra: Record<string, unknown> = {}): Answer => ({
  status: problems[code].status,
  body: { code, status: problems[code].status, title: `${code} (intake double)`, ...extra },
});

export interface Caller {
  organisation: string;
  representative: string;
}

interface HeldItem {
  record: EvidenceItem;
  bytes: Buffer[];
  receipt: Receipt | null;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export class IntakeHoldings {
  /** By organisation, then item id. */
  readonly items = new Map<string, Map<string, HeldItem>>();
  /** Idempotency keys by organisation and key: the body's hash and the first answer. */
  private readonly keys = new Map<string, { bodyHash: string; answer: Answer }>();
  limits: { maxItemBytes: number; maxChunkBytes: number; maxArtifactBytes: number; maxReconcileItems: number } = { ...intakeLimits };
  private signer!: { privateKey: CryptoKey; key: ServerKey };

  async init(): Promise<this> {
    const pair = await generateInstallationKey();
    const publicKey = await publicKeyJwk(pair.publicKey);
    this.signer = { privateKey: pair.privateKey, key: { keyId: await keyFingerprint(publicKey), publicKey, validFrom: '2020-01-01T00:00:00.000Z', validUntil: null } };
    return this;
  }

  serverKeys(): { keys: ServerKey[] } {
    return { keys: [this.signer.key] };
  }

  held(caller: Caller): Map<string, HeldItem> {
    let mine = this.items.get(caller.organisation);
    if (!mine) this.items.set(caller.organisation, (mine = new Map()));
    return mine;
  }

  /** Replays the first answer to a key, refuses the key with another body, or records the answer `work` gives. */
  async idempotent(caller: Caller, key: string | undefined, body: Buffer, work: () => Promise<Answer>): Promise<Answer> {
    if (!key || !/^[A-Za-z0-9_-]{16,128}$/.test(key)) return problem('idempotency-key-missing');
    const slot = `${caller.organisation}\n${key}`;
    const kept = this.keys.get(slot);
    if (kept) return kept.bodyHash === sha256(body) ? kept.answer : problem('idempotency-key-reused');
    const answer = await work();
    // Server failures are not kept: a retry with the same key must be able to succeed.
    if (answer.status < 500) this.keys.set(slot, { bodyHash: sha256(body), answer });
    return answer;
  }

  status(caller: Caller, held: HeldItem): ItemStatus {
    const { record } = held;
    const listing = `${record.metadata.marketplace}/${record.metadata.listing.id}`;
    const others = [...this.items].filter(([organisation, items]) => organisation !== caller.organisation && [...items.values()].some((other) => `${other.record.metadata.marketplace}/${other.record.metadata.listing.id}` === listing));
    return {
      itemId: record.id,
      state: held.receipt ? 'complete' : 'incomplete',
      artifacts: record.artifacts.map((artifact, index) => ({ index, size: artifact.size, sha256: artifact.sha256, received: held.bytes[index]!.length })),
      receipt: held.receipt,
      duplicate: { reportedByOtherMembers: others.length > 0, otherMembers: others.length },
    };
  }

  async putItem(caller: Caller, itemId: string, body: Buffer): Promise<Answer> {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return problem('malformed-json');
    }
    const parsed = EvidenceItem.safeParse(json);
    if (!parsed.success || parsed.data.id !== itemId) return problem('schema');
    const record = parsed.data;
    const metadataDigest = await sha256OfCanonical(record.metadata);
    const recomputed =
      metadataDigest === record.metadataDigest &&
      (await itemIdOf(metadataDigest, record.artifacts)) === record.id &&
      (await itemRecordDigest(record.id, record.createdAt)) === record.digest &&
      (await chainLink(record.previousLink, record.digest)) === record.link;
    if (!recomputed) return problem('hash-mismatch');
    const mine = this.held(caller);
    const existing = mine.get(itemId);
    if (existing) {
      if (JSON.stringify(existing.record) !== JSON.stringify(record)) return problem('item-conflict');
      return { status: 200, body: this.status(caller, existing) };
    }
    const held: HeldItem = { record, bytes: record.artifacts.map(() => Buffer.alloc(0)), receipt: null };
    mine.set(itemId, held);
    await this.completeIfWhole(caller, held);
    return { status: 201, body: this.status(caller, held) };
  }

  async putChunk(caller: Caller, itemId: string, index: number, range: string | undefined, body: Buffer): Promise<Answer> {
    const held = this.held(caller).get(itemId);
    if (!held) return problem('unknown-item');
    const artifact = held.record.artifacts[index];
    if (!artifact) return problem('unknown-artifact');
    const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range ?? '');
    if (!match) return problem('bad-range');
    const [first, last, size] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (last < first || size !== artifact.size || last >= size) return problem('bad-range');
    if (last - first + 1 > this.limits.maxChunkBytes) return problem('too-large');
    if (body.length !== last - first + 1) return problem('truncated', { committedOffset: held.bytes[index]!.length });
    const committed = held.bytes[index]!.length;
    if (first !== committed) return problem('chunk-out-of-order', { committedOffset: committed });
    held.bytes[index] = Buffer.concat([held.bytes[index]!, body]);
    if (held.bytes[index]!.length === size && sha256(held.bytes[index]!) !== artifact.sha256) {
      held.bytes[index] = Buffer.alloc(0);
      return problem('hash-mismatch');
    }
    await this.completeIfWhole(caller, held);
    return { status: 200, body: this.status(caller, held) };
  }

  private async completeIfWhole(caller: Caller, held: HeldItem): Promise<void> {
    const { record } = held;
    if (held.receipt || !record.artifacts.every((artifact, index) => held.bytes[index]!.length === artifact.size)) return;
    held.receipt = await signReceipt(this.signer.privateKey, {
      format: 'colophon-intake-receipt',
      formatVersion: 1,
      receiptId: `rcpt_${createHash('sha256').update(record.id).digest('hex').slice(0, 24)}`,
      receivedAt: new Date().toISOString(),
      organisation: caller.organisation,
      representative: caller.representative,
      itemId: record.id,
      metadataDigest: record.metadataDigest,
      digest: record.digest,
      sequence: record.sequence,
      previousLink: record.previousLink,
      link: record.link,
      createdAt: record.createdAt,
      artifacts: record.artifacts.map(({ kind, mediaType }, index) => ({ kind, mediaType, size: held.bytes[index]!.length, sha256: sha256(held.bytes[index]!) })),
      keyId: this.signer.key.keyId,
    });
  }

  itemStatus(caller: Caller, itemId: string): Answer {
    const held = this.held(caller).get(itemId);
    return held ? { status: 200, body: this.status(caller, held) } : problem('unknown-item');
  }

  receipt(caller: Caller, itemId: string): Answer {
    const held = this.held(caller).get(itemId);
    if (!held) return problem('unknown-item');
    return held.receipt ? { status: 200, body: held.receipt } : problem('item-incomplete');
  }

  reconcile(caller: Caller, body: Buffer): Answer {
    let request;
    try {
      request = ReconcileRequest.safeParse(JSON.parse(body.toString('utf8')));
    } catch {
      return problem('malformed-json');
    }
    if (!request.success) return problem('schema');
    const mine = this.held(caller);
    const items = request.data.itemIds.map((itemId) => {
      const held = mine.get(itemId);
      if (!held) return { itemId, state: 'absent', receipt: null };
      return held.receipt ? { itemId, state: 'complete', receipt: held.receipt } : { itemId, state: 'incomplete', receipt: null };
    });
    return { status: 200, body: { items } };
  }
}
