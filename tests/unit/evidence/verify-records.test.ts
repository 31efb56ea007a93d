// @vitest-environment node
/**
 * The verifier's record checks, reached past the signature: each bundle here has its manifest
 * edited and then signed again with the installation's own key (as a bug in the exporter, or
 * someone holding the key, could), so the digest and signature hold and only recomputing the
 * records and the chain can tell. Every failure is reported against manifest.json, which holds the
 * records, with the item named.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BundleManifest } from '@/utils/evidence/bundle/manifest';
import { caseStore, exportToBytes, namedFiles, resign, verifyBytes, type CaseStore } from '../../support/evidence/bundle-helpers';

let store: CaseStore;
let bundle: Uint8Array;

beforeAll(async () => {
  store = await caseStore();
  bundle = await exportToBytes(store.db, { caseId: store.case.id });
});

async function failuresAfter(edit: (manifest: BundleManifest) => void): Promise<string[]> {
  const verification = await verifyBytes(await resign(bundle, store.keyPair, edit));
  expect(verification.ok).toBe(false);
  expect(namedFiles(verification)).toEqual(['manifest.json']);
  return verification.failures.map((failure) => failure.message);
}

const bump = (hex: string) => `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;

describe('the record checks', () => {
  it('pass on the bundle re-signed unchanged', async () => {
    const verification = await verifyBytes(await resign(bundle, store.keyPair));
    expect(verification.failures).toEqual([]);
  });

  it('catch an event whose content was changed', async () => {
    const messages = await failuresAfter((manifest) => {
      const status = manifest.items[0]!.events.find((event) => event.change.type === 'status')!;
      status.change = { type: 'status', status: 'taken-down' };
    });
    expect(messages).toEqual([expect.stringMatching(/^the status event 8 of item 1 \(\w{12}\) was changed after it was recorded$/)]);
  });

  it('catch an item stored at another time', async () => {
    const messages = await failuresAfter((manifest) => {
      manifest.items[1]!.createdAt = '2020-01-01T00:00:00.000Z';
    });
    expect(messages).toEqual([expect.stringMatching(/^item 2 .*record digest does not follow/)]);
  });

  it('catch an artifact described otherwise than at capture', async () => {
    const messages = await failuresAfter((manifest) => {
      manifest.items[2]!.artifacts[0]!.sha256 = bump(manifest.items[2]!.artifacts[0]!.sha256);
    });
    expect(messages).toEqual([expect.stringMatching(/^item 3 .*id does not follow from its metadata digest and artifacts/)]);
  });

  it('catch a record digest changed in the chain context, even of a record not exported', async () => {
    const messages = await failuresAfter((manifest) => {
      manifest.chain.recordDigests[3] = bump(manifest.chain.recordDigests[3]!);
    });
    expect(messages).toEqual(['the chain context’s record digests do not lead to its head link: the chain was changed']);
  });

  it('catch the chain cut short', async () => {
    const messages = await failuresAfter((manifest) => {
      manifest.chain.recordDigests.pop();
      manifest.chain.headSequence -= 1;
    });
    expect(messages[0]).toMatch(/do not lead to its head link/);
  });

  it('catch two items whose places were swapped', async () => {
    const messages = await failuresAfter((manifest) => {
      const [first, second] = manifest.items as [BundleManifest['items'][0], BundleManifest['items'][0]];
      [first.sequence, second.sequence] = [second.sequence, first.sequence];
    });
    expect(messages).toContain(`item 1 (${store.items[1]!.id.slice(0, 12)}) is out of chain order among the items`);
    expect(messages).toContain(`item 2 (${store.items[0]!.id.slice(0, 12)}) is not the record the chain holds at place 2`);
  });

  it('catch a deletion whose tombstone was removed', async () => {
    const messages = await failuresAfter((manifest) => {
      manifest.items[2]!.events = manifest.items[2]!.events.filter((event) => event.change.type !== 'deleted');
    });
    expect(messages).toEqual([expect.stringMatching(/item 3 .*visible-screenshot has no file, yet the item was never deleted/), expect.stringMatching(/page-html has no file/)]);
  });

  it('catch an item not in the case by its own events', async () => {
    const messages = await failuresAfter((manifest) => {
      manifest.items[0]!.events = manifest.items[0]!.events.filter((event) => event.change.type !== 'case-added');
    });
    expect(messages).toEqual([expect.stringMatching(/^item 1 .* is not in case "Erickson 盗版 · Book World" by its own events$/)]);
  });

  it('catch an event moved to another item', async () => {
    const messages = await failuresAfter((manifest) => {
      const moved = manifest.items[1]!.events.pop()!;
      manifest.items[0]!.events.push(moved);
    });
    expect(messages).toEqual([expect.stringMatching(/^the tags event 9 of item 1 .* is about another item$/)]);
  });
});
