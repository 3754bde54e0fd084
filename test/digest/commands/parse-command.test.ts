import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/digest/commands/parse-command.js";

describe("reading what a user typed", () => {
  it.each([
    ["/help", { name: "help" }],
    ["/start", { name: "start" }],
    ["/start from-link", { name: "start" }],
    ["/latest", { name: "latest" }],
    ["/digest", { name: "digest", windowHours: undefined }],
    ["/digest 48h", { name: "digest", windowHours: 48 }],
    ["/digest 3d", { name: "digest", windowHours: 72 }],
    ["/actor petro", { name: "actor", query: "petro" }],
    ["/actor   Gustavo   Petro ", { name: "actor", query: "Gustavo Petro" }],
    ["/actors", { name: "actors", emerging: false }],
    ["/actors new", { name: "actors", emerging: true }],
    ["/timeline", { name: "timeline", actorQuery: undefined, days: 30 }],
    ["/timeline 14", { name: "timeline", actorQuery: undefined, days: 14 }],
    ["/timeline maduro", { name: "timeline", actorQuery: "maduro", days: 30 }],
    ["/timeline nicolás maduro 7", { name: "timeline", actorQuery: "nicolás maduro", days: 7 }],
    ["/search asilo", { name: "search", query: "asilo" }],
    ["/SEARCH Asilo político", { name: "search", query: "Asilo político" }],
    ["/ask ¿quién ofrece asilo a Maduro?", { name: "ask", question: "¿quién ofrece asilo a Maduro?" }],
    ["/ask@hilo_bot   ¿y   Petro?\n", { name: "ask", question: "¿y Petro?" }],
    // Screened where it is answered, which replies with what to ask and an example.
    ["/ask", { name: "ask", question: "" }],
  ])("understands %s", (line, command) => {
    expect(parseCommand(line)).toEqual({ ok: true, command });
  });

  it("accepts /cmd@botname for this bot and ignores commands for another bot", () => {
    expect(parseCommand("/actor@hilo_bot petro", "hilo_bot")).toEqual({
      ok: true,
      command: { name: "actor", query: "petro" },
    });
    expect(parseCommand("/actor@other_bot petro", "hilo_bot")).toEqual({ ok: false, problem: { kind: "other-bot" } });
  });

  it.each([
    ["hola", { kind: "not-a-command" }],
    ["", { kind: "not-a-command" }],
    ["/frobnicate", { kind: "unknown-command", name: "frobnicate" }],
    ["/latest 5", { kind: "unexpected-argument", name: "latest", argument: "5", example: "/latest" }],
    ["/digest ayer", { kind: "bad-window", argument: "ayer" }],
    ["/digest 0h", { kind: "window-out-of-range", argument: "0h", maxDays: 90 }],
    ["/digest 9999d", { kind: "window-out-of-range", argument: "9999d", maxDays: 90 }],
    ["/digest 365d", { kind: "window-out-of-range", argument: "365d", maxDays: 90 }],
    ["/actor", { kind: "actor-missing" }],
    ["/actors viejos", { kind: "actors-bad-argument", argument: "viejos" }],
    ["/timeline maduro 0", { kind: "timeline-bad-days", argument: "0" }],
    ["/timeline maduro 400", { kind: "timeline-bad-days", argument: "400" }],
    ["/timeline maduro 3x", { kind: "timeline-bad-days", argument: "3x" }],
    ["/search", { kind: "search-missing" }],
    ["/search ¿?!", { kind: "search-missing" }],
  ])("names the problem with %j", (line, problem) => {
    expect(parseCommand(line)).toEqual({ ok: false, problem });
  });

  it("keeps a question past 200 characters whole, so one past the limit is told so rather than cut", () => {
    const question = "a".repeat(4001);
    expect(parseCommand(`/ask ${question}`)).toEqual({ ok: true, command: { name: "ask", question } });
  });

  it("caps a very long argument instead of carrying it whole", () => {
    const parsed = parseCommand(`/search ${"asilo ".repeat(500)}`);
    expect(parsed.ok && parsed.command.name === "search" && parsed.command.query.length).toBeLessThanOrEqual(200);
  });
});
