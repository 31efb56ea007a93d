/**
 * `npm run intake -- <command>`: runs the reference intake, or administers it.
 *
 * Exit codes: 0 done; 1 refused or failed (an organisation that exists, a database that cannot be
 * opened), with one sentence on stderr; 2 a wrong command line, with the usage.
 */
import { parseArgs } from 'node:util';
import { AdminError, IntakeAdmin } from './admin';
import { startIntake } from './intake';
import { numberSettings, ServeOptionError, serveFlags, serveOptionsOf, type ServeOptions } from './serve-options';
import { closeStorage, openStorage, type StorageLocation } from './storage/open';
import { prepareDatabase } from './store/store';

const usage = `usage:
  npm run intake -- serve (--data <dir> | --postgres <url>) [--host 127.0.0.1] [--port 8787] [--trusted-proxy <address or CIDR>]… [limits]
  npm run intake -- admin (--data <dir> | --postgres <url>) <command>

admin commands:
  create-org <organisation-id> --name <name>
  create-representative <representative-id> --org <organisation-id> --name <name>   (prints their token, once)
  issue-token <representative-id>            another token for them (prints it, once)
  revoke <representative-id | token>         all of a representative's tokens, or that one
  list [--json]                              organisations, representatives, signing keys
  rotate-key                                 a new receipt signing key from now on

--data keeps everything in SQLite and files in <dir>; --postgres in one PostgreSQL database
(a password is best given in PGPASSWORD rather than in the URL). --trusted-proxy: a TLS-terminating
proxy in front of the intake, whose X-Forwarded-Proto or Forwarded (its own last hop) must say
https; repeat it for several. Without one, plain http is answered from loopback only.

limits (each also from COLOPHON_INTAKE_<FLAG IN CAPITALS, - AS _>; see intake/README.md):
  ${numberSettings.map(({ flag }) => `--${flag}`).join(' ')}`;

class UsageError extends Error {}

const options = {
  data: { type: 'string' },
  postgres: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  ...(serveFlags as Record<'trusted-proxy', { type: 'string'; multiple: true }>),
  name: { type: 'string' },
  org: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

function locationOf(values: Values): StorageLocation {
  if ((values.data === undefined) === (values.postgres === undefined)) throw new UsageError('give either --data <dir> or --postgres <url>');
  return values.postgres !== undefined ? { postgres: values.postgres } : { data: values.data! };
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is needed`);
  return value;
}

async function serve(values: Values, positionals: string[]): Promise<void> {
  if (positionals.length > 0) throw new UsageError(`serve takes no ${positionals[0]}`);
  const port = values.port === undefined ? 8787 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port is a number from 0 to 65535');
  const location = locationOf(values);
  let tuning: ServeOptions;
  try {
    tuning = serveOptionsOf(values, process.env);
  } catch (error) {
    throw error instanceof ServeOptionError ? new UsageError(error.message) : error;
  }
  const intake = await startIntake({ ...location, ...tuning, host: values.host ?? '127.0.0.1', port });
  console.log(`Colophon intake listening on ${intake.url} (${'data' in location ? `data in ${location.data}` : 'PostgreSQL'})`);
  const stop = () => {
    console.log('Colophon intake stopping');
    intake.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function admin(values: Values, [command, ...args]: string[]): Promise<void> {
  const arity = (count: number) => {
    if (args.length !== count) throw new UsageError(`${command} takes ${count === 0 ? 'no argument' : count === 1 ? 'one argument' : `${count} arguments`}`);
  };
  const known = ['create-org', 'create-representative', 'issue-token', 'revoke', 'list', 'rotate-key'];
  if (command === undefined || !known.includes(command)) throw new UsageError(command === undefined ? 'which admin command?' : `no admin command ${command}`);
  arity(command === 'list' || command === 'rotate-key' ? 0 : 1);
  const name = command === 'create-org' || command === 'create-representative' ? required(values.name, '--name') : undefined;
  const organisation = command === 'create-representative' ? required(values.org, '--org') : undefined;

  const storage = await openStorage(locationOf(values));
  try {
    await prepareDatabase(storage.sql, new Date());
    const intake = new IntakeAdmin(storage.sql);
    switch (command) {
      case 'create-org': {
        const created = await intake.createOrganisation(args[0]!, name!);
        console.log(`Organisation ${created.id} (${created.name}) created.`);
        break;
      }
      case 'create-representative': {
        const { representative, token } = await intake.createRepresentative(args[0]!, { organisation: organisation!, name: name! });
        console.log(`Representative ${representative.id} (${representative.name}) of ${representative.organisation} created.`);
        printToken(token);
        break;
      }
      case 'issue-token':
        printToken(await intake.issueToken(args[0]!));
        break;
      case 'revoke': {
        const revoked = await intake.revoke(args[0]!);
        console.log(revoked === 0 ? 'Nothing to revoke: already revoked.' : `Revoked ${revoked} token${revoked === 1 ? '' : 's'}.`);
        break;
      }
      case 'list':
        printList(await intake.list(), values.json ?? false);
        break;
      case 'rotate-key': {
        const key = await intake.rotateKey();
        console.log(`Receipts are signed from ${key.validFrom} with key ${key.keyId}.`);
        break;
      }
    }
  } finally {
    await closeStorage(storage);
  }
}

function printToken(token: string): void {
  console.log('Their token, shown this once (send it to them privately; the intake keeps only its hash):');
  console.log(token);
}

function printList(list: Awaited<ReturnType<IntakeAdmin['list']>>, json: boolean): void {
  if (json) return console.log(JSON.stringify(list, null, 2));
  console.log('Organisations:');
  for (const organisation of list.organisations) console.log(`  ${organisation.id}  ${organisation.name}`);
  console.log('Representatives:');
  for (const representative of list.representatives) {
    console.log(`  ${representative.id}  ${representative.name}  (${representative.organisation}; ${representative.activeTokens} active token(s), ${representative.revokedTokens} revoked)`);
  }
  console.log('Receipt signing keys:');
  for (const key of list.keys) console.log(`  ${key.keyId}  from ${key.validFrom}${key.validUntil ? ` until ${key.validUntil}` : ' (in use)'}`);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ options, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return console.log(usage);
  const [command, ...rest] = positionals;
  if (command === 'serve') return serve(values, rest);
  if (command === 'admin') return admin(values, rest);
  throw new UsageError(command === undefined ? 'serve or admin?' : `no command ${command}`);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${usage}`);
    process.exit(2);
  }
  console.error(error instanceof AdminError ? error.message : `The intake failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
