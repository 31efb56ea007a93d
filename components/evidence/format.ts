/**
 * Evidence as the page words it: times in the user's language and zone with the exact UTC instant
 * beside them (a complaint cites UTC), and the domain's enumerations in the UI language. Labels
 * are looked up when called, never at import, so a change of language needs no reload.
 */
import type { ArtifactKind, EvidenceMarketplace, EvidenceStatus } from '@/utils/protocol/evidence';
import { t } from '@/utils/i18n';

function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** "4 Mar 2025, 13:07:07" in the browser's language and time zone. */
export function localTime(iso: string): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

/** "2025-03-04 05:07:07.089 UTC": the stored instant, whole, for the title attribute. */
export function utcTime(iso: string): string {
  return `${iso.replace('T', ' ').replace(/Z$/, '')} UTC`;
}

export function percent(fraction: number): string {
  return new Intl.NumberFormat(uiLanguage(), { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

export function formatDecimal(value: number): string {
  return new Intl.NumberFormat(uiLanguage(), { maximumFractionDigits: 2 }).format(value);
}

export function marketplaceLabel(marketplace: EvidenceMarketplace): string {
  switch (marketplace) {
    case 'aliexpress':
      return t('evidenceMarketplaceAliexpress');
    case 'aliexpress-ru':
      return t('evidenceMarketplaceAliexpressRu');
    case 'taobao':
      return t('evidenceMarketplaceTaobao');
    case 'tmall':
      return t('evidenceMarketplaceTmall');
  }
}

export function statusLabel(status: EvidenceStatus): string {
  switch (status) {
    case 'new':
      return t('evidenceStatusNew');
    case 'reported':
      return t('evidenceStatusReported');
    case 'taken-down':
      return t('evidenceStatusTakenDown');
    case 'rejected':
      return t('evidenceStatusRejected');
    case 'dismissed':
      return t('evidenceStatusDismissed');
  }
}

export function artifactKindLabel(kind: ArtifactKind): string {
  switch (kind) {
    case 'visible-screenshot':
      return t('evidenceArtifactVisible');
    case 'full-page-screenshot':
      return t('evidenceArtifactFullPage');
    case 'page-html':
      return t('evidenceArtifactPage');
  }
}

/** What a failure says to the user: the store's errors are written to be shown as they are. */
export function failureText(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}
