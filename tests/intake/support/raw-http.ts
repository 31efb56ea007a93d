/**
 * HTTP by hand over a socket, for what fetch will not do: send fewer bytes than Content-Length
 * says, then end the connection (the server sees the end: 400 truncated) or cut it (nobody is left
 * to answer).
 */
import { connect, type Socket } from 'node:net';

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
