/**
 * Lists of listing URLs to paste into Alibaba's IP Protection platform (ipp.alibabagroup.com),
 * whose complaint form takes the infringing links one per line, a limited number per complaint:
 * at most 300 per list here, so each file is one complaint. One folder per marketplace (AliExpress,
 * aliexpress.ru, Taobao and Tmall are separate platforms to complain on) and, within it, one series
 * of files per catalogue entry, since a complaint is about one work: `<catalogue>-<entry>-<n>.txt`,
 * and `unmatched-<n>.txt` for captures without a match.
 *
 * Only listings still to act on are listed: not deleted, not dismissed, not already taken down.
 * A listing captured twice is listed once.
 */
import type { EvidenceMarketplace } from '@/utils/protocol/evidence';
import type { PlannedItem } from './layout';

export const urlsPerList = 300;

export interface ComplaintList {
  path: string;
  urls: string[];
}

const unmatched = 'unmatched';

/** A file-name part: letters and digits of any script kept, everything else one hyphen, at most 80 characters. */
function slug(text: string): string {
  return text.normalize('NFC').replace(/[^\p{L}\p{N}._]+/gu, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80).replace(/[-.]+$/, '') || 'entry';
}

const toPursue = (planned: PlannedItem) => planned.state.deleted === null && planned.state.status !== 'dismissed' && planned.state.status !== 'taken-down';

/** The lists for `items` (in chain order): by marketplace, then catalogue entry, then unmatched. */
export function complaintLists(items: readonly PlannedItem[]): ComplaintList[] {
  const groups = new Map<EvidenceMarketplace, Map<string, { label: string; urls: Set<string> }>>();
  for (const planned of items.filter(toPursue)) {
    const { marketplace, match, canonicalUrl } = planned.item.metadata;
    const key = match ? JSON.stringify([match.catalogueId, match.entryId]) : unmatched;
    const label = match ? `${slug(match.catalogueId)}-${slug(match.entryId)}` : unmatched;
    const byEntry = groups.get(marketplace) ?? new Map<string, { label: string; urls: Set<string> }>();
    groups.set(marketplace, byEntry);
    const group = byEntry.get(key) ?? { label, urls: new Set<string>() };
    byEntry.set(key, group);
    group.urls.add(canonicalUrl);
  }

  const lists: ComplaintList[] = [];
  for (const marketplace of [...groups.keys()].sort()) {
    const byEntry = groups.get(marketplace)!;
    // Two entries whose names make the same file name (on a case-insensitive disk too) get numbered apart.
    const taken = new Set<string>([unmatched]);
    const ordered = [...byEntry.entries()].filter(([key]) => key !== unmatched).sort(([, a], [, b]) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    const named = ordered.map(([, group]) => {
      let name = group.label;
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${group.label}~${n}`;
      taken.add(name.toLowerCase());
      return { name, urls: [...group.urls] };
    });
    const none = byEntry.get(unmatched);
    if (none) named.push({ name: unmatched, urls: [...none.urls] });
    for (const { name, urls } of named) {
      for (let start = 0, n = 1; start < urls.length; start += urlsPerList, n++) {
        lists.push({ path: `complaints/${marketplace}/${name}-${n}.txt`, urls: urls.slice(start, start + urlsPerList) });
      }
    }
  }
  return lists;
}

/** A list's file: one URL per line, each line ended. */
export const complaintListText = (list: ComplaintList): string => list.urls.map((url) => `${url}\n`).join('');
