/**
 * The intake's receipt for an item: who holds it since when, each digest the
 * intake verified beside the item's own, and the signature checked here, in the page, against
 * the intake's keys. The uploader checked it before storing it; checking again here shows the
 * user a result they can see being reached, and catches a receipt changed in the store since.
 */
import { useEffect, useState } from 'preact/hooks';
import type { EvidenceItem } from '@/utils/protocol/evidence';
import { t } from '@/utils/i18n';
import { loadIntakeConnection } from '@/utils/sync/connection';
import { createIntakeClient } from '@/utils/sync/intake-client';
import { checkReceipt, Receipt, type ReceiptCheck } from '@/utils/protocol/intake';
import { storedServerKeyRing } from '@/utils/sync/receipt-check';
import { intakeFailureText } from '@/components/sync/wording';
import { artifactKindLabel, localTime, utcTime } from './format';

type SignatureCheck = { state: 'checking' } | { state: 'checked'; check: ReceiptCheck } | { state: 'not-checked'; why: string };

/** Against the keys kept from the intake in use, fetched once more when the receipt names another (a rotation). */
async function checkSignature(receipt: Receipt): Promise<SignatureCheck> {
  const connection = await loadIntakeConnection();
  if (!connection) return { state: 'not-checked', why: t('syncReceiptNoConnection') };
  try {
    const ring = storedServerKeyRing(createIntakeClient(connection));
    let check = await checkReceipt(receipt, await ring.keys());
    if (!check.ok && check.reason === 'unknown-key') check = await checkReceipt(receipt, await ring.refresh());
    return { state: 'checked', check };
  } catch (failure) {
    return { state: 'not-checked', why: intakeFailureText(failure) };
  }
}

function signatureText(signature: SignatureCheck): string {
  if (signature.state === 'checking') return t('syncReceiptChecking');
  if (signature.state === 'not-checked') return t('syncReceiptNotChecked', signature.why);
  const { check } = signature;
  if (check.ok) return t('syncReceiptSignatureGood');
  switch (check.reason) {
    case 'schema':
      return t('syncReceiptUnreadable');
    case 'unknown-key':
      return t('syncReceiptUnknownKey');
    case 'key-not-valid-then':
      return t('syncReceiptKeyNotValid');
    case 'bad-signature':
      return t('syncReceiptBadSignature');
  }
}

interface Comparison {
  label: string;
  own: string;
  received: string;
}

/** What the receipt repeats of the item's record, field by field. */
function comparisons(item: EvidenceItem, receipt: Receipt): Comparison[] {
  const rows: Comparison[] = [
    { label: t('evidenceHashItemId'), own: item.id, received: receipt.itemId },
    { label: t('evidenceHashMetadata'), own: item.metadataDigest, received: receipt.metadataDigest },
    { label: t('syncReceiptRecordDigest'), own: item.digest, received: receipt.digest },
    { label: t('syncReceiptSequence'), own: String(item.sequence), received: String(receipt.sequence) },
    { label: t('syncReceiptPreviousLink'), own: item.previousLink ?? '—', received: receipt.previousLink ?? '—' },
    { label: t('syncReceiptLink'), own: item.link, received: receipt.link },
    { label: t('syncReceiptCreatedAt'), own: item.createdAt, received: receipt.createdAt },
  ];
  const count = Math.max(item.artifacts.length, receipt.artifacts.length);
  for (let index = 0; index < count; index++) {
    const own = item.artifacts[index];
    const received = receipt.artifacts[index];
    const describe = (artifact: typeof own) => (artifact ? `${artifact.sha256} (${artifact.kind}, ${artifact.mediaType}, ${artifact.size})` : '—');
    rows.push({ label: artifactKindLabel((own ?? received)!.kind), own: describe(own), received: describe(received) });
  }
  return rows;
}

export function SyncReceipt({ item, receipt: stored }: { item: EvidenceItem; receipt: unknown }) {
  const parsed = Receipt.safeParse(stored);
  const [signature, setSignature] = useState<SignatureCheck>({ state: 'checking' });
  const receipt = parsed.success ? parsed.data : null;

  useEffect(() => {
    if (!receipt) return;
    let stale = false;
    setSignature({ state: 'checking' });
    void checkSignature(receipt).then((checked) => !stale && setSignature(checked));
    return () => {
      stale = true;
    };
  }, [receipt?.signature, receipt?.receiptId]);

  if (!receipt) {
    return (
      <p class="error" data-testid="evidence-receipt-unreadable">
        {t('syncReceiptUnreadable')}
      </p>
    );
  }
  const good = signature.state === 'checked' && signature.check.ok;
  return (
    <div class="receipt" data-testid="evidence-receipt">
      <dl>
        <dt>{t('syncReceiptId')}</dt>
        <dd>
          <code data-testid="evidence-receipt-id">{receipt.receiptId}</code>
        </dd>
        <dt>{t('syncReceiptReceivedAt')}</dt>
        <dd>
          <time dateTime={receipt.receivedAt} title={utcTime(receipt.receivedAt)} data-testid="evidence-receipt-received">
            {localTime(receipt.receivedAt)}
          </time>
        </dd>
        <dt>{t('syncReceiptHolder')}</dt>
        <dd data-testid="evidence-receipt-holder">{t('syncReceiptHolderValue', receipt.organisation, receipt.representative)}</dd>
        <dt>{t('syncReceiptKey')}</dt>
        <dd>
          <code class="digest">{receipt.keyId}</code>
        </dd>
        <dt>{t('syncReceiptSignature')}</dt>
        <dd data-testid="evidence-receipt-signature" data-state={signature.state === 'checked' ? (good ? 'good' : 'bad') : signature.state}>
          <span class={good ? 'ok' : signature.state === 'checked' ? 'error' : 'hint'}>{signatureText(signature)}</span>
        </dd>
      </dl>
      <h4>{t('syncReceiptDigests')}</h4>
      <ul class="receipt-digests">
        {comparisons(item, receipt).map(({ label, own, received }, index) => {
          const equal = own === received;
          return (
            <li key={index} data-testid="evidence-receipt-digest" data-equal={String(equal)}>
              <span>{label}</span> <code class="digest">{own}</code>{' '}
              {equal ? (
                <strong class="ok">{t('syncReceiptEqual')}</strong>
              ) : (
                <>
                  <strong class="error">{t('syncReceiptDiffers')}</strong> <span class="hint">{t('syncReceiptSays')}</span> <code class="digest">{received}</code>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
