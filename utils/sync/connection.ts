/**
 * The representative's connection to the intake: its URL and their token, set in the options page
 * and kept in the `colophon-intake` database (./intake-database.ts says why not browser.storage).
 * The token is only ever sent to a URL isAcceptableIntakeUrl accepts: https, or http to this
 * machine for a reference server under test.
 */
import { syncDataCollection } from './data-collection';
import { deleteIntakeSettings, IntakeToken, readIntakeSetting, writeIntakeSetting } from './intake-database';
import { isAcceptableIntakeUrl } from '../protocol/intake';

export interface IntakeConnection {
  url: string;
  token: string;
}

/** A connection the options page should not save; `field` says which input to point at. */
export class InvalidIntakeConnectionError extends Error {
  override readonly name = 'InvalidIntakeConnectionError';
  constructor(readonly field: 'url' | 'token') {
    super(
      field === 'url'
        ? 'The intake URL must start with https:// (or http:// to this computer), with no user name, password, query or fragment.'
        : 'The token is not one an intake issues: copy it again, whole, from the coalition’s message.',
    );
  }
}

/**
 * The intake URL as stored: its origin and path without a trailing slash, so the protocol's paths
 * (/v1/…) append to it. An intake under a path prefix (https://example.org/colophon) is allowed.
 */
export function normaliseIntakeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (!isAcceptableIntakeUrl(trimmed)) return null;
  const parsed = new URL(trimmed);
  if (parsed.search !== '' || parsed.hash !== '' || trimmed.includes('?') || trimmed.includes('#')) return null;
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

export async function loadIntakeConnection(): Promise<IntakeConnection | null> {
  const stored = await readIntakeSetting('connection');
  if (!stored) return null;
  const url = normaliseIntakeUrl(stored.url);
  return url === null ? null : { url, token: stored.token };
}

/** Throws InvalidIntakeConnectionError, having stored nothing, for a URL or token that will not do. */
export async function saveIntakeConnection(connection: IntakeConnection): Promise<void> {
  const url = normaliseIntakeUrl(String(connection?.url ?? ''));
  if (url === null) throw new InvalidIntakeConnectionError('url');
  const token = IntakeToken.safeParse(typeof connection.token === 'string' ? connection.token.trim() : null);
  if (!token.success) throw new InvalidIntakeConnectionError('token');
  const previous = await readIntakeSetting('connection');
  // Another intake signs with other keys: the old ones must not vouch for its receipts.
  if (previous && normaliseIntakeUrl(previous.url) !== url) await deleteIntakeSettings('server-keys');
  await writeIntakeSetting('connection', { schemaVersion: 1, url, token: token.data });
}

export function forgetIntakeConnection(): Promise<void> {
  return deleteIntakeSettings('connection', 'server-keys');
}

/**
 * The permissions sync needs: the intake's origin, every port (match patterns carry no port in
 * Firefox; in Chrome a pattern without one matches any), and in Firefox the user's consent to
 * what sync sends (data-collection.ts). The options page requests them in the click that saves
 * the connection; the manifest's optional <all_urls> covers the origin.
 */
export function intakeOriginPermission(url: string): { origins: string[]; data_collection?: string[] } {
  const normalised = normaliseIntakeUrl(url);
  if (normalised === null) throw new InvalidIntakeConnectionError('url');
  const { protocol, hostname } = new URL(normalised);
  const origins = [`${protocol}//${hostname}/*`];
  return import.meta.env.FIREFOX ? { origins, data_collection: [...syncDataCollection] } : { origins };
}
