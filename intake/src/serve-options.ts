/**
 * How the `serve` command is tuned against abusive clients: each setting from its flag, else from
 * its COLOPHON_INTAKE_… environment variable (the flag's name in capitals, `-` as `_`), else the
 * default of the module that enforces it. intake/README.md, "Running it", lists them.
 */
import { TrustedProxies } from './http/forwarded';
import { defaultConnectionLimits } from './http/server';
import type { IntakeOptions } from './intake';

type Group = 'traffic' | 'connections' | 'quotas';

interface NumberSetting {
  flag: string;
  group: Group;
  key: string;
  /** What one unit of the flag is in the option's unit (seconds → ms, GiB → bytes). */
  unit: number;
  /** Whether a fraction of the flag's unit is meaningful (half a GiB is; half a connection is not). */
  fractional: boolean;
}

const GiB = 1024 ** 3;

export const numberSettings: readonly NumberSetting[] = [
  { flag: 'requests-per-minute-per-token', group: 'traffic', key: 'requestsPerMinutePerToken', unit: 1, fractional: false },
  { flag: 'requests-per-minute-per-organisation', group: 'traffic', key: 'requestsPerMinutePerOrganisation', unit: 1, fractional: false },
  { flag: 'concurrent-requests-per-token', group: 'traffic', key: 'concurrentRequestsPerToken', unit: 1, fractional: false },
  { flag: 'concurrent-requests-per-organisation', group: 'traffic', key: 'concurrentRequestsPerOrganisation', unit: 1, fractional: false },
  { flag: 'max-connections', group: 'connections', key: 'maxConnections', unit: 1, fractional: false },
  { flag: 'request-timeout-seconds', group: 'connections', key: 'requestTimeoutMs', unit: 1000, fractional: true },
  { flag: 'headers-timeout-seconds', group: 'connections', key: 'headersTimeoutMs', unit: 1000, fractional: true },
  { flag: 'storage-quota-gib', group: 'quotas', key: 'bytesPerOrganisation', unit: GiB, fractional: true },
  { flag: 'daily-quota-gib', group: 'quotas', key: 'bytesPerOrganisationPerDay', unit: GiB, fractional: true },
];

export const trustedProxyFlag = 'trusted-proxy';

/** The parseArgs options of these settings, for the command line's own. */
export const serveFlags = Object.fromEntries([
  [trustedProxyFlag, { type: 'string', multiple: true }],
  ...numberSettings.map(({ flag }) => [flag, { type: 'string' }]),
]) as Record<string, { type: 'string'; multiple?: boolean }>;

export const envName = (flag: string): string => `COLOPHON_INTAKE_${flag.toUpperCase().replace(/-/g, '_')}`;

export class ServeOptionError extends Error {
  override readonly name = 'ServeOptionError';
}

export type ServeOptions = Pick<IntakeOptions, 'trustedProxies' | 'traffic' | 'connections' | 'quotas'>;

export function serveOptionsOf(values: Record<string, unknown>, env: Record<string, string | undefined>): ServeOptions {
  const out: Required<ServeOptions> = { trustedProxies: [], traffic: {}, connections: {}, quotas: {} };
  for (const setting of numberSettings) {
    const given = values[setting.flag];
    const [text, where] = typeof given === 'string' ? [given, `--${setting.flag}`] : [env[envName(setting.flag)], envName(setting.flag)];
    if (text === undefined) continue;
    const pattern = setting.fractional ? /^\d{1,12}(\.\d{1,9})?$/ : /^\d{1,12}$/;
    const value = Math.round(Number(text.trim()) * setting.unit);
    if (!pattern.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) {
      throw new ServeOptionError(`${where} is a ${setting.fractional ? 'number' : 'whole number'} above 0, not ${JSON.stringify(text)}`);
    }
    (out[setting.group] as Record<string, number>)[setting.key] = value;
  }
  const flagged = values[trustedProxyFlag];
  const proxies = Array.isArray(flagged) ? (flagged as string[]) : (env[envName('trusted-proxies')] ?? '').split(',').filter((entry) => entry.trim() !== '');
  try {
    out.trustedProxies = new TrustedProxies(proxies).entries;
  } catch (error) {
    throw new ServeOptionError(`${Array.isArray(flagged) ? `--${trustedProxyFlag}` : envName('trusted-proxies')}: ${(error as Error).message}`);
  }
  if ((out.connections.headersTimeoutMs ?? defaultConnectionLimits.headersTimeoutMs) > (out.connections.requestTimeoutMs ?? defaultConnectionLimits.requestTimeoutMs)) {
    throw new ServeOptionError(`the headers timeout (${envName('headers-timeout-seconds')}) must be at most the request timeout (${envName('request-timeout-seconds')})`);
  }
  return out;
}
