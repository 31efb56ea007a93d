/**
 * The intake's HTTP server: node:http, no framework. It finds the operation, runs its handler,
 * turns refusals into problems and anything unexpected into 500, checks the status is one the
 * OpenAPI allows for the operation, and writes the answer. A request whose body was not read whole
 * (refused early, or the client stopped sending) gets `Connection: close`: the rest of the body is
 * not waited for on a connection that is reused.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { IntakeProblem, refuse } from '../problem';
import type { IntakeStore } from '../store/store';
import { internalAnswer, problemAnswer, type Answer } from './answers';
import type { Handler } from './exchange';
import { getItem, getReceipt, putItem } from './handlers/items';
import { putArtifactChunk } from './handlers/chunks';
import { getServerKeys, getSession, reconcile } from './handlers/session';
import { allowedStatuses, route, type OperationId } from './operations';
import { BodyEndedEarly, ClientGone } from './request-body';

const handlers: Record<OperationId, Handler> = { getSession, getServerKeys, putItem, getItem, putArtifactChunk, getReceipt, reconcile };

export interface IntakeServerOptions {
  /** The intake sits behind a TLS-terminating proxy: plain http from any address is the proxy's. */
  behindTlsProxy?: boolean;
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
  const behindTlsProxy = options.behindTlsProxy ?? false;
  /** For each connection with a request in progress: how to tell it the client ended its side early. */
  const peerEnders = new WeakMap<Socket, () => void>();
  const inProgress = new Set<Promise<void>>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let endPeer!: () => void;
    const peerEnded = new Promise<void>((resolve) => (endPeer = resolve));
    peerEnders.set(request.socket, endPeer);
    let answer: Answer;
    let operation: OperationId | null = null;
    try {
      const path = new URL(request.url ?? '/', 'http://intake.invalid').pathname;
      const matched = route(request.method, path);
      if (!matched) throw refuse('unknown-item', 'No such resource in the intake protocol v1', { detail: `${request.method} ${path.slice(0, 200)}` });
      operation = matched.operation;
      answer = await handlers[operation]({ request, path, params: matched.params, store, peerEnded, behindTlsProxy });
    } catch (error) {
      if (error instanceof ClientGone) return;
      const failure = error instanceof BodyEndedEarly ? refuse('truncated', 'The body ended before its Content-Length did', { detail: error.message }) : error;
      if (!(failure instanceof IntakeProblem) || failure.code === 'internal') log(`intake: ${request.method} ${request.url}: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`);
      answer = failure instanceof IntakeProblem ? problemAnswer(failure) : internalAnswer();
    } finally {
      peerEnders.delete(request.socket);
    }
    if (operation && !allowedStatuses.get(operation)!.has(answer.status)) {
      log(`intake: ${operation} may not answer ${answer.status}: answered 500 instead`);
      answer = internalAnswer();
    }
    send(response, answer, !request.complete);
  }

  const server = createServer((request, response) => {
    const job = handle(request, response).catch((error: unknown) => {
      log(`intake: answering failed: ${error instanceof Error ? error.message : String(error)}`);
      response.destroy();
    });
    inProgress.add(job);
    void job.finally(() => inProgress.delete(job));
  });

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
    ...(closeAfter ? { Connection: 'close' } : {}),
  });
  response.end(answer.body);
}
