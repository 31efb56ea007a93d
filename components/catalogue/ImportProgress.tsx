/** A running import: how much of the file is read, how many entries so far, and a way to stop it. */
import { t } from '@/utils/i18n';
import { formatBytes, formatNumber } from './format';
import type { ImportProgress as Progress } from './import-job';

interface Props {
  fileName: string;
  size: number;
  progress: Progress;
  onCancel(): void;
}

export function ImportProgress({ fileName, size, progress, onCancel }: Props) {
  const read = Math.min(progress.bytesRead, size);
  const percent = size > 0 ? Math.floor((read / size) * 100) : 0;
  const status = t('optionsProgressStatus', formatBytes(read), formatBytes(size), formatNumber(progress.entries));
  return (
    <section class="import-progress" data-testid="import-progress" aria-labelledby="import-progress-label">
      <p id="import-progress-label">{t('optionsProgressImporting', fileName)}</p>
      <progress
        max={size || 1}
        value={read}
        data-testid="import-progress-bar"
        aria-labelledby="import-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={status}
      />
      <p class="hint" data-testid="import-progress-status" data-bytes={read} data-entries={progress.entries}>
        {status}
      </p>
      <button type="button" data-testid="import-cancel" onClick={onCancel}>
        {t('optionsProgressCancel')}
      </button>
    </section>
  );
}
