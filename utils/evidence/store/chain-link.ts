/**
 * chainLink (utils/protocol/digest.ts) for use inside a write transaction: the same canonical
 * bytes, hashed synchronously by a hasher made before the transaction opens (../sha256.ts says
 * why). The verifier recomputes every link with chainLink.
 */
import { canonicalBytes } from '@/utils/protocol/canonical-json';
import { synchronousSha256 } from '../sha256';

export type ChainLinker = (previousLink: string | null, recordDigest: string) => string;

export async function chainLinker(): Promise<ChainLinker> {
  const sha256 = await synchronousSha256();
  return (previousLink, recordDigest) => sha256(canonicalBytes({ item: recordDigest, previous: previousLink }));
}
