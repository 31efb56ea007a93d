/** Numbers, sizes and dates as the user's browser language writes them ("1,234"; "12.5 MB"; "12 Mar 2026, 14:05"). */

function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(uiLanguage()).format(value);
}

export function formatBytes(bytes: number): string {
  const [unit, divisor] = bytes >= 1e9 ? ['gigabyte', 1e9] as const : bytes >= 1e6 ? ['megabyte', 1e6] as const : ['kilobyte', 1e3] as const;
  return new Intl.NumberFormat(uiLanguage(), { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / divisor);
}

export function formatDate(timestamp: number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(timestamp);
}

/** A language tag's name in the UI language ("zh" → "Chinese" / "中文"), or the tag itself. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage()], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
