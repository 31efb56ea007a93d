/**
 * What the network does to a representative's uploads, on loopback: a proxy in front of the
 * reference intake that forwards every request as it is, until a test tells it to fail in one of
 * the ways a network fails — the intake down, answers of 500 or 429 with Retry-After, a connection
 * cut in the middle of a chunk. It also keeps a log of what went through, so a test can check that
 * Retry-After was honoured and that a cut chunk was resumed rather than restarted.
 */
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  /** The Content-Range of a chunk, if any. */
  range: string | null;
  /** The status answered to the extension; null when the connection was cut. */
  status: number | null;
  at: number;
  /** Set when the proxy answered by itself (a planned failure) or cut the connection. */
  fault: 'status' | 'cut' | null;
  /** The extension went away before the answer was through: its background was stopped mid-request. */
  abandoned: boolean;
}

type Plan = { kind: 'status'; status: number; retryAfter: number | null; matches: (request: IncomingMessage) => boolean } | { kind: 'cut'; afterBytes: number; matches: (request: IncomingMessage) => boolean };

export const isChunk = (request: IncomingMessage): boolean => request.method === 'PUT' && /\/artifacts\/\d+$/.test(request.url ?? '');
export const isUpload = (request: IncomingMessage): boolean => request.method === 'PUT';

export class IntakeProxy {
  readonly log: ProxiedRequest[] = [];
  private plans: Plan[] = [];
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  private port = 0;
  /** Added before each request is forwarded: uploads take long enough to be interrupted. */
  latencyMs = 0;

  private constructor(private readonly upstream: URL) {}

  /** A proxy to the intake at `upstream`, listening on a free loopback port. */
  static async start(upstream: string): Promise<IntakeProxy> {
    const proxy = new IntakeProxy(new URL(upstream));
    await proxy.up();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens again on the same port: the intake is back. */
  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((request, response) => this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((listening, failed) => {
      server.once('error', failed);
      server.listen(this.port, '127.0.0.1', () => listening());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** The intake goes away: no more connections, and every open one is dropped. */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((closed) => server.close(() => closed()));
  }

  /** The next `times` requests that `matches` are answered `status` by the proxy itself, as a problem. */
  failNext(status: 500 | 429 | 503, options: { times?: number; retryAfter?: number; matches?: (request: IncomingMessage) => boolean } = {}): void {
    for (let i = 0; i < (options.times ?? 1); i++) this.plans.push({ kind: 'status', status, retryAfter: options.retryAfter ?? null, matches: options.matches ?? isUpload });
  }

  /**
   * The next chunk is forwarded for `afterBytes` bytes of its body, then both connections are cut.
   * `notFirst`: not an artifact's first chunk; `startingAt`: the chunk that starts at that byte.
   */
  cutNextChunk(afterBytes: number, options: { notFirst?: boolean; startingAt?: number } = {}): void {
    const start = (request: IncomingMessage) => Number(/^bytes (\d+)-/.exec(String(request.headers['content-range']))?.[1]);
    const matches = (request: IncomingMessage) =>
      isChunk(request) && (!options.notFirst || start(request) > 0) && (options.startingAt === undefined || start(request) === options.startingAt);
    this.plans.push({ kind: 'cut', afterBytes, matches });
  }

  get pendingFaults(): number {
    return this.plans.length;
  }

  async close(): Promise<void> {
    await this.down();
  }

  private takePlan(request: IncomingMessage): Plan | null {
    const index = this.plans.findIndex((plan) => plan.matches(request));
    return index < 0 ? null : this.plans.splice(index, 1)[0]!;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const entry: ProxiedRequest = { method: request.method ?? '', path: request.url ?? '', range: (request.headers['content-range'] as string | undefined) ?? null, status: null, at: Date.now(), fault: null, abandoned: false };
    this.log.push(entry);
    response.on('close', () => {
      if (!response.writableFinished && entry.fault !== 'cut') entry.abandoned = true;
    });
    const plan = this.takePlan(request);
    if (plan?.kind === 'status') {
      entry.fault = 'status';
      entry.status = plan.status;
      // Read the body first: answering before it arrives would look like a dropped connection.
      request.resume();
      request.on('end', () => {
        const code = plan.status === 429 ? 'rate-limited' : plan.status === 503 ? 'unavailable' : 'internal';
        response.writeHead(plan.status, { 'content-type': 'application/problem+json', ...(plan.retryAfter === null ? {} : { 'retry-after': String(plan.retryAfter) }) });
        response.end(JSON.stringify({ code, status: plan.status, title: `The intake is ${plan.status === 500 ? 'failing' : 'busy'} (Colophon's test proxy)` }));
      });
      return;
    }
    if (this.latencyMs > 0) {
      request.pause();
      setTimeout(() => this.forward(request, response, entry, plan), this.latencyMs);
    } else this.forward(request, response, entry, plan);
  }

  private forward(request: IncomingMessage, response: ServerResponse, entry: ProxiedRequest, plan: Plan | null): void {
    const upstream = forward(
      { host: this.upstream.hostname, port: this.upstream.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        entry.status = answer.statusCode ?? null;
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    if (plan?.kind === 'cut') {
      entry.fault = 'cut';
      let sent = 0;
      request.on('data', (piece: Buffer) => {
        if (sent >= plan.afterBytes) return;
        const part = piece.subarray(0, plan.afterBytes - sent);
        sent += part.length;
        upstream.write(part);
        if (sent >= plan.afterBytes) {
          // Give the intake the bytes, then drop both ends as a failing network would.
          setTimeout(() => {
            upstream.destroy();
            request.socket.destroy();
          }, 50);
        }
      });
      request.resume();
      return;
    }
    request.pipe(upstream);
    request.resume();
  }
}
