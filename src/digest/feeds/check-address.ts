import { isIP } from "node:net";

/** Which non-public addresses feeds may be fetched from: none (the default), all, or the listed ones. */
export type AddressAllowance =
  | { kind: "none" }
  | { kind: "all" }
  /** Each entry allows one address, on every port or on the one given. */
  | { kind: "listed"; entries: readonly AllowedAddress[] };

/** One allowed address in canonical form (see `canonicalAddress`), with its port when only that port is allowed. */
export interface AllowedAddress {
  address: string;
  port?: number | undefined;
}

/** Whether a connection to an address may go ahead; a refusal names the range that stopped it. */
export type AddressVerdict = { allowed: true } | { allowed: false; range: string };

type Bytes = readonly number[];
interface Range {
  bytes: Bytes;
  prefix: number;
  name: string;
}

function range(cidr: string, name: string): Range {
  const [address = "", prefix = ""] = cidr.split("/");
  return { bytes: ipBytes(address)!, prefix: Number(prefix), name: `${name} ${cidr}` };
}

// First match wins, so the narrow ranges come before the wide ones that hold them.
const IPV4_RANGES: readonly Range[] = [
  range("0.0.0.0/32", "unspecified"),
  range("0.0.0.0/8", "this network"),
  range("10.0.0.0/8", "private (RFC 1918)"),
  range("100.64.0.0/10", "shared CGNAT"),
  range("127.0.0.0/8", "loopback"),
  range("169.254.0.0/16", "link-local (cloud metadata)"),
  range("172.16.0.0/12", "private (RFC 1918)"),
  range("192.0.0.0/24", "IETF protocol assignments"),
  range("192.0.2.0/24", "documentation"),
  range("192.88.99.0/24", "6to4 relay (deprecated)"),
  range("192.168.0.0/16", "private (RFC 1918)"),
  range("198.18.0.0/15", "benchmarking"),
  range("198.51.100.0/24", "documentation"),
  range("203.0.113.0/24", "documentation"),
  range("224.0.0.0/4", "multicast"),
  range("255.255.255.255/32", "broadcast"),
  range("240.0.0.0/4", "reserved"),
];

const IPV6_RANGES: readonly Range[] = [
  range("::/128", "unspecified"),
  range("::1/128", "loopback"),
  // Holds the deprecated IPv4-compatible ::a.b.c.d; the mapped ::ffff:a.b.c.d is checked as IPv4 before this.
  range("::/8", "reserved"),
  range("64:ff9b:1::/48", "local NAT64"),
  range("100::/64", "discard-only"),
  range("2001:2::/48", "benchmarking"),
  range("2001:db8::/32", "documentation"),
  range("3fff::/20", "documentation"),
  range("fc00::/7", "unique local"),
  range("fe80::/10", "link-local"),
  range("fec0::/10", "site-local (deprecated)"),
  range("ff00::/8", "multicast"),
];

// IPv6 prefixes that carry an IPv4 address, and where: reaching them reaches that IPv4 address.
const EMBEDS_IPV4: readonly { range: Range; at: number; via: string }[] = [
  { range: range("::ffff:0:0/96", "IPv4-mapped"), at: 12, via: "IPv4-mapped" },
  { range: range("64:ff9b::/96", "NAT64"), at: 12, via: "NAT64" },
  { range: range("2002::/16", "6to4"), at: 2, via: "6to4" },
];

/** The special-purpose range an IP address is in ("loopback 127.0.0.0/8"), or undefined for a public address. */
export function specialRange(address: string): string | undefined {
  const bytes = ipBytes(address);
  if (!bytes) return "not an IP address";
  if (bytes.length === 4) return matching(bytes, IPV4_RANGES);
  for (const { range: carrier, at, via } of EMBEDS_IPV4) {
    if (!inRange(bytes, carrier)) continue;
    const inner = matching(bytes.slice(at, at + 4), IPV4_RANGES);
    return inner === undefined ? undefined : `${inner}, ${via}`;
  }
  return matching(bytes, IPV6_RANGES);
}

/** Whether `allowance` lets a feed be fetched from `address` on `port`; public addresses always may. */
export function checkAddress(address: string, port: number, allowance: AddressAllowance): AddressVerdict {
  if (allowance.kind === "all") return { allowed: true };
  const special = specialRange(address);
  if (special === undefined) return { allowed: true };
  if (allowance.kind === "listed") {
    const canonical = canonicalAddress(address);
    if (
      allowance.entries.some(
        (entry) => entry.address === canonical && (entry.port === undefined || entry.port === port),
      )
    )
      return { allowed: true };
  }
  return { allowed: false, range: special };
}

/** The allow-list entry that would let `address` on `port` through, as HILO_ALLOW_PRIVATE_FEEDS spells it. */
export function allowanceEntry(address: string, port: number): string {
  return isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

const EXAMPLE = "e.g. 127.0.0.1:8080,10.0.0.5,[::1]:8080";

/**
 * Reads HILO_ALLOW_PRIVATE_FEEDS: unset, empty or "0" allows nothing, "1" allows every address, and a comma-separated
 * list of IP addresses (IPv4 `a.b.c.d[:port]`, IPv6 `::1` or `[::1][:port]`) allows exactly those.
 */
export function parseAddressAllowance(
  text: string | undefined,
): { success: true; data: AddressAllowance } | { success: false; error: string } {
  const value = (text ?? "").trim();
  if (value === "" || value === "0") return { success: true, data: { kind: "none" } };
  if (value === "1") return { success: true, data: { kind: "all" } };
  const entries: AllowedAddress[] = [];
  for (const item of value.split(",")) {
    const entry = item.trim();
    if (entry === "") continue;
    const parsed = parseEntry(entry);
    if (typeof parsed === "string") return { success: false, error: parsed };
    entries.push(parsed);
  }
  return { success: true, data: { kind: "listed", entries } };
}

function parseEntry(entry: string): AllowedAddress | string {
  // A bare IPv6 address is full of colons, so it is tried whole before "host:port" is split.
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  const withPort = /^([^:[\]]+):(\d+)$/.exec(entry);
  const [address, port] = isIP(entry)
    ? [entry, undefined]
    : bracketed
      ? [bracketed[1]!, bracketed[2]]
      : withPort
        ? [withPort[1]!, withPort[2]]
        : [entry, undefined];
  if (!isIP(address) || (bracketed && isIP(address) !== 6)) {
    return `"${entry}" is not an IP address with an optional port (${EXAMPLE}); host names are not accepted because the check is on the address actually connected to; or use 0 (the default: refuse) or 1 (allow every address)`;
  }
  const number = port === undefined ? undefined : Number(port);
  if (number !== undefined && !(number >= 1 && number <= 65535))
    return `"${entry}" has port ${port}; a port is 1 to 65535 (${EXAMPLE})`;
  return { address: canonicalAddress(address), port: number };
}

/** One spelling per address: IPv4 dotted, IPv4-mapped IPv6 as its IPv4, other IPv6 as eight hex groups. */
export function canonicalAddress(address: string): string {
  const bytes = ipBytes(address);
  if (!bytes) return address;
  const mapped = bytes.length === 16 && inRange(bytes, EMBEDS_IPV4[0]!.range) ? bytes.slice(12) : bytes;
  if (mapped.length === 4) return mapped.join(".");
  return Array.from({ length: 8 }, (_, i) => ((mapped[2 * i]! << 8) | mapped[2 * i + 1]!).toString(16)).join(":");
}

/** The 4 or 16 bytes of an IP address, or undefined when it is not one; an IPv6 zone (%eth0) is ignored. */
function ipBytes(text: string): Bytes | undefined {
  const address = text.split("%")[0]!;
  const family = isIP(address);
  if (family === 4) return address.split(".").map(Number);
  if (family !== 6) return undefined;
  // A dotted IPv4 tail (::ffff:1.2.3.4) becomes two hex groups, so every group below is hex.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  const v4 = dotted ? dotted[2]!.split(".").map(Number) : [];
  const hex = dotted
    ? `${dotted[1]}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`
    : address;
  const [head = "", tail] = hex.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

function matching(bytes: Bytes, ranges: readonly Range[]): string | undefined {
  return ranges.find((candidate) => inRange(bytes, candidate))?.name;
}

function inRange(bytes: Bytes, { bytes: base, prefix }: Range): boolean {
  if (bytes.length !== base.length) return false;
  const whole = Math.floor(prefix / 8);
  for (let i = 0; i < whole; i += 1) if (bytes[i] !== base[i]) return false;
  const rest = prefix % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (bytes[whole]! & mask) === (base[whole]! & mask);
}
