/**
 * Whether a plain-http request came to Colophon's intake over TLS all the same, by way of a
 * TLS-terminating proxy in front of it.
 *
 * Only the proxies a coalition names (`trustedProxies`: addresses or CIDR ranges) are believed, and
 * only for what they wrote themselves. A proxy that appends (`X-Forwarded-Proto: <client's>, <its
 * own>`, or another element of RFC 7239's `Forwarded`) puts its own value last, behind anything the
 * client sent, so the last hop is read and never the first: the first value is whatever the client
 * chose to send. When both headers come, both must say https at their last hop, because a proxy
 * that writes one of them passes the other through from the client untouched. A trusted proxy that
 * says nothing of the protocol is refused: the client's own header would then be all there is.
 *
 * Requests from any other address are taken at their word of address only: loopback (development
 * and tests on one machine) or refused. Their forwarding headers are never read.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP, isIPv4 } from 'node:net';
import parseForwarded from 'forwarded-parse';

export class TrustedProxies {
  private readonly list = new BlockList();
  readonly entries: readonly string[];

  /** Throws a RangeError naming the first entry that is neither an address nor a CIDR range. */
  constructor(entries: readonly string[] = []) {
    this.entries = entries.map((entry) => entry.trim());
    for (const entry of this.entries) {
      const [given = '', prefix, ...rest] = entry.split('/');
      const address = prefix === undefined ? unmapped(given) : given;
      const family = isIP(address);
      const bits = family === 4 ? 32 : 128;
      const length = prefix === undefined ? bits : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
      if (family === 0 || rest.length > 0 || !(length >= 0 && length <= bits)) {
        throw new RangeError(`a trusted proxy is an IP address or a CIDR range such as 10.0.0.0/8, not ${JSON.stringify(entry)}`);
      }
      this.list.addSubnet(address, length, family === 4 ? 'ipv4' : 'ipv6');
    }
  }

  includes(address: string | undefined): boolean {
    if (address === undefined || this.entries.length === 0) return false;
    const plain = unmapped(address);
    const family = isIP(plain);
    return family !== 0 && this.list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/** `::ffff:10.0.0.5`, as a dual-stack socket reports an IPv4 peer, is 10.0.0.5. */
const unmapped = (address: string): string => {
  const tail = address.toLowerCase().startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return isIPv4(tail) ? tail : address;
};

export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = unmapped(address);
  if (isIPv4(plain)) return plain.startsWith('127.');
  return plain === '::1';
}

export type HttpsVerdict = { allowed: true } | { allowed: false; why: string };

/** The protocol each forwarding header gives at its last hop; `unreadable` when Forwarded does not parse. */
export function lastHopProtocols(headers: IncomingHttpHeaders): { xForwardedProto?: string; forwarded?: string; unreadable?: true } {
  const out: { xForwardedProto?: string; forwarded?: string; unreadable?: true } = {};
  // Node joins repeated headers with ", ": the last value of the joined list is the last hop's.
  const xfp = headers['x-forwarded-proto'];
  if (typeof xfp === 'string') out.xForwardedProto = xfp.split(',').at(-1)!.trim().toLowerCase();
  const forwarded = headers.forwarded;
  if (typeof forwarded === 'string') {
    try {
      const proto = parseForwarded(forwarded).at(-1)?.proto;
      if (proto !== undefined) out.forwarded = proto.trim().toLowerCase();
    } catch {
      out.unreadable = true;
    }
  }
  return out;
}

export function plainHttpVerdict(remoteAddress: string | undefined, headers: IncomingHttpHeaders, proxies: TrustedProxies): HttpsVerdict {
  if (proxies.includes(remoteAddress)) {
    const { xForwardedProto, forwarded, unreadable } = lastHopProtocols(headers);
    if (unreadable) return { allowed: false, why: 'the Forwarded header the proxy sent cannot be read' };
    const said = [xForwardedProto, forwarded].filter((value) => value !== undefined);
    if (said.length === 0) return { allowed: false, why: 'the proxy said nothing of the protocol: it must set X-Forwarded-Proto or append to Forwarded' };
    if (said.some((proto) => proto !== 'https')) return { allowed: false, why: 'the proxy says the request came over plain http' };
    return { allowed: true };
  }
  if (isLoopbackAddress(remoteAddress)) return { allowed: true };
  return { allowed: false, why: 'plain http is accepted from this machine and from trusted TLS proxies only' };
}
