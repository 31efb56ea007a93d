/**
 * The options page's capture settings: the name recorded as who captured, one-click capture from
 * the page (an optional permission, asked here, where the user's click can grant it), and
 * persistent storage for the evidence.
 */
import { useEffect, useState } from 'preact/hooks';
import { capturedBy, capturedByMaxLength, mayCaptureFromPage, pageCapturePermission, setCapturedBy } from '@/utils/evidence/capture/settings';
import { installationKey } from '@/utils/evidence/installation-key';
import { keyFingerprint, publicKeyJwk } from '@/utils/protocol/signing';
import { requestPersistence } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';

export function CaptureSettings() {
  const [name, setName] = useState('');
  const [fromPage, setFromPage] = useState<boolean | null>(null);
  const [persistent, setPersistent] = useState<boolean | null>(null);
  const [fingerprint, setFingerprint] = useState<string | null>(null);

  useEffect(() => {
    void capturedBy().then(setName);
    void mayCaptureFromPage().then(setFromPage, () => setFromPage(false));
    // Evidence must not be evicted when the disk fills: ask once, quietly, on this page.
    void requestPersistence().then(setPersistent);
    // What a reader of a bundle compares with the verifier's output: this installation's signing key.
    void installationKey()
      .then(async ({ publicKey }) => keyFingerprint(await publicKeyJwk(publicKey)))
      .then(setFingerprint, () => setFingerprint(null));
  }, []);

  const allow = async () => {
    await browser.permissions.request(pageCapturePermission).catch(() => false);
    setFromPage(await mayCaptureFromPage());
  };
  const withdraw = async () => {
    await browser.permissions.remove(pageCapturePermission).catch(() => false);
    setFromPage(await mayCaptureFromPage());
  };

  return (
    <section class="capture-settings" aria-labelledby="capture-settings-title">
      <h2 id="capture-settings-title">{t('optionsCaptureTitle')}</h2>
      <label>
        {t('optionsCapturedBy')}
        <input
          data-testid="captured-by"
          value={name}
          maxLength={capturedByMaxLength}
          onInput={(event) => setName(event.currentTarget.value)}
          onChange={(event) => void setCapturedBy(event.currentTarget.value).then(setName)}
        />
      </label>
      <p class="hint">{t('optionsCaptureShortcuts')}</p>
      {fromPage === null ? null : fromPage ? (
        <p>
          {t('optionsCaptureFromPageOn')}{' '}
          <button type="button" onClick={() => void withdraw()}>
            {t('optionsCaptureFromPageOff')}
          </button>
        </p>
      ) : (
        <p>
          <button type="button" data-testid="allow-page-capture" onClick={() => void allow()}>
            {t('optionsCaptureFromPageAllow')}
          </button>{' '}
          <span class="hint">{t('optionsCaptureFromPageWhy')}</span>
        </p>
      )}
      {persistent === false ? <p class="hint">{t('optionsStorageNotPersistent')}</p> : null}
      {fingerprint ? (
        <p class="hint">
          {t('optionsKeyFingerprint')} <code data-testid="key-fingerprint">{fingerprint}</code>
        </p>
      ) : null}
    </section>
  );
}
