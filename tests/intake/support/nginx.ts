/**
 * A real nginx in front of a test's intake, as a coalition runs it: TLS terminated by nginx, plain
 * http to the intake. Started from a configuration written into a fresh temp dir (with a
 * self-signed certificate for 127.0.0.1 made by openssl), in the foreground as one process that
 * `stop()` ends; everything goes with the dir.
 *
 * It listens twice over, each as http and https: `appending` adds its own protocol after what the
 * client sent (`X-Forwarded-Proto: <client's>, <its own>`, and an element of RFC 7239's Forwarded),
 * `setting` replaces X-Forwarded-Proto with its own and passes the client's Forwarded through. It
 * connects to the intake from `proxyAddress`, a loopback address of its own, so the intake can tell
 * it from the test's own requests.
 *
 * The intake's tests skip it only where nginx is not installed (Debian package `nginx`); .ci/run
 * installs it, so CI always runs them.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const proxyAddress = '127.0.0.2';

export interface TestNginx {
  appending: { http: string; https: string };
  setting: { http: string; https: string };
  /** The certificate nginx presents, for the test's client to trust. */
  certificate: string;
  stop(): Promise<void>;
}

/** nginx from PATH or where Debian puts it (/usr/sbin, outside a user's PATH); null when absent. */
export function findNginx(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  return dirs.map((dir) => join(dir, 'nginx')).find((path) => existsSync(path)) ?? null;
}

export async function startNginx(upstream: string): Promise<TestNginx> {
  const nginx = findNginx();
  if (!nginx) throw new Error('nginx is not installed: install the Debian package `nginx`');
  const dir = await mkdtemp(join(tmpdir(), 'colophon-nginx-'));
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) await mkdir(join(dir, temp));
  await run('openssl', [
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
    ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
  ]);
  const errorLog = join(dir, 'error.log');
  for (let attempt = 1; ; attempt++) {
    const ports = await Promise.all([1, 2, 3, 4].map(() => freePort()));
    await writeFile(join(dir, 'nginx.conf'), configuration(dir, upstream, ports));
    const child = spawn(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', errorLog], { stdio: 'ignore' });
    const stopNow = () => child.kill('SIGTERM');
    process.once('exit', stopNow);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await listening(child, ports[0]!);
    } catch (error) {
      stopNow();
      await exited;
      process.removeListener('exit', stopNow);
      // Another process may take a free port before nginx binds it: try again.
      if (attempt < 3) continue;
      const log = await readFile(errorLog, 'utf8').catch(() => '');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`nginx did not start${log ? `; its log:\n${log}` : ''}`, { cause: error });
    }
    const url = (port: number, scheme: string) => `${scheme}://127.0.0.1:${port}`;
    return {
      appending: { http: url(ports[0]!, 'http'), https: url(ports[1]!, 'https') },
      setting: { http: url(ports[2]!, 'http'), https: url(ports[3]!, 'https') },
      certificate: await readFile(join(dir, 'cert.pem'), 'utf8'),
      async stop() {
        stopNow();
        await exited;
        process.removeListener('exit', stopNow);
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}

function configuration(dir: string, upstream: string, [appendingHttp, appendingHttps, settingHttp, settingHttps]: number[]): string {
  const location = (headers: string) => `
    location / {
      proxy_pass ${upstream};
      proxy_bind ${proxyAddress};
      ${headers}
    }`;
  const tls = `ssl_certificate ${join(dir, 'cert.pem')}; ssl_certificate_key ${join(dir, 'key.pem')};`;
  return `
daemon off;
master_process off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  client_max_body_size 9m;
  map $http_x_forwarded_proto $appended_proto { "" $scheme; default "$http_x_forwarded_proto, $scheme"; }
  map $http_forwarded $appended_forwarded { "" "proto=$scheme"; default "$http_forwarded, proto=$scheme"; }
  server {
    listen 127.0.0.1:${appendingHttp};
    listen 127.0.0.1:${appendingHttps} ssl;
    ${tls}
    ${location('proxy_set_header X-Forwarded-Proto $appended_proto; proxy_set_header Forwarded $appended_forwarded;')}
  }
  server {
    listen 127.0.0.1:${settingHttp};
    listen 127.0.0.1:${settingHttps} ssl;
    ${tls}
    ${location('proxy_set_header X-Forwarded-Proto $scheme;')}
  }
}
`;
}

/** Resolves once nginx accepts connections on `port`; rejects if it exits first or takes over 10 s. */
async function listening(child: ChildProcess, port: number): Promise<void> {
  const until = Date.now() + 10_000;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error('nginx exited');
    if (await accepts(port)) return;
    if (Date.now() > until) throw new Error('nginx did not listen within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
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
