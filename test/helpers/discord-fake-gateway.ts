import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import {
  type APIGuildMember,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  type GatewayGuildCreateDispatchData,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
} from "discord.js";
import { type RawData, type WebSocket, WebSocketServer } from "ws";

/**
 * The gateway half of the local Discord fake: a WebSocket that speaks gateway v10 in plain JSON to
 * @discordjs/ws. It says HELLO, acknowledges heartbeats, answers IDENTIFY with READY and the guild's
 * GUILD_CREATE, and then sends whatever dispatches the test asks for.
 */

/** One gateway payload either way; `from: "client"` is what discord.js sent. */
export interface GatewayFrame {
  from: "fake" | "client";
  op: number;
  t?: string | undefined;
  s?: number | undefined;
  d: unknown;
}

/** What the gateway needs to know of the fake's world. */
export interface GatewayWorld {
  token: string;
  ready(sessionId: string): GatewayReadyDispatchData;
  guildCreate(): GatewayGuildCreateDispatchData;
  members(): APIGuildMember[];
}

interface Session {
  socket: WebSocket;
  id: string;
  sequence: number;
  intents: number;
}

// Discord's value; the client's first beat comes at a random point inside it, so tests never wait on one.
const HEARTBEAT_INTERVAL_MS = 41_250;

export class FakeGateway {
  readonly frames: GatewayFrame[] = [];
  /** Things the client did that the fake cannot serve (compression, another API version); listed on a wait's timeout. */
  readonly problems: string[] = [];
  /** The shard each IDENTIFY asked for ([id, count]), in order; undefined for a client that named none. */
  readonly shards: ([number, number] | undefined)[] = [];
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly identified = new Map<WebSocket, Session>();
  /** Sessions seen, kept after a socket closes so a RESUME can find them. */
  private readonly sessions = new Map<string, Session>();
  private nextSession = 1;

  constructor(
    private readonly world: GatewayWorld,
    private readonly onFrame: () => void,
  ) {}

  /** Takes over an HTTP upgrade on the fake's server. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.open(ws, request));
  }

  /** Intents of the client that identified last, or undefined before anyone did. */
  get intents(): number | undefined {
    return [...this.identified.values()].at(-1)?.intents;
  }

  /** Sends an event to every identified client; fails when there is none, so an event is never lost quietly. */
  dispatch(t: string, d: unknown): void {
    if (this.identified.size === 0)
      throw new Error(`cannot dispatch ${t}: no client has identified with the fake gateway`);
    for (const session of this.identified.values()) this.sendDispatch(session, t, d);
  }

  close(): void {
    for (const socket of this.server.clients) socket.terminate();
    this.server.close();
  }

  private open(socket: WebSocket, request: IncomingMessage): void {
    const query = new URL(request.url ?? "/", "ws://127.0.0.1").searchParams;
    const unsupported =
      query.get("v") !== "10"
        ? `gateway version v=${query.get("v")}; the fake speaks v10`
        : query.get("encoding") !== "json"
          ? `encoding=${query.get("encoding")}; the fake speaks json`
          : query.has("compress")
            ? `compress=${query.get("compress")} (zlib-sync is installed?); the fake sends plain JSON`
            : undefined;
    if (unsupported) {
      this.refuse(socket, unsupported);
      return;
    }
    socket.on("message", (data, isBinary) => this.receive(socket, data, isBinary));
    socket.on("close", () => this.identified.delete(socket));
    this.send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS } });
  }

  private receive(socket: WebSocket, data: RawData, isBinary: boolean): void {
    let payload: { op: number; d: any };
    try {
      payload = JSON.parse(isBinary ? "" : data.toString());
    } catch {
      this.problems.push("the client sent a frame that is not JSON text");
      socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
      return;
    }
    this.record({ from: "client", op: payload.op, d: payload.d });
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.send(socket, { op: GatewayOpcodes.HeartbeatAck });
        break;
      case GatewayOpcodes.Identify:
        this.identify(socket, payload.d);
        break;
      case GatewayOpcodes.Resume:
        this.resume(socket, payload.d);
        break;
      case GatewayOpcodes.RequestGuildMembers:
        this.sendMembers(socket, payload.d);
        break;
      default:
        // Presence and voice updates, soundboard requests: nothing in the fake depends on them.
        break;
    }
  }

  private identify(
    socket: WebSocket,
    d: { token?: string; intents?: number; compress?: boolean; shard?: [number, number] },
  ): void {
    this.shards.push(d.shard);
    if (this.identified.has(socket)) {
      socket.close(GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
      return;
    }
    if (d.token !== this.world.token) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return;
    }
    if (d.compress) {
      this.refuse(socket, "identify with compress: true; the fake sends plain JSON");
      return;
    }
    const session: Session = { socket, id: `fake-session-${this.nextSession++}`, sequence: 0, intents: d.intents ?? 0 };
    this.identified.set(socket, session);
    this.sessions.set(session.id, session);
    this.sendDispatch(session, GatewayDispatchEvents.Ready, this.world.ready(session.id));
    // Without the Guilds intent Discord sends no GUILD_CREATE and discord.js stops waiting at once.
    if (session.intents & GatewayIntentBits.Guilds)
      this.sendDispatch(session, GatewayDispatchEvents.GuildCreate, this.world.guildCreate());
  }

  private resume(socket: WebSocket, d: { session_id?: string; token?: string }): void {
    const session = this.sessions.get(d.session_id ?? "");
    if (!session || d.token !== this.world.token) {
      this.send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    session.socket = socket;
    this.identified.set(socket, session);
    this.sendDispatch(session, GatewayDispatchEvents.Resumed, null);
  }

  private sendMembers(socket: WebSocket, d: { guild_id?: string; user_ids?: string | string[]; nonce?: string }): void {
    const session = this.identified.get(socket);
    if (!session) return;
    const wanted = d.user_ids === undefined ? undefined : [d.user_ids].flat();
    const members = this.world.members().filter((member) => !wanted || wanted.includes(member.user.id));
    this.sendDispatch(session, GatewayDispatchEvents.GuildMembersChunk, {
      guild_id: d.guild_id,
      members,
      chunk_index: 0,
      chunk_count: 1,
      ...(d.nonce ? { nonce: d.nonce } : {}),
    });
  }

  private sendDispatch(session: Session, t: string, d: unknown): void {
    this.send(session.socket, { op: GatewayOpcodes.Dispatch, t, s: ++session.sequence, d });
  }

  private send(socket: WebSocket, payload: { op: number; t?: string; s?: number; d?: unknown }): void {
    this.record({ from: "fake", op: payload.op, t: payload.t, s: payload.s, d: payload.d ?? null });
    socket.send(JSON.stringify({ t: null, s: null, d: null, ...payload }));
  }

  /** Closes with a code discord.js will not retry, so a mismatch fails the test instead of looping. */
  private refuse(socket: WebSocket, problem: string): void {
    this.problems.push(problem);
    this.onFrame();
    socket.close(GatewayCloseCodes.InvalidAPIVersion, problem.slice(0, 120));
  }

  private record(frame: GatewayFrame): void {
    if (frame.t === undefined) delete frame.t;
    if (frame.s === undefined) delete frame.s;
    this.frames.push(frame);
    this.onFrame();
  }
}
