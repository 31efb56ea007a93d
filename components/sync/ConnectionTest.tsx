/**
 * "Test connection": asks the intake who the token is (GET /v1/session) and
 * shows the organisation, the representative, how the intake's clock compares with this
 * computer's, and the intake's limits; or, in words, why it could not.
 */
import { useState } from 'preact/hooks';
import { formatBytes, formatNumber } from '@/components/catalogue/format';
import { failureText } from '@/components/evidence/format';
import { t } from '@/utils/i18n';
import { intakeOriginPermission, type IntakeConnection } from '@/utils/sync/connection';
import { createIntakeClient } from '@/utils/sync/intake-client';
import type { Session } from '@/utils/protocol/intake';
import { clockDifference, intakeFailureText } from './wording';

/** A clock this far off makes capture times (taken from this computer) hard to defend. */
const clockWarningMs = 5 * 60 * 1000;

type Result = { state: 'idle' } | { state: 'testing' } | { state: 'connected'; session: Session; offsetMs: number } | { state: 'failed'; text: string };

interface Props {
  /** The connection the form holds now, or why it holds none that can be tested. */
  target(): IntakeConnection | { problem: string };
}

export function ConnectionTest({ target }: Props) {
  const [result, setResult] = useState<Result>({ state: 'idle' });

  const ask = async (granted: Promise<boolean>, connection: IntakeConnection) => {
    setResult({ state: 'testing' });
    if (!(await granted.catch(() => false))) return setResult({ state: 'failed', text: t('syncPermissionRefused', new URL(connection.url).host) });
    try {
      const sent = Date.now();
      const session = await createIntakeClient(connection).session();
      // The server read its clock somewhere between sending and answering: compare with the middle.
      const offsetMs = Date.parse(session.serverTime) - (sent + Date.now()) / 2;
      setResult({ state: 'connected', session, offsetMs });
    } catch (failure) {
      setResult({ state: 'failed', text: intakeFailureText(failure) });
    }
  };

  const test = () => {
    if (result.state === 'testing') return;
    const connection = target();
    if ('problem' in connection) return setResult({ state: 'failed', text: connection.problem });
    let granted: Promise<boolean>;
    try {
      // A browser grants a permission only inside the click that asks for it: ask before any await.
      granted = browser.permissions.request(intakeOriginPermission(connection.url));
    } catch (failure) {
      return setResult({ state: 'failed', text: failureText(failure) });
    }
    void ask(granted, connection);
  };

  return (
    <div class="connection-test">
      <button type="button" data-testid="intake-test" aria-disabled={result.state === 'testing'} onClick={test}>
        {t('syncTest')}
      </button>
      <div role="status" data-testid="intake-test-result" data-state={result.state}>
        {result.state === 'testing' ? <p class="hint">{t('syncTesting')}</p> : null}
        {result.state === 'failed' ? (
          <p class="error" data-testid="intake-test-error">
            {result.text}
          </p>
        ) : null}
        {result.state === 'connected' ? <SessionFacts session={result.session} offsetMs={result.offsetMs} /> : null}
      </div>
    </div>
  );
}

function SessionFacts({ session, offsetMs }: { session: Session; offsetMs: number }) {
  const { organisation, representative, limits } = session;
  return (
    <>
      <p class="ok">{t('syncTestConnected')}</p>
      <dl class="session">
        <dt>{t('syncOrganisation')}</dt>
        <dd data-testid="intake-organisation">
          {organisation.name} <span class="hint">({organisation.id})</span>
        </dd>
        <dt>{t('syncRepresentative')}</dt>
        <dd data-testid="intake-representative">
          {representative.name} <span class="hint">({representative.id})</span>
        </dd>
        <dt>{t('syncClock')}</dt>
        <dd data-testid="intake-clock">
          {clockDifference(offsetMs)}
          {Math.abs(offsetMs) >= clockWarningMs ? <span class="error"> {t('syncClockWarning')}</span> : null}
        </dd>
        <dt>{t('syncLimits')}</dt>
        <dd data-testid="intake-limits">
          {t('syncLimitsValue', formatBytes(limits.maxItemBytes), formatBytes(limits.maxChunkBytes), formatBytes(limits.maxArtifactBytes), formatNumber(limits.maxReconcileItems))}
        </dd>
      </dl>
    </>
  );
}
