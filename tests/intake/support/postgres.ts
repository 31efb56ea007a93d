/**
 * A real, throwaway PostgreSQL server for one test file: the intake's tests pass
 * against PostgreSQL started by the test run. initdb into a fresh temp dir, listen on 127.0.0.1 on
 * a free port, one database per test via `freshDatabase()`; `stop()` removes everything.
 *
 * Never skips: when the server binaries are missing it fails naming the Debian package, so CI
 * (.ci/run installs it) cannot pass without having run these tests.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface TestPostgres {
  /** A database created for this server's first user. */
  url: string;
  /** Creates an empty database and returns its URL, so tests sharing the server do not share rows. */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = findServerBinaries();
  const dir = await mkdtemp(join(tmpdir(), 'colophon-pg-'));
  // initdb and postgres refuse to run as root; the Debian package creates the `postgres` user.
  const asUser = process.getuid?.() === 0 ? systemUser('postgres') : undefined;
  const command = (name: string, args: string[]) =>
    asUser ? run('runuser', ['-u', 'postgres', '--', join(bin, name), ...args]) : run(join(bin, name), args);
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      const args = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
      const pgCtl = join(bin, 'pg_ctl');
      if (asUser) execFileSync('runuser', ['-u', 'postgres', '--', pgCtl, ...args], { stdio: 'ignore' });
      else execFileSync(pgCtl, args, { stdio: 'ignore' });
    } catch {
      // Not running (start failed): nothing to stop.
    }
  };
  // A test run that dies must not leave a server behind.
  process.once('exit', stopNow);
  try {
    if (asUser) await chown(dir, asUser.uid, asUser.gid);
    await command('initdb', [
      ...['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'],
      ...['--no-sync', '--no-instructions'],
    ]);
    const port = await startOnFreePort(command, dataDir, logFile, dir);
    const base = `postgres://postgres@127.0.0.1:${port}`;
    let databases = 0;
    const freshDatabase = async () => {
      const name = `colophon_test_${++databases}`;
      const admin = new pg.Client({ connectionString: `${base}/postgres` });
      await admin.connect();
      try {
        // FILE_COPY: the template is tiny and fsync is off, so copying files beats WAL-logging it.
        await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 STRATEGY FILE_COPY`);
      } finally {
        await admin.end();
      }
      return `${base}/${name}`;
    };
    return {
      url: await freshDatabase(),
      freshDatabase,
      async stop() {
        stopNow();
        process.removeListener('exit', stopNow);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    stopNow();
    process.removeListener('exit', stopNow);
    const log = await readFile(logFile, 'utf8').catch(() => '');
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not start a test PostgreSQL server${log ? `; its log:\n${log}` : ''}`, { cause: error });
  }
}

/** The newest installed server's bin dir (Debian: /usr/lib/postgresql/<major>/bin). */
function findServerBinaries(): string {
  const candidates: string[] = [];
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const majors = readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...majors.map((major) => join(root, major, 'bin')));
  }
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // No pg_config either: the message below says what to install.
  }
  const bin = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin or `pg_config --bindir`: ' +
        'install the Debian package `postgresql` (apt-get install postgresql); .ci/run does this in CI.',
    );
  }
  return bin;
}

function systemUser(name: string): { uid: number; gid: number } {
  try {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim()));
    return { uid: uid!, gid: gid! };
  } catch (error) {
    throw new Error(
      `running as root, and the \`${name}\` user PostgreSQL runs as is missing: install the Debian package \`postgresql\`, which creates it`,
      { cause: error },
    );
  }
}

type Command = (name: string, args: string[]) => Promise<unknown>;

/** Another process may take the free port before the server binds it: try a few. */
async function startOnFreePort(command: Command, dataDir: string, logFile: string, socketDir: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${socketDir}'`,
      // Throwaway data: durability is not what these tests measure, speed is.
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c synchronous_commit=off',
    ].join(' ');
    try {
      await command('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options, 'start']);
      return port;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
