/**
 * Reading a request's body, bounded while it streams: a body over its limit is refused as soon as
 * the limit is passed, never buffered whole. Chunks are at most 8 MiB and JSON
 * bodies 1 MiB, so a body within its limit is held in memory and committed whole or not at all.
 *
 * Two ways a body can stop short: the connection is cut (nobody is left to answer, and nothing is
 * committed), or the client ends its side before the declared length (`peerEnded`, from the
 * server's clientError): the server saw the end, so it can still answer 400 truncated.
 */
import type { IncomingMessage } from 'node:http';

/** The connection is gone: there is no one to answer. */
export class ClientGone extends Error {
  override readonly name = 'ClientGone';
}

/** The client ended its side of the connection before its body was whole. */
export class BodyEndedEarly extends Error {
  override readonly name = 'BodyEndedEarly';
  constructor(readonly received: number) {
    super(`the body ended after ${received} bytes`);
  }
}

export type BodyRead = { kind: 'whole'; bytes: Buffer } | { kind: 'over-limit' };

export function readBody(request: IncomingMessage, limit: number, peerEnded: Promise<void>): Promise<BodyRead> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'over-limit' });
  return new Promise((resolve, reject) => {
    const pieces: Buffer[] = [];
    let length = 0;
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      request.off('data', onData).off('end', onEnd).off('aborted', onGone).off('error', onGone).off('close', onClose);
      // What is left of an over-limit body is read and dropped, so the answer can still be read by the client.
      request.on('data', () => undefined).on('error', () => undefined);
      finish();
    };
    const onData = (piece: Buffer) => {
      length += piece.length;
      if (length > limit) settle(() => resolve({ kind: 'over-limit' }));
      else pieces.push(piece);
    };
    const onEnd = () => settle(() => resolve({ kind: 'whole', bytes: Buffer.concat(pieces, length) }));
    const onGone = () => settle(() => reject(new ClientGone('the connection was cut before the body was whole')));
    const onClose = () => {
      if (!request.complete) onGone();
    };
    request.on('data', onData).on('end', onEnd).on('aborted', onGone).on('error', onGone).on('close', onClose);
    void peerEnded.then(() => settle(() => reject(new BodyEndedEarly(length))));
  });
}
