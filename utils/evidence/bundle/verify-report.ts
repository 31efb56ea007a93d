/**
 * The verifier's report for a person at a terminal, and its exit codes. Every piece of text that
 * comes from the bundle (names, manifest fields, messages quoting them) reaches the screen through
 * ./shown-text.ts, so a bundle cannot repaint the report or disguise a name. The verdict's first
 * word says it all: OK, SIGNER NOT CHECKED, SIGNER NOT TRUSTED or FAILED, each with its exit code.
 */
import { escapeJson, escapeText, quoted } from './shown-text';
import type { BundleFinding } from './verify-findings';
import type { BundleVerdict, BundleVerification } from './verify';

/** The verifier's exit codes; 2 is the command line's own (a wrong argument, a file that cannot be opened). */
export const exitCodes: Readonly<Record<BundleVerdict | 'usage', number>> = {
  verified: 0,
  failed: 1,
  usage: 2,
  'signer-not-checked': 3,
  'signer-not-trusted': 4,
};

const size = (bytes: number) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);

function findingLine(finding: BundleFinding): string {
  const where = finding.offset === undefined ? '' : `, at byte ${finding.offset}`;
  return `  ${finding.file === null ? '(archive)' : escapeText(finding.file)}: ${finding.message} (${finding.code}${where})`;
}

/** What `npm run verify` prints for the bundle file `name`. */
export function reportLines(name: string, verification: BundleVerification): string[] {
  const { summary, fingerprint, failures } = verification;
  const lines = [`Colophon evidence bundle ${escapeText(name)}`];
  if (summary) {
    const selection = summary.case ? `, case ${quoted(summary.case.name)}` : ', a selection of items';
    lines.push(`  exported ${escapeText(summary.createdAt)} by Colophon ${escapeText(summary.extensionVersion)}${selection}`);
    lines.push(`  ${summary.items} items (${summary.deletedItems} deleted), ${summary.events} events, ${summary.files} files, ${size(summary.bytes)}`);
    lines.push(`  chain of ${summary.headSequence} records, head link ${summary.headLink ?? '(none)'}`);
  }
  lines.push(`  signing key fingerprint: ${fingerprint ?? '(no usable key)'}`);
  const checksOut = 'every file, digest and chain link checks out';
  switch (verification.verdict) {
    case 'verified':
      lines.push(`OK: ${checksOut}, and the signature is valid for key ${fingerprint}, a key you named.`);
      break;
    case 'signer-not-checked':
      lines.push(`SIGNER NOT CHECKED: ${checksOut}, and the signature is valid for key ${fingerprint}; no key was named to check it against.`);
      lines.push(`  Compare it with the fingerprint the sender’s Colophon shows, then name it with --fingerprint or --trusted.`);
      break;
    case 'signer-not-trusted':
      lines.push(`SIGNER NOT TRUSTED: ${checksOut}, and the signature is valid for key ${fingerprint}, which is not a key you named.`);
      break;
    case 'failed':
      lines.push(`FAILED: ${failures.length} problem${failures.length === 1 ? '' : 's'}`);
      for (const failure of failures) lines.push(findingLine(failure));
  }
  return lines;
}

/** The verification as JSON, every hidden character in its strings escaped, so it is safe to print too. */
export const reportJson = (verification: BundleVerification): string => escapeJson(JSON.stringify(verification, null, 2));
