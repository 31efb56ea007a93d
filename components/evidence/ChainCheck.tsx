/**
 * "Verify the chain": recomputes every digest and link of the store (verifyChain) and says
 * either that all of it holds, or where the first break is and which item it concerns.
 */
import { useState } from 'preact/hooks';
import { verifyChain, type ChainVerification } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { useEvidencePage } from './context';
import { failureText } from './format';

type Result = { state: 'idle' } | { state: 'checking' } | { state: 'done'; verification: ChainVerification } | { state: 'failed'; error: string };

export function ChainCheck({ onOpenItem }: { onOpenItem(itemId: string): void }) {
  const { db } = useEvidencePage();
  const [result, setResult] = useState<Result>({ state: 'idle' });

  // Clicks while checking are ignored rather than the button disabled, which would drop its focus.
  const check = async () => {
    if (result.state === 'checking') return;
    setResult({ state: 'checking' });
    try {
      setResult({ state: 'done', verification: await verifyChain(db) });
    } catch (failure) {
      setResult({ state: 'failed', error: failureText(failure) });
    }
  };

  const verification = result.state === 'done' ? result.verification : null;
  return (
    <div class="chain-check" data-testid="evidence-chain" data-result={verification ? String(verification.ok) : result.state}>
      <button type="button" aria-disabled={result.state === 'checking'} data-testid="evidence-chain-verify" onClick={() => void check()}>
        {t('evidenceChainVerify')}
      </button>{' '}
      <span role="status" data-testid="evidence-chain-result">
        {result.state === 'checking' ? t('evidenceChainChecking') : null}
        {result.state === 'failed' ? <span class="error">{result.error}</span> : null}
        {verification?.ok ? <strong class="ok">{t('evidenceChainOk', String(verification.records))}</strong> : null}
        {verification && !verification.ok ? (
          <>
            <strong class="error">
              {verification.firstBreak.sequence === null ? t('evidenceChainBroken') : t('evidenceChainBrokenAt', String(verification.firstBreak.sequence))}
            </strong>{' '}
            <span>{verification.firstBreak.message}</span>
            {verification.firstBreak.itemId ? (
              <>
                {' '}
                <button type="button" class="link" data-testid="evidence-chain-item" onClick={() => onOpenItem(verification.firstBreak.itemId!)}>
                  {t('evidenceChainOpenItem')}
                </button>
              </>
            ) : null}
          </>
        ) : null}
      </span>
    </div>
  );
}
