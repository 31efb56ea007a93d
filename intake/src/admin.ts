/**
 * What a coalition's administrator does to the intake: create member organisations and their
 * representatives (whose tokens are shown once), revoke tokens, list who is who, rotate the
 * receipt signing key. The admin command (./main.ts) and tests (startIntake's `admin`) both use it.
 * Every refusal is an AdminError with a sentence for the administrator.
 */
import type { ServerKey } from '../../utils/protocol/intake';
import type { SqlClient } from './storage/sql';
import { createOrganisation, createRepresentative, issueToken, listMembers, revoke, type MemberList, type NewRepresentative } from './store/members';
import { listServerKeys, rotateServerKey } from './store/server-keys';

export { AdminError } from './store/members';
export type { MemberList, NewRepresentative } from './store/members';

export interface IntakeListing extends MemberList {
  keys: ServerKey[];
}

export class IntakeAdmin {
  constructor(
    private readonly sql: SqlClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  createOrganisation(id: string, name: string): Promise<{ id: string; name: string }> {
    return createOrganisation(this.sql, id, name, this.now());
  }

  /** The representative and their bearer token: the only time the token is shown. */
  createRepresentative(id: string, { organisation, name }: { organisation: string; name: string }): Promise<NewRepresentative> {
    return createRepresentative(this.sql, id, organisation, name, this.now());
  }

  /** A new token for an existing representative (theirs was lost or revoked). */
  issueToken(representativeId: string): Promise<string> {
    return issueToken(this.sql, representativeId, this.now());
  }

  /** Revokes a token (given the token) or all of a representative's (given their id): how many were revoked now. */
  revoke(representativeOrToken: string): Promise<number> {
    return revoke(this.sql, representativeOrToken, this.now());
  }

  async list(): Promise<IntakeListing> {
    return { ...(await listMembers(this.sql)), keys: await listServerKeys(this.sql) };
  }

  /** Ends the signing key in use and starts a new one; answers the new key. */
  rotateKey(): Promise<ServerKey> {
    return rotateServerKey(this.sql, this.now());
  }
}
