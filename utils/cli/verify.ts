/**
 * `npm run -s verify -- <bundle.zip> [--fingerprint <hex>] [--json]`: checks a Colophon evidence
 * bundle (utils/evidence/bundle/manifest.ts describes it) and names every file that fails. For
 * anyone who receives a bundle: a platform's reviewer, a court expert, the coalition's intake.
 *
 * Exit code 0 when every check passes, 1 when anything fails (one line per failure, naming the
 * file), 2 for a wrong command line or a file that cannot be opened. The bundle is read in place,
 * a range at a time, so its size does not matter.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { openFileSource } from '../evidence/bundle/node-file-source';
import { verifyBundle, type BundleVerification } from '../evidence/bundle/verify';

const usage = 'usage: npm run -s verify -- <bundle.zip> [--fingerprint <key fingerprint>] [--json]';

function parse() {
  try {
    const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' }, fingerprint: { type: 'string' } } });
    if (positionals.length !== 1) throw new Error('give exactly one bundle');
    return { path: positionals[0]!, json: values.json ?? false, fingerprint: values.fingerprint };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
}

const size = (bytes: number) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);

function report(name: string, verification: BundleVerification): string[] {
  const { summary, fingerprint, failures } = verification;
  const lines = [`Colophon evidence bundle ${name}`];
  if (summary) {
    lines.push(`  exported ${summary.createdAt} by Colophon ${summary.extensionVersion}${summary.case ? `, case ${JSON.stringify(summary.case.name)}` : ', a selection of items'}`);
    lines.push(`  ${summary.items} items (${summary.deletedItems} deleted), ${summary.events} events, ${summary.files} files, ${size(summary.bytes)}`);
    lines.push(`  chain of ${summary.headSequence} records, head link ${summary.headLink ?? '(none)'}`);
  }
  lines.push(`  signing key fingerprint: ${fingerprint ?? '(no usable key)'}`);
  lines.push('  (compare it with the fingerprint the sender’s Colophon shows)');
  if (verification.ok) {
    lines.push('OK: every file, digest and chain link checks out, and the signature is valid.');
  } else {
    lines.push(`FAILED: ${failures.length} problem${failures.length === 1 ? '' : 's'}`);
    for (const failure of failures) lines.push(`  ${failure.file ?? '(archive)'}: ${failure.message}`);
  }
  return lines;
}

const { path, json, fingerprint } = parse();
const source = await openFileSource(path).catch((error: unknown) => {
  console.error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
try {
  const verification = await verifyBundle(source, { expectedFingerprint: fingerprint });
  if (json) console.log(JSON.stringify(verification, null, 2));
  else console.log(report(basename(path), verification).join('\n'));
  process.exitCode = verification.ok ? 0 : 1;
} finally {
  await source.close();
}
