/**
 * The intake's HTTP server: node:http, no framework. It finds the operation, runs its handler,
 * turns refusals into problems and anything unexpected into 500, checks the status is one the
 * OpenAPI allows for the operation, and writes the answer. A request whose body was not read whole
 * (refused early, or the client stopped sending) gets `Connection: close`: the rest of the body is
 * not waited for on a connection that is reused.
 *
 * What one client can hold: a connection among `maxConnections` (more are closed as they come), a
 * request whose head must arrive within `headersTimeoutMs` and whole within `requestTimeoutMs`
 * (else the connection is closed and nothing of it is committed), and a place among its token's
 * and organisation's concurrent requests (./traffic.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { IntakeProblem, refuse } from '../problem';
import type { Caller } from '../store/members';
import type { IntakeStore } from '../store/store';
import { isStorageFull, storageFullRetryAfterSeconds } from '../storage/storage-full';
import { internalAnswer, problemAnswer, type Answer } from './answers';
import type { Handler } from './exchange';
import { TrustedProxies } from './forwarded';
import { getItem, getReceipt, putItem } from './handlers/items';
import { putArtifactChunk } from './handlers/chunks';
import { getServerKeys, getSession, reconcile } from './handlers/session';
import { allowedStatuses, route, type OperationId } from './operations';
import { BodyEndedEarly, ClientGone } from './request-body';
import { TrafficGuard, type TrafficLimits } from './traffic';

const handlers: Record<OperationId, Handler> = { getSession, getServerKeys, putItem, getItem, putArtifactChunk, getReceipt, reconcile };

export interface ConnectionLimits {
  maxConnections: number;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
}

/**
 * The extension gives up on a request after 25 s (intakeTimeoutMs), a whole 8 MiB chunk included:
 * a request still arriving after 30 s has no client waiting for it. A coalition's members run a
 * handful of installations each; 128 connections is room for dozens of them at once, and bounds
 * the chunk bodies in memory to 128 × 8 MiB even if every one were an upload.
 */
export const defaultConnectionLimits: ConnectionLimits = { maxConnections: 128, requestTimeoutMs: 30_000, headersTimeoutMs: 10_000 };

export function connectionLimitsOf(given: Partial<ConnectionLimits> = {}): ConnectionLimits {
  const limits = { ...defaultConnectionLimits, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of at least 1, not ${String(value)}`);
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) throw new RangeError('headersTimeoutMs must be at most requestTimeoutMs: the head is part of the request');
  return limits;
}

export interface IntakeServerOptions {
  /** Addresses or CIDR ranges of the TLS-terminating proxies whose forwarded protocol is believed (./forwarded.ts). */
  trustedProxies?: readonly string[];
  traffic?: Partial<TrafficLimits>;
  connections?: Partial<ConnectionLimits>;
  /** Where unexpected failures are reported. */
  log?: (message: string) => void;
}

export interface IntakeServer {
  server: Server;
  /** Resolves when every request being handled has been answered (or abandoned). */
  settled(): Promise<void>;
}

export function createIntakeServer(store: IntakeStore, options: IntakeServerOptions = {}): IntakeServer {
  const log = options.log ?? ((message: string) => console.error(message));
  const proxies = new TrustedProxies(options.trustedProxies);
  const traffic = new TrafficGuard(options.traffic);
  const connections = connectionLimitsOf(options.connections);
  /** For each connection with a request in progress: how to tell it the client ended its side early. */
  const peerEnders = new WeakMap<Socket, () => void>();
  const inProgress = new Set<Promise<void>>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let endPeer!: () => void;
    const peerEnded = new Promise<void>((resolve) => (endPeer = resolve));
    peerEnders.set(request.socket, endPeer);
    let answer: Answer;
    let operation: OperationId | null = null;
    const admitted: (() => void)[] = [];
    const admit = (caller: Caller) => void admitted.push(traffic.admit(caller));
    try {
      const path = new URL(request.url ?? '/', 'http://intake.invalid').pathname;
      const matched = route(request.method, path);
      if (!matched) throw refuse('unknown-item', 'No such resource in the intake protocol v1', { detail: `${request.method} ${path.slice(0, 200)}` });
      operation = matched.operation;
      answer = await handlers[operation]({ request, path, params: matched.params, store, peerEnded, proxies, admit });
    } catch (error) {
      if (error instanceof ClientGone) return;
      const full = isStorageFull(error);
      if (full) log(`intake: storage full: ${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      const failure =
        error instanceof BodyEndedEarly
          ? refuse('truncated', 'The body ended before its Content-Length did', { detail: error.message })
          : full
            ? refuse('storage-full', 'The intake’s storage is full', { detail: 'nothing was stored; an administrator has to make room', retryAfterSeconds: storageFullRetryAfterSeconds })
            : error;
      if (!(failure instanceof IntakeProblem) || failure.code === 'internal') log(`intake: ${request.method} ${request.url}: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`);
      answer = failure instanceof IntakeProblem ? problemAnswer(failure) : internalAnswer();
    } finally {
      peerEnders.delete(request.socket);
      for (const end of admitted) end();
    }
    if (operation && !allowedStatuses.get(operation)!.has(answer.status)) {
      log(`intake: ${operation} may not answer ${answer.status}: answered 500 instead`);
      answer = internalAnswer();
    }
    send(response, answer, !request.complete);
  }

  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const job = handle(request, response).catch((error: unknown) => {
      log(`intake: answering failed: ${error instanceof Error ? error.message : String(error)}`);
      response.destroy();
    });
    inProgress.add(job);
    void job.finally(() => inProgress.delete(job));
  };
  const server = createServer(
    {
      requestTimeout: connections.requestTimeoutMs,
      headersTimeout: connections.headersTimeoutMs,
      // Node looks for requests past their time this often; its default, 30 s, would let one run
      // twice as long as allowed.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, connections.headersTimeoutMs / 4)),
    },
    answer,
  );
  server.maxConnections = connections.maxConnections;

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const endPeer = peerEnders.get(socket);
    // The client ended its side mid-body: the handler answers 400 truncated, then the connection closes.
    if (error.code === 'HPE_INVALID_EOF_STATE' && endPeer) return endPeer();
    socket.destroy();
  });

  return {
    server,
    async settled() {
      while (inProgress.size > 0) await Promise.allSettled([...inProgress]);
    },
  };
}

function send(response: ServerResponse, answer: Answer, closeAfter: boolean): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(answer.status, {
    'Content-Type': answer.type,
    'Content-Length': Buffer.byteLength(answer.body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(answer.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(answer.retryAfterSeconds) }),
    ...(closeAfter ? { Connection: 'close' } : {}),
  });
  response.end(answer.body);
}
