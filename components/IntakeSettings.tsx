/**
 * The options page's intake settings: the coalition's intake URL and the
 * representative's token, "test connection", "forget", and the outbox with "Sync now".
 *
 * The token is kept in the extension's own database (utils/sync/intake-database.ts), never shown
 * again once saved: the field stays empty and says one is saved. The intake's origin is the only
 * host permission sync adds; it is asked for in the click that saves, and refused, nothing is saved.
 */
import { useEffect, useState } from 'preact/hooks';
import { failureText } from '@/components/evidence/format';
import { ConnectionTest } from '@/components/sync/ConnectionTest';
import { OutboxSummary } from '@/components/sync/OutboxSummary';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messages';
import {
  forgetIntakeConnection, intakeOriginPermission, InvalidIntakeConnectionError, loadIntakeConnection, normaliseIntakeUrl, saveIntakeConnection,
  type IntakeConnection,
} from '@/utils/sync/connection';
import { IntakeToken } from '@/utils/sync/intake-database';

type Notice =
  | { kind: 'none' }
  | { kind: 'saved' }
  | { kind: 'forgotten' }
  | { kind: 'permission-refused'; host: string }
  | { kind: 'invalid-url' }
  | { kind: 'invalid-token' }
  | { kind: 'token-missing' }
  | { kind: 'failed'; error: string };

function noticeText(notice: Notice): string | null {
  switch (notice.kind) {
    case 'none':
      return null;
    case 'saved':
      return t('syncSaved');
    case 'forgotten':
      return t('syncForgotten');
    case 'permission-refused':
      return t('syncPermissionRefused', notice.host);
    case 'invalid-url':
      return t('syncInvalidUrl');
    case 'invalid-token':
      return t('syncInvalidToken');
    case 'token-missing':
      return t('syncTokenMissing');
    case 'failed':
      return t('syncSaveFailed', notice.error);
  }
}

const originPattern = (url: string) => intakeOriginPermission(url).origins[0];

/** Gives back the host permission of an intake no longer used; a refusal changes nothing that matters. */
const dropPermission = (url: string) => browser.permissions.remove(intakeOriginPermission(url)).catch(() => false);

export function IntakeSettings() {
  const [saved, setSaved] = useState<IntakeConnection | null | undefined>(undefined);
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [notice, setNotice] = useState<Notice>({ kind: 'none' });
  const [reachable, setReachable] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadIntakeConnection().then(
      (connection) => {
        setSaved(connection);
        setUrl(connection?.url ?? '');
      },
      () => setSaved(null),
    );
  }, []);

  // The user can withdraw the permission in the browser's own settings: say so, and offer it again.
  useEffect(() => {
    if (!saved) return setReachable(null);
    browser.permissions.contains(intakeOriginPermission(saved.url)).then(setReachable, () => setReachable(false));
  }, [saved]);

  /** The connection the form holds: the typed token, or the saved one while none is typed. */
  const inForm = (): IntakeConnection | { problem: Notice } => {
    const normalised = normaliseIntakeUrl(url);
    if (normalised === null) return { problem: { kind: 'invalid-url' } };
    const typed = token.trim();
    if (typed === '' && !saved) return { problem: { kind: 'token-missing' } };
    if (typed !== '' && !IntakeToken.safeParse(typed).success) return { problem: { kind: 'invalid-token' } };
    return { url: normalised, token: typed || saved!.token };
  };

  const store = async (granted: Promise<boolean>, connection: IntakeConnection) => {
    setBusy(true);
    try {
      if (!(await granted.catch(() => false))) return setNotice({ kind: 'permission-refused', host: new URL(connection.url).host });
      await saveIntakeConnection(connection);
      if (saved && originPattern(saved.url) !== originPattern(connection.url)) await dropPermission(saved.url);
      setSaved(connection);
      setUrl(connection.url);
      setToken('');
      setNotice({ kind: 'saved' });
      // Items the old token was refused for go again, and waiting ones go now.
      void sendToBackground({ type: 'page:connection-changed' }).catch(() => undefined);
    } catch (failure) {
      if (failure instanceof InvalidIntakeConnectionError) setNotice({ kind: failure.field === 'url' ? 'invalid-url' : 'invalid-token' });
      else setNotice({ kind: 'failed', error: failureText(failure) });
    } finally {
      setBusy(false);
    }
  };

  const save = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const connection = inForm();
    if ('problem' in connection) return setNotice(connection.problem);
    // A browser grants a permission only inside the click that asks for it: ask before any await.
    const granted = browser.permissions.request(intakeOriginPermission(connection.url));
    void store(granted, connection);
  };

  const allow = () => {
    if (!saved) return;
    const granted = browser.permissions.request(intakeOriginPermission(saved.url));
    void granted.catch(() => false).then(setReachable);
  };

  const forget = async () => {
    if (!saved) return;
    setBusy(true);
    try {
      await forgetIntakeConnection();
      await dropPermission(saved.url);
      setSaved(null);
      setUrl('');
      setToken('');
      setNotice({ kind: 'forgotten' });
    } catch (failure) {
      setNotice({ kind: 'failed', error: failureText(failure) });
    } finally {
      setBusy(false);
    }
  };

  const text = noticeText(notice);
  return (
    <section class="panel intake-settings" aria-labelledby="intake-settings-title" data-testid="intake-settings" data-connected={saved === undefined ? '' : String(saved !== null)}>
      <h2 id="intake-settings-title">{t('syncSettingsTitle')}</h2>
      <p class="hint">{t('syncSettingsIntro')}</p>
      <form onSubmit={save} data-testid="intake-form">
        <div class="field">
          <label for="intake-url">{t('syncUrl')}</label>
          <input id="intake-url" type="url" data-testid="intake-url" value={url} maxLength={2000} placeholder="https://intake.example.org" onInput={(event) => setUrl(event.currentTarget.value)} />
          <p class="hint">{t('syncUrlWhyHttps')}</p>
        </div>
        <div class="field">
          <label for="intake-token">{t('syncToken')}</label>
          <input
            id="intake-token"
            type="password"
            autoComplete="off"
            data-testid="intake-token"
            value={token}
            maxLength={600}
            placeholder={saved ? t('syncTokenSavedPlaceholder') : ''}
            onInput={(event) => setToken(event.currentTarget.value)}
          />
          <p class="hint" data-testid="intake-token-state">
            {saved ? t('syncTokenSaved') : t('syncTokenWhere')}
          </p>
        </div>
        <div class="buttons">
          <button type="submit" class="primary" data-testid="intake-save" aria-disabled={busy}>
            {t('syncSave')}
          </button>
          {saved ? (
            <button type="button" data-testid="intake-forget" aria-disabled={busy} onClick={() => void (busy || forget())}>
              {t('syncForget')}
            </button>
          ) : null}
        </div>
      </form>
      {text ? (
        <p role="status" data-testid="intake-notice" class={notice.kind === 'saved' || notice.kind === 'forgotten' ? 'ok' : 'error'}>
          {text}
        </p>
      ) : null}
      {saved && reachable === false ? (
        <p class="error" data-testid="intake-no-permission">
          {t('syncNoPermission')}{' '}
          <button type="button" data-testid="intake-allow" onClick={allow}>
            {t('syncAllow')}
          </button>
        </p>
      ) : null}
      <ConnectionTest
        target={() => {
          const connection = inForm();
          return 'problem' in connection ? { problem: noticeText(connection.problem) ?? '' } : connection;
        }}
      />
      <h3>{t('syncOutboxHeading')}</h3>
      {saved === undefined ? null : <OutboxSummary canSync={saved !== null} />}
    </section>
  );
}
