import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { LEDGER, WIRE } from "../helpers/replay-story.js";
import { runHilo } from "../helpers/run-hilo.js";
import { rss, writeFeed } from "../helpers/write-feed.js";

const dir = mkdtempSync(join(tmpdir(), "hilo-replay-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = loadConfig({
  HILO_DB_PATH: join(dir, "hilo.db"),
  HILO_STORY_DIR: join(import.meta.dirname, "../../content/venezuela-2025"),
  HILO_LANG: "en",
});
const wire = writeFeed(dir, "wire.xml", rss("Andes Wire", WIRE));
const ledger = writeFeed(dir, "ledger.xml", rss("Capital Ledger", LEDGER));

const hilo = (...args: string[]) => runHilo(["replay", ...args], config);

describe("hilo replay", () => {
  it("prints each alert and digest at its local time in the subscription's zone", async () => {
    const { code, stdout, stderr } = await hilo(wire, ledger, "--subscribe", "08:00", "America/Caracas");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const heads = stdout.split("\n").filter((line) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} /.test(line));
    expect(heads).toEqual([
      "2025-12-09 10:44 America/Caracas  ALERT",
      "2025-12-10 08:00 America/Caracas  DIGEST",
      "2025-12-11 08:00 America/Caracas  DIGEST",
      "2025-12-16 09:44 America/Caracas  ALERT",
      "2025-12-17 08:00 America/Caracas  DIGEST",
    ]);
    expect(stdout).toContain("⚡");
    expect(stdout).toMatch(/replayed 2 feeds \(7 items\) from .*: 2 alerts, 0 updates, 3 digests\n$/);
  });

  it("prints one JSON object per line with --json", async () => {
    const { code, stdout } = await hilo(wire, ledger, "--json", "--subscribe", "07:30", "Europe/Madrid");
    expect(code).toBe(0);
    const events = stdout
      .trim()
      .split("\n")
      .map(
        (line) => JSON.parse(line) as { at: string; kind: string; developmentIds: number[]; reply: { kind: string } },
      );
    expect(events.filter((event) => event.kind === "alert").map((event) => event.at)).toEqual([
      "2025-12-09T14:44:00.000Z",
      "2025-12-16T13:44:00.000Z",
    ]);
    // 07:30 in Madrid in December is 06:30 UTC.
    expect(
      events.filter((event) => event.kind === "digest").every((event) => event.at.endsWith("T06:30:00.000Z")),
    ).toBe(true);
    for (const event of events) {
      expect(event.developmentIds.length).toBeGreaterThan(0);
      expect(event.reply.kind).toBe(event.kind === "digest" ? "digest" : "alert");
    }
  });

  it("takes --from and --to as local dates in the subscription's zone", async () => {
    const { code, stdout } = await hilo(wire, ledger, "--json", "--from", "2025-12-12", "--to", "2025-12-16T11:45");
    expect(code).toBe(0);
    const events = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { at: string; kind: string });
    // From midnight in Caracas (04:00 UTC), polls fall at :00, :15, :30 and :45, so the 13:30 UTC report is read at once.
    expect(events.map((event) => [event.kind, event.at])).toEqual([["alert", "2025-12-16T13:30:00.000Z"]]);
  });

  it("reports each unusable file on stderr and replays the others", async () => {
    const empty = writeFeed(dir, "empty.xml", rss("Nobody", []));
    const { code, stdout, stderr } = await hilo(empty, wire, join(dir, "missing.xml"), ledger, "--json");
    expect(code).toBe(0);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`${empty}: no items; skipped`);
    expect(lines[1]).toMatch(/missing\.xml: cannot be read as a feed: read: ENOENT/);
    expect(stdout.trim().split("\n").length).toBeGreaterThan(0);
  });

  it("says when items have no date or are listed out of order, and replays them all by their dates", async () => {
    const [first, second] = WIRE;
    const mixed = writeFeed(
      dir,
      "mixed.xml",
      rss("Mixed Wire", [
        { ...second!, id: "old-first" },
        { ...first!, id: "new-second" },
        { ...first!, id: "undated", title: "Undated note on Venezuela", at: undefined },
      ]),
    );
    const { code, stderr } = await hilo(mixed, "--json");
    expect(code).toBe(0);
    expect(stderr).toContain(`${mixed}: 1 item has no date; each is replayed at the time of the next dated item`);
    expect(stderr).toContain(`${mixed}: items are not listed newest first; replayed by their dates`);
  });

  it("skips a feed none of whose items has a date, and says why", async () => {
    const undated = writeFeed(
      dir,
      "undated.xml",
      rss(
        "Undated Wire",
        WIRE.map((item) => ({ ...item, at: undefined })),
      ),
    );
    const { stderr } = await hilo(undated, wire);
    expect(stderr).toContain(
      `${undated}: none of its ${WIRE.length} items has a date, so they cannot be placed in time; skipped`,
    );
  });

  it("exits 1 when no feed can be read", async () => {
    const empty = writeFeed(dir, "empty.xml", rss("Nobody", []));
    const { code, stdout, stderr } = await hilo(empty);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`${empty}: no items; skipped\nno feed could be replayed\n`);
  });

  it("rejects a --from that is not an ISO date, with an example", async () => {
    const { code, stderr } = await hilo(wire, "--from", "yesterday");
    expect(code).toBe(2);
    expect(stderr).toBe('--from takes an ISO date or time, such as 2025-12-01 or 2025-12-01T08:00Z, not "yesterday"\n');
  });

  it("rejects a date that is not on the calendar", async () => {
    const { code, stderr } = await hilo(wire, "--to", "2025-02-30");
    expect(code).toBe(2);
    expect(stderr).toMatch(/^--to 2025-02-30 is not a date on the calendar; give one such as 2025-12-01\n$/);
  });

  it("rejects a --to before --from", async () => {
    const { code, stderr } = await hilo(wire, "--from", "2025-12-10", "--to", "2025-12-09");
    expect(code).toBe(2);
    expect(stderr).toBe("--to (2025-12-09) must be after --from (2025-12-10)\n");
  });

  it("rejects a digest time that is not HH:MM, with an example", async () => {
    const { code, stderr } = await hilo(wire, "--subscribe", "8am", "America/Caracas");
    expect(code).toBe(2);
    expect(stderr).toBe('--subscribe takes a time as HH:MM, such as --subscribe 08:00 America/Caracas, not "8am"\n');
  });

  it("rejects an unknown time zone, with an example", async () => {
    const { code, stderr } = await hilo(wire, "--subscribe", "08:00", "Mars/Olympus");
    expect(code).toBe(2);
    expect(stderr).toBe(
      '--subscribe takes an IANA time zone, such as --subscribe 08:00 America/Caracas, not "Mars/Olympus"\n',
    );
  });

  it("asks for the time zone when --subscribe gives only a time", async () => {
    const { code, stderr } = await hilo(wire, "--subscribe", "08:00");
    expect(code).toBe(2);
    expect(stderr).toBe("--subscribe takes a time and a time zone, such as --subscribe 08:00 America/Caracas\n");
  });

  it("asks for a feed file when none is given", async () => {
    const { code, stderr } = await hilo("--json");
    expect(code).toBe(2);
    expect(stderr).toMatch(/^hilo replay needs at least one feed file/);
  });

  it("rejects an option it does not know", async () => {
    const { code, stderr } = await hilo(wire, "--since", "24h");
    expect(code).toBe(2);
    expect(stderr).toMatch(/--since/);
  });

  it("refuses a range of more than a year and says how to narrow it", async () => {
    const { code, stderr } = await hilo(wire, "--from", "2020-01-01");
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^the replay would cover \d+ days .*; at most 366 are replayed at once; narrow it with --from and --to, such as --from 2025-12-01 --to 2025-12-08\n$/,
    );
  });
});
