/**
 * A real intake for one test: on a fresh place of a back end, on 127.0.0.1 and a free port, with
 * two member organisations (each with one representative and their token). Every answer a test
 * gets through `request` is checked against intake/openapi.json before the test sees it.
 */
import { randomUUID } from 'node:crypto';
import { contentRange, type EvidenceItem, type ItemStatus } from '@/utils/protocol/intake';
import { startIntake, type IntakeOptions, type RunningIntake } from '../../../intake/src/intake';
import type { IntakeStorage } from '../../../intake/src/storage/open';
import type { BackendPlace, IntakeBackend } from './backends';
import { openapiViolation } from './openapi-check';

export interface Member {
  organisation: string;
  representative: string;
  token: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed, when it is JSON. */
  json: any;
}

export interface RequestOptions {
  token?: string | null;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

export type HarnessOptions = Omit<IntakeOptions, 'data' | 'postgres' | 'storage' | 'port'>;

/** A place already holding data: what to write into it before the intake first opens it, and who its members are. */
export interface Prepared {
  prepare(storage: IntakeStorage): Promise<void>;
  a: Member;
  b: Member;
}

export class Harness {
  intake!: RunningIntake;
  storage!: IntakeStorage;
  a!: Member;
  b!: Member;

  private constructor(
    readonly place: BackendPlace,
    private options: HarnessOptions,
  ) {}

  static async start(backend: IntakeBackend, options: HarnessOptions = {}, prepared?: Prepared): Promise<Harness> {
    const harness = new Harness(await backend.create(), options);
    await harness.startServer(prepared?.prepare);
    if (prepared) {
      ({ a: harness.a, b: harness.b } = prepared);
      return harness;
    }
    harness.a = await harness.addMember('springer-nature', 'j.smith');
    harness.b = await harness.addMember('elsevier', 'a.jones');
    return harness;
  }

  /** A representative and their token, of a new organisation or, with `existing`, of one the intake has. */
  async addMember(organisation: string, representative: string, existing = false): Promise<Member> {
    if (!existing) await this.intake.admin.createOrganisation(organisation, `${organisation} publishing`);
    const { token } = await this.intake.admin.createRepresentative(representative, { organisation, name: representative });
    return { organisation, representative, token };
  }

  private async startServer(prepare?: Prepared['prepare']): Promise<void> {
    this.storage = await this.place.open();
    await prepare?.(this.storage);
    this.intake = await startIntake({ log: () => undefined, ...this.options, storage: this.storage, port: 0 });
  }

  get url(): string {
    return this.intake.url;
  }

  /**
   * The server stopped and started again on the same data: a new process would see the same.
   * `changed` options are those its administrator set anew for it (a quota raised, say).
   */
  async restart(changed: HarnessOptions = {}): Promise<void> {
    await this.intake.close();
    this.options = { ...this.options, ...changed };
    await this.startServer();
  }

  async stop(): Promise<void> {
    await this.intake.close();
    await this.place.dispose();
  }

  snapshot(): Promise<unknown> {
    return this.place.snapshot(this.storage);
  }

  /** A request as a representative (A's token unless told), its answer checked against the OpenAPI. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const token = options.token === undefined ? this.a.token : options.token;
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...options.headers },
      body: options.body as BodyInit | undefined,
    });
    const text = await response.text();
    const violation = openapiViolation(method, path, response.status, response.headers.get('content-type'), text);
    if (violation) throw new Error(`the intake broke its OpenAPI: ${violation}\n${text.slice(0, 2000)}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  putItem(item: EvidenceItem, options: RequestOptions & { key?: string } = {}): Promise<Answer> {
    return this.request('PUT', `/v1/items/${item.id}`, {
      ...options,
      body: options.body ?? JSON.stringify(item),
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': options.key ?? randomUUID(), ...options.headers },
    });
  }

  /** The chunk [start, end) of an artifact of `size` bytes. */
  putChunk(itemId: string, index: number, bytes: Uint8Array, start: number, size: number, options: RequestOptions & { key?: string } = {}): Promise<Answer> {
    return this.request('PUT', `/v1/items/${itemId}/artifacts/${index}`, {
      ...options,
      body: bytes,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Idempotency-Key': options.key ?? randomUUID(),
        'Content-Range': contentRange(start, start + bytes.byteLength, size),
        ...options.headers,
      },
    });
  }

  /** Sends every artifact from its committed offset, in chunks of `chunkBytes`; the last answer. */
  async upload(item: EvidenceItem, artifacts: readonly Uint8Array[], chunkBytes: number, token?: string): Promise<ItemStatus> {
    let status = (await this.putItem(item, { token })).json as ItemStatus;
    for (const [index, bytes] of artifacts.entries()) {
      for (let start = status.artifacts[index]!.received; start < bytes.byteLength; start += chunkBytes) {
        const answer = await this.putChunk(item.id, index, bytes.subarray(start, start + chunkBytes), start, bytes.byteLength, { token });
        if (answer.status !== 200) throw new Error(`chunk ${index}@${start}: ${answer.status} ${answer.text}`);
        status = answer.json;
      }
    }
    return status;
  }
}
