/**
 * What every part of the evidence page shares: the open store, who is making changes, the
 * exporter, the page-long thumbnail cache, and a revision that moves on after every change so
 * each part reads the store again.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { EvidenceDatabase } from '@/utils/evidence/store';
import type { BundleExporter } from './save-bundle';
import type { ThumbnailCache, ViewWatcher } from './thumbnails';

export interface EvidencePage {
  db: EvidenceDatabase;
  /** Recorded as the `by` of every change: the name set in the options page, '' until there is one. */
  by: string;
  exportBundle: BundleExporter;
  thumbnails: ThumbnailCache;
  /** Null where the browser has no IntersectionObserver: thumbnails are then made at once. */
  views: ViewWatcher | null;
  /** Counts the changes made on this page. */
  revision: number;
  /** Call after changing the store: lists, cases and the open item read it again. */
  changed(): void;
}

export const EvidencePageContext = createContext<EvidencePage | null>(null);

export function useEvidencePage(): EvidencePage {
  const page = useContext(EvidencePageContext);
  if (!page) throw new Error('useEvidencePage outside the evidence page');
  return page;
}
