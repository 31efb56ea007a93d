/**
 * The issues of an import, errors before warnings, each with its line ("line 1 204, Print ISBN:
 * …"), in the user's language. A file can have up to 1 000 (utils/catalog/import/types.ts,
 * maxIssues): they scroll in a box of their own, which the keyboard can reach.
 */
import { describeIssueLocalised } from '@/utils/catalog/import/issue-locale';
import type { ImportIssue } from '@/utils/catalog/import/types';
import { t } from '@/utils/i18n';

export function IssueList({ issues }: { issues: readonly ImportIssue[] }) {
  if (issues.length === 0) return null;
  const sorted = [...issues.filter((issue) => issue.severity === 'error'), ...issues.filter((issue) => issue.severity === 'warning')];
  return (
    <div class="issues" tabIndex={0} role="region" aria-label={t('optionsIssuesLabel')} data-testid="import-issues">
      <ul>
        {sorted.map((issue, index) => (
          <li key={index} class={issue.severity} data-testid="import-issue" data-severity={issue.severity} data-line={issue.line}>
            <span class="severity">{issue.severity === 'error' ? t('optionsIssueError') : t('optionsIssueWarning')}</span>
            {describeIssueLocalised(issue)}
          </li>
        ))}
      </ul>
    </div>
  );
}
