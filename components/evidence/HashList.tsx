/**
 * An item's digests: its id (derived from its content), its metadata's digest, its place in the
 * chain, and each artifact's SHA-256, which "Verify" recomputes over the bytes stored now.
 */
import { useState } from 'preact/hooks';
import { sha256Hex } from '@/utils/protocol/digest';
import type { ArtifactDescriptor, EvidenceItem } from '@/utils/protocol/evidence';
import { artifactBlob, artifactId } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { formatBytes } from '@/components/catalogue/format';
import { useEvidencePage } from './context';
import { artifactKindLabel, failureText } from './format';

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'match' } | { state: 'mismatch'; found: string } | { state: 'missing' } | { state: 'failed'; error: string };

function ArtifactHash({ item, index, artifact }: { item: EvidenceItem; index: number; artifact: ArtifactDescriptor }) {
  const { db } = useEvidencePage();
  const [check, setCheck] = useState<Check>({ state: 'idle' });

  // Clicks while checking are ignored rather than the button disabled, which would drop its focus.
  const verify = async () => {
    if (check.state === 'checking') return;
    setCheck({ state: 'checking' });
    try {
      const blob = await artifactBlob(db, artifactId(item.id, index));
      if (!blob) return setCheck({ state: 'missing' });
      const found = await sha256Hex(blob);
      setCheck(found === artifact.sha256 && blob.size === artifact.size ? { state: 'match' } : { state: 'mismatch', found });
    } catch (failure) {
      setCheck({ state: 'failed', error: failureText(failure) });
    }
  };

  return (
    <li data-testid="evidence-artifact-hash" data-kind={artifact.kind} data-check={check.state}>
      <span class="artifact-kind">{artifactKindLabel(artifact.kind)}</span>{' '}
      <span class="hint">
        {artifact.mediaType}, {formatBytes(artifact.size)}
      </span>
      <br />
      <code class="digest">{artifact.sha256}</code>{' '}
      <button type="button" aria-disabled={check.state === 'checking'} data-testid="evidence-verify-artifact" onClick={() => void verify()}>
        {t('evidenceVerify')}
      </button>{' '}
      <span role="status" data-testid="evidence-verify-result">
        {check.state === 'checking' ? t('evidenceVerifyChecking') : null}
        {check.state === 'match' ? <strong class="ok">{t('evidenceVerifyMatch')}</strong> : null}
        {check.state === 'mismatch' ? (
          <>
            <strong class="error">{t('evidenceVerifyMismatch')}</strong> <span class="hint">{t('evidenceVerifyFound')}</span> <code class="digest">{check.found}</code>
          </>
        ) : null}
        {check.state === 'missing' ? <span class="hint">{t('evidenceVerifyMissing')}</span> : null}
        {check.state === 'failed' ? <span class="error">{check.error}</span> : null}
      </span>
    </li>
  );
}

export function HashList({ item }: { item: EvidenceItem }) {
  return (
    <>
      <dl class="hashes" data-testid="evidence-hashes">
        <dt>{t('evidenceHashItemId')}</dt>
        <dd>
          <code class="digest" data-testid="evidence-item-id">
            {item.id}
          </code>
        </dd>
        <dt>{t('evidenceHashMetadata')}</dt>
        <dd>
          <code class="digest" data-testid="evidence-metadata-digest">
            {item.metadataDigest}
          </code>
        </dd>
        <dt>{t('evidenceHashChain')}</dt>
        <dd>
          {t('evidenceHashChainPlace', String(item.sequence))} <code class="digest">{item.link}</code>
        </dd>
      </dl>
      <ul class="artifact-hashes">
        {item.artifacts.map((artifact, index) => (
          <ArtifactHash key={index} item={item} index={index} artifact={artifact} />
        ))}
      </ul>
    </>
  );
}
