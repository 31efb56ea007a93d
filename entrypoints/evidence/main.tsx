import { render } from 'preact';
import { exportBundle } from '@/utils/evidence/bundle/export';
import { capturedBy, capturedByKey } from '@/utils/evidence/capture/settings';
import { t } from '@/utils/i18n';
import { App } from './App';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('evidenceTitle');

// Changes are recorded under the name set in the options page; renamed there, the next change here uses the new name.
const root = document.getElementById('app')!;
const show = (by: string) => render(<App exportBundle={exportBundle} by={by} />, root);
show('');
void capturedBy().then(show);
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && capturedByKey in changes) void capturedBy().then(show);
});
