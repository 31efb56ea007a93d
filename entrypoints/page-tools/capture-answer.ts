/**
 * What the page's marks say once the background answers a Report button. A capture that ran ends
 * with the background's own word on the page (its last step), so only captures that never started
 * are worded here. The answer is read field by field: anything that is not a capture result, a
 * refusal or no answer at all, means the capture never started.
 */
import { t } from '@/utils/i18n';

/** The failure to show, or null when the capture's own last step speaks for it. */
export function captureAnswerStatus(answer: unknown): string | null {
  const result = typeof answer === 'object' && answer !== null ? (answer as { ok?: unknown; reason?: unknown; detail?: unknown }) : null;
  if (result?.ok === true) return null;
  if (result?.ok !== false) return t('captureFailed', '');
  switch (result.reason) {
    case 'busy':
      return t('captureBusy');
    case 'no-permission':
      return t('captureNeedsPermission');
    case 'wall':
    case 'not-a-listing':
      return t('captureFailed', typeof result.detail === 'string' ? result.detail.slice(0, 500) : '');
    default:
      // 'failed' and 'storage-full' come from a capture that ran: its last step told the page.
      return null;
  }
}
