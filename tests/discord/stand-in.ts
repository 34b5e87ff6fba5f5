/**
 * A small stand-in for Discord's REST API and gateway on 127.0.0.1, enough for the real
 * discord.js Client to log in, reach ready and receive INTERACTION_CREATE (the protocol facts
 * are in ../shared/PLATFORMS.md). It refuses what Discord refuses: a body over a limit (400,
 * code 50035), a first callback after the deadline (404, 10062), a second callback (400, 40060),
 * and records every request with its time since the interaction was dispatched.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { choiceErrors, commandErrors, type MessageBody, messageErrors } from "./discord-rules.ts";

export type { MessageBody } from "./discord-rules.ts";

export const APPLICATION_ID = "100000000000000001";
export const GUILD_ID = "200000000000000002";
export const BOT_USER_ID = "300000000000000003";
const BOT_USER = {
  id: BOT_USER_ID,
  username: "policywatch",
  discriminator: "0",
  bot: true,
  avatar: null,
  global_name: null,
};
const CHANNEL_ID = "400000000000000004";

export interface RecordedCall {
  method: string;
  /** Decoded path without /api/v10 and the query: "/interactions/1/tok/callback". */
  path: string;
  query: string;
  body: unknown;
  status: number;
  /** Discord's error code when refused. */
  code?: number;
  authorized: boolean;
  /** Milliseconds since the interaction was dispatched (for interaction calls). */
  sinceDispatch?: number;
}

export interface SentInteraction {
  id: string;
  token: string;
  dispatchedAt: number;
  /** Accepted and refused calls for this interaction, in arrival order. */
  calls: RecordedCall[];
  acknowledged?: number;
}

type OptionValue = string | number | boolean;

/** Who sends an interaction: a member of the stand-in guild with these permissions. */
export interface Person {
  userId?: string;
  /** Discord's permission bit set, as a decimal string; default: no Manage Channels. */
  permissions?: string;
}

/** Manage Channels (1 << 4) on top of the default member permissions. */
export const MANAGE_CHANNELS_PERMISSIONS = (BigInt("2248473465835073") | 16n).toString();

export interface StandInOptions {
  /** Discord allows 3 s for the first callback. */
  firstCallbackDeadlineMs?: number;
}

/** An option as the gateway sends it: a value, or a subcommand with options of its own. */
type SentOption =
  | { name: string; type: number; value: OptionValue; focused?: boolean }
  | { name: string; type: 1; options: SentOption[] };

export class DiscordStandIn {
  readonly calls: RecordedCall[] = [];
  readonly registered = new Map<string, unknown[]>();
  readonly interactions = new Map<string, SentInteraction>();
  private readonly byToken = new Map<string, SentInteraction>();
  private readonly waiters = new Set<() => void>();
  private socket?: WebSocket;
  private seq = 0;
  private nextId = 1n;
  private readonly deadline: number;
  readonly identified: Promise<void>;
  /** Refuse the next message (callback type 4, edit or follow-up) with this error, once. */
  refuseNextMessage?: { status: number; code: number; message: string };
  /** Hold the next interaction callback this long before answering it, once (a slow Discord). */
  stallNextCallbackMs?: number;
  private markIdentified!: () => void;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    options: StandInOptions,
  ) {
    this.deadline = options.firstCallbackDeadlineMs ?? 3000;
    this.identified = new Promise((resolve) => {
      this.markIdentified = resolve;
    });
    server.on("request", (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    wss.on("connection", (socket) => this.connect(socket));
  }

  static async start(options: StandInOptions = {}): Promise<DiscordStandIn> {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new DiscordStandIn(server, wss, options);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The REST base for `new Client({ rest: { api } })` and DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private snowflake(): string {
    return (BigInt("900000000000000000") + this.nextId++).toString();
  }

  // --- gateway ---

  private connect(socket: WebSocket): void {
    this.socket = socket;
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    socket.on("message", (raw) => {
      const message = JSON.parse(String(raw)) as { op: number };
      if (message.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (message.op === 2) {
        socket.send(
          JSON.stringify({
            op: 0,
            t: "READY",
            s: ++this.seq,
            d: {
              v: 10,
              user: BOT_USER,
              guilds: [],
              session_id: "stand-in-session",
              resume_gateway_url: `ws://127.0.0.1:${this.port}`,
              application: { id: APPLICATION_ID, flags: 0 },
            },
          }),
        );
        this.markIdentified();
      }
    });
  }

  private dispatch(
    type: 2 | 3 | 4,
    name: string,
    options: SentOption[],
    as: Person = {},
    component?: { customId: string; flags: number },
  ): SentInteraction {
    if (!this.socket) throw new Error("no client is connected to the stand-in gateway");
    const sent = this.pretend();
    const { id, token } = sent;
    const d = {
      id,
      application_id: APPLICATION_ID,
      type,
      token,
      version: 1,
      data: component
        ? { custom_id: component.customId, component_type: 2 }
        : { id: "500000000000000005", name, type: 1, ...(options.length > 0 ? { options } : {}) },
      ...(component ? { message: this.messageObject({ flags: component.flags }) } : {}),
      guild_id: GUILD_ID,
      channel_id: CHANNEL_ID,
      channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: "general" },
      member: {
        user: {
          id: as.userId ?? "600000000000000006",
          username: "analyst",
          discriminator: "0",
          global_name: "Analyst",
          avatar: null,
        },
        roles: [],
        permissions: as.permissions ?? "2248473465835073",
        joined_at: "2025-01-01T00:00:00.000000+00:00",
        deaf: false,
        mute: false,
        flags: 0,
      },
      app_permissions: "2248473465835073",
      locale: "en-US",
      guild_locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: { "0": GUILD_ID },
      context: 0,
    };
    sent.dispatchedAt = performance.now();
    this.socket.send(JSON.stringify({ op: 0, t: "INTERACTION_CREATE", s: ++this.seq, d }));
    return sent;
  }

  /** An interaction the stand-in will take callbacks for, without dispatching it to a client. */
  pretend(): SentInteraction {
    const sent: SentInteraction = {
      id: this.snowflake(),
      token: `tok_${randomBytes(12).toString("hex")}`,
      dispatchedAt: performance.now(),
      calls: [],
    };
    this.interactions.set(sent.id, sent);
    this.byToken.set(sent.token, sent);
    return sent;
  }

  /**
   * Sends a slash command as if a person typed it; "briefing subscribe" names a subcommand,
   * whose options Discord nests under it.
   */
  command(line: string, options: Record<string, OptionValue> = {}, as?: Person): SentInteraction {
    const [name = "", subcommand] = line.split(" ");
    const typed = Object.entries(options).map(([n, value]) => ({
      name: n,
      type: typeOf(value),
      value,
    }));
    const sent: SentOption[] = subcommand ? [{ name: subcommand, type: 1, options: typed }] : typed;
    return this.dispatch(2, name, sent, as);
  }

  /** A click on a button the bot sent (custom_id), on a message with these flags (64: ephemeral). */
  click(customId: string, as?: Person, flags = 64): SentInteraction {
    return this.dispatch(3, "", [], as, { customId, flags });
  }

  /** Channels that answer 404 Unknown Channel (10003) to a message posted there. */
  readonly goneChannels = new Set<string>();
  /** Messages posted to channels (POST /channels/{id}/messages), in arrival order. */
  readonly channelMessages: { channelId: string; body: MessageBody }[] = [];

  /** A message object as Discord returns it, with what the bot sent filled in. */
  private messageObject(sent: MessageBody = {}) {
    return {
      id: this.snowflake(),
      channel_id: CHANNEL_ID,
      author: BOT_USER,
      content: sent.content ?? "",
      timestamp: new Date().toISOString(),
      embeds: sent.embeds ?? [],
      components: [],
      type: 0,
      flags: sent.flags ?? 0,
      attachments: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      edited_timestamp: null,
    };
  }

  /** Sends an autocomplete request for `focused` with what is typed so far. */
  autocomplete(
    name: string,
    focused: string,
    typed: string,
    others: Record<string, OptionValue> = {},
  ): SentInteraction {
    return this.dispatch(4, name, [
      ...Object.entries(others).map(([n, value]) => ({ name: n, type: typeOf(value), value })),
      { name: focused, type: 3, value: typed, focused: true },
    ]);
  }

  /** Resolves once `test` holds for the interaction's calls (checked on every new call). */
  async waitFor(
    sent: SentInteraction,
    test: (calls: RecordedCall[]) => boolean,
    timeoutMs = 5000,
  ): Promise<RecordedCall[]> {
    if (test(sent.calls)) return sent.calls;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `timed out; calls so far: ${JSON.stringify(sent.calls.map((c) => [c.method, c.path, c.status, c.code]))}`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        if (!test(sent.calls)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(sent.calls);
      };
      this.waiters.add(check);
    });
  }

  /** The first message people see: a type 4 callback, or the edit after a type 5 deferral. */
  async firstMessage(
    sent: SentInteraction,
    timeoutMs?: number,
  ): Promise<{ body: MessageBody; call: RecordedCall }> {
    const calls = await this.waitFor(
      sent,
      (cs) => cs.some(isMessage) || cs.some((c) => c.status >= 400),
      timeoutMs,
    );
    const call = calls.find(isMessage);
    if (!call)
      throw new Error(
        `refused: ${JSON.stringify(calls.map((c) => [c.method, c.path, c.status, c.code]))}`,
      );
    return { body: messageOf(call), call };
  }

  private takeRefusal() {
    const forced = this.refuseNextMessage;
    this.refuseNextMessage = undefined;
    return forced;
  }

  // --- REST ---

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const body: unknown = text ? JSON.parse(text) : undefined;
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ""));
    const call: RecordedCall = {
      method: req.method ?? "GET",
      path,
      query: url.search,
      body,
      status: 0,
      authorized: /^Bot \S+/.test(req.headers.authorization ?? ""),
    };
    const answer = (status: number, payload?: unknown, code?: number) => {
      call.status = status;
      if (code !== undefined) call.code = code;
      this.calls.push(call);
      if (payload === undefined) res.writeHead(status).end();
      else
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
      for (const waiter of [...this.waiters]) waiter();
    };
    const refuse = (status: number, code: number, message: string, errors: string[] = []) =>
      answer(
        status,
        {
          code,
          message,
          ...(errors.length
            ? { errors: { _errors: errors.map((e) => ({ code: "INVALID", message: e })) } }
            : {}),
        },
        code,
      );

    const commandsRoute = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    const callbackRoute = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    const webhookRoute = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path);
    const channelRoute = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channelRoute && call.method === "POST") {
      const channelId = channelRoute[1] ?? "";
      if (!call.authorized) return refuse(401, 0, "401: Unauthorized");
      if (this.goneChannels.has(channelId)) return refuse(404, 10003, "Unknown Channel");
      const errors = messageErrors((body ?? {}) as MessageBody);
      if (errors.length > 0) return refuse(400, 50035, "Invalid Form Body", errors);
      this.channelMessages.push({ channelId, body: body as MessageBody });
      return answer(200, { ...this.messageObject(), channel_id: channelId });
    }
    if (call.method === "GET" && path === "/gateway/bot") {
      if (!call.authorized) return refuse(401, 0, "401: Unauthorized");
      return answer(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: 1,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 14_400_000,
          max_concurrency: 1,
        },
      });
    }
    if (commandsRoute && call.method === "PUT") {
      const m = commandsRoute;
      if (!call.authorized) return refuse(401, 0, "401: Unauthorized");
      const errors = commandErrors(body);
      if (errors.length > 0) return refuse(400, 50035, "Invalid Form Body", errors);
      const list = (body as Record<string, unknown>[]).map((c) => ({
        ...c,
        id: this.snowflake(),
        application_id: m[1],
        version: "1",
      }));
      this.registered.set(m[2] ? `guild:${m[2]}` : "global", list);
      return answer(200, list);
    }
    if (callbackRoute && call.method === "POST") {
      const m = callbackRoute;
      const stall = this.stallNextCallbackMs;
      this.stallNextCallbackMs = undefined;
      if (stall) await new Promise((resolve) => setTimeout(resolve, stall));
      const sent = this.interactions.get(m[1] ?? "");
      if (sent) call.sinceDispatch = performance.now() - sent.dispatchedAt;
      sent?.calls.push(call);
      if (!sent || sent.token !== m[2]) return refuse(404, 10062, "Unknown interaction");
      if (sent.acknowledged !== undefined)
        return refuse(400, 40060, "Interaction has already been acknowledged.");
      if ((call.sinceDispatch ?? 0) > this.deadline)
        return refuse(404, 10062, "Unknown interaction");
      const { type, data } = (body ?? {}) as { type?: number; data?: Record<string, unknown> };
      const forced = type === 4 ? this.takeRefusal() : undefined;
      if (forced) return refuse(forced.status, forced.code, forced.message);
      const errors =
        type === 4
          ? messageErrors((data ?? {}) as MessageBody)
          : type === 8
            ? choiceErrors(data ?? {})
            : type === 5
              ? []
              : [`type ${type} not supported here`];
      if (errors.length > 0) return refuse(400, 50035, "Invalid Form Body", errors);
      sent.acknowledged = type;
      return answer(204);
    }
    if (webhookRoute) {
      const m = webhookRoute;
      const sent = this.byToken.get(m[2] ?? "");
      if (sent) call.sinceDispatch = performance.now() - sent.dispatchedAt;
      sent?.calls.push(call);
      if (!sent || m[1] !== APPLICATION_ID) return refuse(404, 10015, "Unknown Webhook");
      if (sent.acknowledged === undefined) return refuse(404, 10008, "Unknown Message");
      if (call.method === "DELETE" && m[3]) return answer(204);
      if ((call.method === "PATCH" && m[3]) || (call.method === "POST" && !m[3])) {
        const forced = this.takeRefusal();
        if (forced) return refuse(forced.status, forced.code, forced.message);
        const errors = messageErrors((body ?? {}) as MessageBody);
        if (errors.length > 0) return refuse(400, 50035, "Invalid Form Body", errors);
        return answer(200, this.messageObject(body as MessageBody));
      }
    }
    return refuse(404, 0, "404: Not Found");
  }
}

function typeOf(value: OptionValue): number {
  if (typeof value === "boolean") return 5;
  if (typeof value === "number") return Number.isInteger(value) ? 4 : 10;
  return 3;
}

/** A call that put a message in front of people (accepted). */
export function isMessage(call: RecordedCall): boolean {
  if (call.status >= 300) return false;
  const body = call.body as { type?: number } | undefined;
  if (call.path.endsWith("/callback")) return body?.type === 4;
  return call.path.startsWith("/webhooks/") && (call.method === "PATCH" || call.method === "POST");
}

/** The message body of a call: a callback's `data`, or a webhook body. */
export function messageOf(call: RecordedCall): MessageBody {
  const body = (call.body ?? {}) as { type?: number; data?: MessageBody } & MessageBody;
  return call.path.endsWith("/callback") ? (body.data ?? {}) : body;
}
