/**
 * HTTP by hand over a socket, for what fetch will not do: send fewer bytes than Content-Length
 * says, then end the connection (the server sees the end: 400 truncated), cut it (nobody is left
 * to answer), or keep it open and send nothing more (a slow client holding its place).
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawRequest {
  url: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The bytes actually sent after the head. */
  body: Uint8Array;
}

const head = ({ method, path, headers, url }: RawRequest): string =>
  `${method} ${path} HTTP/1.1\r\nHost: ${new URL(url).host}\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends the request, ends the client's side of the connection, and reads the answer until the server closes. */
export async function sendThenEnd(request: RawRequest): Promise<RawAnswer> {
  const socket = await open(request.url);
  const received: Buffer[] = [];
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('data', (piece) => received.push(piece));
  socket.on('error', () => undefined);
  socket.write(head(request));
  socket.write(request.body);
  // Let the server start on the body before the end arrives, as with a connection that drops.
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.end();
  await closed;
  return parse(Buffer.concat(received).toString('utf8'));
}

/** Sends the request, then destroys the connection: no answer can come. */
export async function sendThenCut(request: RawRequest): Promise<void> {
  const socket = await open(request.url);
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.write(head(request));
  socket.write(request.body);
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.resetAndDestroy();
  await closed;
}

function parse(text: string): RawAnswer {
  const [top = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = top.split('\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) throw new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`);
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status, headers, body: rest.join('\r\n\r\n') };
}

export interface SlowRequest {
  /** Resolves when the server closes the connection: its answer, if it sent one, and when. */
  closed: Promise<{ answer: RawAnswer | null; afterMs: number }>;
  /** The client gives up: the connection is destroyed. */
  cut(): Promise<void>;
}

/**
 * A slow client: sends the head (or `head`, a part of it) and `body`, fewer bytes than it declared,
 * then keeps the connection open, sending nothing more, until the server closes it or `cut()`.
 */
export async function startSlowRequest(request: RawRequest & { headOnly?: string }): Promise<SlowRequest> {
  const socket = await open(request.url);
  const startedAt = performance.now();
  const received: Buffer[] = [];
  socket.on('data', (piece) => received.push(piece));
  socket.on('error', () => undefined);
  const closed = new Promise<{ answer: RawAnswer | null; afterMs: number }>((resolve) =>
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      resolve({ answer: text === '' ? null : parse(text), afterMs: performance.now() - startedAt });
    }),
  );
  socket.write(request.headOnly ?? head(request));
  if (request.headOnly === undefined) socket.write(request.body);
  return {
    closed,
    async cut() {
      socket.resetAndDestroy();
      await closed;
    },
  };
}

/** A connection that sends nothing; resolves once it is open (or once the server dropped it). */
export async function idleConnection(url: string): Promise<{ closed: Promise<void>; isClosed(): boolean; close(): Promise<void> }> {
  const socket = await open(url);
  let isClosed = false;
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => ((isClosed = true), resolve())));
  return {
    closed,
    isClosed: () => isClosed,
    async close() {
      socket.destroy();
      await closed;
    },
  };
}
