/**
 * Import issues in the user's language: "line 1 204, Print ISBN: ISBN 978-0-306-48048-4 fails its
 * checksum" in English, "第 1 204 行，Print ISBN：ISBN 978-0-306-48048-4 校验位错误" in Chinese.
 * Column names, element paths and values from the file are said as the file writes them.
 */
import { t, type MessageKey } from '../../i18n';
import { groupDigits, type IssueParam } from './issue-text';
import { describeIssue, type ImportIssue } from './types';

/** The shape of `t`: a key of public/_locales and its substitutions ($1 … $9). */
export type Translate = (key: MessageKey, ...substitutions: string[]) => string;

/** As describeIssue, in the language `translate` speaks (the browser's, by default). */
export function describeIssueLocalised(issue: ImportIssue, translate: Translate = t): string {
  // Issues not made by the importers (older summaries, tests) have only their English.
  if (!issue.code) return describeIssue(issue);
  let message = say({ code: issue.code, params: issue.params ?? [] }, translate);
  if (issue.repeats) message = translate(issue.repeats === 1 ? 'importIssueRepeatedOnce' : 'importIssueRepeated', message, groupDigits(issue.repeats));
  const line = groupDigits(issue.line);
  const where = issue.place ? say(issue.place, translate) : issue.where;
  return where ? translate('importIssueLineWhere', line, where, message) : translate('importIssueLine', line, message);
}

function say(param: IssueParam, translate: Translate): string {
  if (typeof param === 'string') return param;
  if (typeof param === 'number') return String(param);
  if ('items' in param) {
    const key = param.separator === 'comma' ? 'importIssueListComma' : 'importIssueListSemicolon';
    // Pairwise, so that no message begins or ends with the separator's space.
    const items = param.items.map((item) => say(item, translate));
    return items.length === 0 ? '' : items.reduce((list, item) => translate(key, list, item));
  }
  return translate(`importIssue_${param.code}`, ...param.params.map((inner) => say(inner, translate)));
}
