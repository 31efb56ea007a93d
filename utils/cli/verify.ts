/**
 * `npm run -s verify -- <bundle.zip> [--fingerprint <hex>]… [--trusted <file>] [--max-entries <n>] [--json]`: checks a
 * Colophon evidence bundle (utils/evidence/bundle/manifest.ts describes it) and names every file
 * that fails. For anyone who receives a bundle: a platform's reviewer, a court expert, the
 * coalition's intake. The bundle is read in place, a range at a time, so its size does not matter.
 * The exit codes are in `usage` below and in the README.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { maxBundleEntries } from '../evidence/bundle/manifest';
import { openFileSource } from '../evidence/bundle/node-file-source';
import { escapeText } from '../evidence/bundle/shown-text';
import { verifyBundle } from '../evidence/bundle/verify';
import { exitCodes, reportJson, reportLines } from '../evidence/bundle/verify-report';
import { fingerprintPattern, parseTrustedKeys } from '../evidence/bundle/verify-signature';

const usage = `usage: npm run -s verify -- <bundle.zip> [--fingerprint <key fingerprint>]… [--trusted <file>] [--max-entries <n>] [--json]

Checks every file, digest, chain link and the signature of a Colophon evidence bundle, and that
the archive is byte for byte as Colophon writes it. A valid signature only proves which key signed:
name the sender's key, as their Colophon shows it, to check who signed.

  --fingerprint <hex>  a key the bundle may be signed by (64 hex digits); repeat for several
  --trusted <file>     a file of such fingerprints, one per line, # starting a comment
  --max-entries <n>    read an archive of up to n entries (default ${maxBundleEntries}, the most Colophon writes)
  --json               the whole verification as JSON
  --help               this text

Exit codes:
  ${exitCodes.verified}  OK: intact, and signed by a key you named
  ${exitCodes.failed}  FAILED: a check failed (the report names each file and why)
  ${exitCodes.usage}  a wrong command line, or a file that cannot be read
  ${exitCodes['signer-not-checked']}  SIGNER NOT CHECKED: intact and validly signed, but no key was named to check the signer
  ${exitCodes['signer-not-trusted']}  SIGNER NOT TRUSTED: intact and validly signed, by a key you did not name`;

function refuse(message: string): never {
  console.error(`${escapeText(message)}\n${usage}`);
  process.exit(exitCodes.usage);
}

async function parse() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        help: { type: 'boolean' },
        fingerprint: { type: 'string', multiple: true },
        trusted: { type: 'string' },
        'max-entries': { type: 'string' },
      },
    });
  } catch (error) {
    refuse(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (positionals.length !== 1) refuse('give exactly one bundle');
  const named = values.fingerprint ?? [];
  for (const fingerprint of named) if (!fingerprintPattern.test(fingerprint)) refuse(`--fingerprint ${fingerprint}: not a key fingerprint (64 hexadecimal digits)`);
  let trusted: string[] | undefined = named.length > 0 ? named.map((fingerprint) => fingerprint.toLowerCase()) : undefined;
  if (values.trusted !== undefined) {
    const text = await readFile(values.trusted, 'utf8').catch((error: unknown) => refuse(`--trusted ${values.trusted}: ${error instanceof Error ? error.message : String(error)}`));
    let listed: string[] = [];
    try {
      listed = parseTrustedKeys(text);
    } catch (error) {
      refuse(`--trusted ${values.trusted}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (listed.length === 0) refuse(`--trusted ${values.trusted}: the file names no key`);
    trusted = [...(trusted ?? []), ...listed];
  }
  const maxEntries = values['max-entries'] === undefined ? maxBundleEntries : Number(values['max-entries']);
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) refuse(`--max-entries ${values['max-entries']}: not a whole number above 0`);
  return { path: positionals[0]!, json: values.json ?? false, trusted, maxEntries };
}

const { path, json, trusted, maxEntries } = await parse();
const source = await openFileSource(path).catch((error: unknown) => refuse(`${path}: ${error instanceof Error ? error.message : String(error)}`));
try {
  const verification = await verifyBundle(source, { trustedFingerprints: trusted, maxEntries });
  console.log(json ? reportJson(verification) : reportLines(basename(path), verification).join('\n'));
  process.exitCode = exitCodes[verification.verdict];
} catch (error) {
  // Not a finding about the bundle (those are all in the report) but a failure to read the file, such as a disk error.
  console.error(escapeText(`${path}: could not be read to the end: ${error instanceof Error ? error.message : String(error)}`));
  process.exitCode = exitCodes.usage;
} finally {
  await source.close();
}
