import { describe, expect, it } from "vitest";
import {
  type AddressAllowance,
  allowanceEntry,
  canonicalAddress,
  checkAddress,
  parseAddressAllowance,
  specialRange,
} from "../../../src/digest/feeds/check-address.js";

const NONE: AddressAllowance = { kind: "none" };

function allowance(text: string): AddressAllowance {
  const parsed = parseAddressAllowance(text);
  if (!parsed.success) throw new Error(parsed.error);
  return parsed.data;
}

describe("which addresses a feed may be fetched from", () => {
  it.each([
    ["93.184.215.14", "a public IPv4 server"],
    ["8.8.8.8", "a public resolver"],
    ["100.63.255.255", "the address just below CGNAT"],
    ["172.32.0.1", "the address just past 172.16/12"],
    ["2606:4700:4700::1111", "a public IPv6 server"],
    ["::ffff:8.8.8.8", "a public IPv4 address written IPv4-mapped"],
    ["64:ff9b::808:808", "a public IPv4 address behind NAT64"],
    ["2002:0808:0808::1", "a public IPv4 address in 6to4"],
  ])("lets a feed on %s through (%s)", (address) => {
    expect(specialRange(address)).toBeUndefined();
    expect(checkAddress(address, 443, NONE)).toEqual({ allowed: true });
  });

  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "CGNAT"],
    ["100.127.255.254", "CGNAT"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "this network"],
    ["255.255.255.255", "broadcast"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["192.0.0.8", "IETF protocol assignments"],
    ["192.0.2.10", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.99", "documentation"],
    ["198.18.0.1", "benchmarking"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "unique local"],
    ["fd00:ec2::254", "unique local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["::ffff:127.0.0.1", "loopback 127.0.0.0/8, IPv4-mapped"],
    ["::ffff:a9fe:a9fe", "link-local (cloud metadata) 169.254.0.0/16, IPv4-mapped"],
    ["64:ff9b::10.0.0.1", "private (RFC 1918) 10.0.0.0/8, NAT64"],
    ["64:ff9b::a9fe:a9fe", "link-local (cloud metadata) 169.254.0.0/16, NAT64"],
    ["2002:7f00:1::", "loopback 127.0.0.0/8, 6to4"],
    ["::127.0.0.1", "reserved"],
    ["localhost", "not an IP address"],
  ])("refuses a feed on %s (%s) by default", (address, range) => {
    const verdict = checkAddress(address, 80, NONE);
    expect(verdict.allowed).toBe(false);
    expect(!verdict.allowed && verdict.range).toContain(range);
  });

  it("allows every address when told to allow all", () => {
    for (const address of ["127.0.0.1", "169.254.169.254", "::1", "fd00:ec2::254"]) {
      expect(checkAddress(address, 8080, { kind: "all" })).toEqual({ allowed: true });
    }
  });

  it("allows a listed address on its port only, and a bare listed address on any port", () => {
    const listed = allowance("127.0.0.1:8080, 10.0.0.5,[::1]:9000");
    expect(checkAddress("127.0.0.1", 8080, listed)).toEqual({ allowed: true });
    expect(checkAddress("127.0.0.1", 8081, listed).allowed).toBe(false);
    expect(checkAddress("127.0.0.2", 8080, listed).allowed).toBe(false);
    expect(checkAddress("10.0.0.5", 80, listed)).toEqual({ allowed: true });
    expect(checkAddress("10.0.0.5", 443, listed)).toEqual({ allowed: true });
    expect(checkAddress("10.0.0.6", 80, listed).allowed).toBe(false);
    expect(checkAddress("0:0:0:0:0:0:0:1", 9000, listed)).toEqual({ allowed: true });
    expect(checkAddress("::1", 9001, listed).allowed).toBe(false);
    expect(checkAddress("169.254.169.254", 80, listed).allowed).toBe(false);
    expect(checkAddress("8.8.8.8", 53, listed)).toEqual({ allowed: true });
  });

  it("treats an IPv4-mapped address as the IPv4 address the list names", () => {
    expect(checkAddress("::ffff:127.0.0.1", 8080, allowance("127.0.0.1:8080"))).toEqual({ allowed: true });
    expect(checkAddress("127.0.0.1", 8080, allowance("[::ffff:7f00:1]:8080"))).toEqual({ allowed: true });
  });

  it("names the entry that would allow a refused address", () => {
    expect(allowanceEntry("127.0.0.1", 8080)).toBe("127.0.0.1:8080");
    expect(allowanceEntry("::1", 443)).toBe("[::1]:443");
    expect(canonicalAddress("FD00:EC2::254")).toBe("fd00:ec2:0:0:0:0:0:254");
  });
});

describe("reading HILO_ALLOW_PRIVATE_FEEDS", () => {
  it("refuses everything when unset, empty or 0, and allows everything on 1", () => {
    expect(parseAddressAllowance(undefined)).toEqual({ success: true, data: { kind: "none" } });
    expect(parseAddressAllowance("")).toEqual({ success: true, data: { kind: "none" } });
    expect(parseAddressAllowance("0")).toEqual({ success: true, data: { kind: "none" } });
    expect(parseAddressAllowance("1")).toEqual({ success: true, data: { kind: "all" } });
  });

  it("reads a list of addresses with and without ports", () => {
    expect(allowance("127.0.0.1:8080,10.0.0.5,::1,[fd00::5],[fe80::2]:8443")).toEqual({
      kind: "listed",
      entries: [
        { address: "127.0.0.1", port: 8080 },
        { address: "10.0.0.5", port: undefined },
        { address: "0:0:0:0:0:0:0:1", port: undefined },
        { address: "fd00:0:0:0:0:0:0:5", port: undefined },
        { address: "fe80:0:0:0:0:0:0:2", port: 8443 },
      ],
    });
  });

  it.each([
    ["localhost:8080", /not an IP address.*host names are not accepted/],
    ["yes", /not an IP address/],
    ["127.0.0.1:99999", /port 99999; a port is 1 to 65535/],
    ["127.0.0.1:0", /port 0/],
    ["[127.0.0.1]:80", /not an IP address/],
    ["10.0.0.300", /not an IP address/],
  ])("rejects %s with an example of what it takes", (text, problem) => {
    const parsed = parseAddressAllowance(text);
    expect(parsed.success).toBe(false);
    expect(!parsed.success && parsed.error).toMatch(problem);
    expect(!parsed.success && parsed.error).toMatch(/e\.g\. 127\.0\.0\.1:8080,10\.0\.0\.5/);
  });
});
