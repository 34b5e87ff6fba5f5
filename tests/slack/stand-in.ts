/**
 * A small local stand-in of Slack's side, for driving the real Bolt App with no network:
 * the Web API (auth.test, chat.postMessage, apps.connections.open), `response_url`, and the
 * Socket Mode WebSocket (hello, envelopes, acks). It refuses messages that break Slack's block
 * limits, as Slack does, and records everything it got.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export const BOT_USER_ID = "UBOT0001";
export const TEAM_ID = "T0000001";

export interface Received {
  path: string;
  authorization: string | undefined;
  /** JSON bodies parsed; form bodies as an object, with `blocks` parsed from its JSON string. */
  body: Record<string, unknown>;
  /** What the stand-in found wrong (empty when accepted). */
  problems: string[];
}

interface SlackBlock {
  type?: string;
  text?: { type?: string; text?: string };
  elements?: { text?: string | { type?: string; text?: string } }[];
}

interface SlackButton {
  type?: string;
  text?: { type?: string; text?: string };
  action_id?: string;
  value?: string;
  style?: string;
}

/** An actions block: 1-25 buttons, plain-text labels of 1-75, unique action_ids of 1-255. */
function actionProblems(block: SlackBlock, i: number): string[] {
  const problems: string[] = [];
  const elements = (block.elements ?? []) as SlackButton[];
  if (elements.length < 1 || elements.length > 25)
    problems.push(`block ${i}: actions of ${elements.length} elements`);
  const ids = new Set<string>();
  for (const e of elements) {
    if (e.type !== "button") problems.push(`block ${i}: unexpected element ${String(e.type)}`);
    const label = e.text?.text ?? "";
    if (e.text?.type !== "plain_text" || label.length < 1 || label.length > 75)
      problems.push(`block ${i}: button label of ${label.length} chars`);
    const id = e.action_id ?? "";
    if (id.length < 1 || id.length > 255 || ids.has(id))
      problems.push(`block ${i}: action_id "${id}" missing, long or repeated`);
    ids.add(id);
    if ((e.value?.length ?? 0) > 2000) problems.push(`block ${i}: button value over 2000`);
    if (e.style !== undefined && e.style !== "primary" && e.style !== "danger")
      problems.push(`block ${i}: button style ${e.style}`);
  }
  return problems;
}

/** What Slack refuses in a message: over 50 blocks, long headers or sections, big contexts. */
export function blockProblems(blocks: unknown): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ["blocks is not an array"];
  const problems: string[] = [];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks (at most 50)`);
  (blocks as SlackBlock[]).forEach((block, i) => {
    const text = block.text?.text ?? "";
    if (block.type === "header") {
      if (block.text?.type !== "plain_text")
        problems.push(`block ${i}: header text is not plain_text`);
      if (text.length < 1 || text.length > 150)
        problems.push(`block ${i}: header of ${text.length} chars`);
    } else if (block.type === "section") {
      if (text.length < 1 || text.length > 3000)
        problems.push(`block ${i}: section of ${text.length} chars`);
    } else if (block.type === "context") {
      const n = block.elements?.length ?? 0;
      if (n < 1 || n > 10) problems.push(`block ${i}: context of ${n} elements`);
      for (const e of block.elements ?? []) {
        const len = typeof e.text === "string" ? e.text.length : 0;
        if (len < 1 || len > 3000) problems.push(`block ${i}: context element of ${len} chars`);
      }
    } else if (block.type === "actions") {
      problems.push(...actionProblems(block, i));
    } else {
      problems.push(`block ${i}: unexpected type ${String(block.type)}`);
    }
  });
  return problems;
}

export class SlackStandIn {
  readonly received: Received[] = [];
  /** Paths of response_url endpoints that answer 500, to test failing deliveries. */
  readonly failing = new Set<string>();
  /** users.info answers: user id → the flags Slack returns; others are user_not_found. */
  readonly users = new Map<string, { is_admin?: boolean; is_owner?: boolean }>();
  /**
   * Web API paths that refuse their next call, once each: a string answers 200 `{ok:false, error}`
   * (a platform error), a number answers that HTTP status (e.g. 503).
   */
  readonly refuseNext = new Map<string, string | number>();
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private readonly sockets = new Set<WebSocket>();
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private readonly waiters: { test: (r: Received) => boolean; resolve: (r: Received) => void }[] =
    [];
  private envelopes = 0;

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error("stand-in not started");
    return `http://127.0.0.1:${address.port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.wss = new WebSocketServer({ server: this.server, path: "/link/" });
    this.wss.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("message", (data) => {
        const ack = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (ack.envelope_id) this.acks.get(ack.envelope_id)?.(ack.payload ?? {});
      });
      socket.send(
        JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0001" } }),
      );
    });
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Sends a Socket Mode envelope and resolves with the payload the app acked it with. */
  async envelope(
    type: "slash_commands" | "events_api" | "interactive",
    payload: object,
  ): Promise<unknown> {
    const socket = [...this.sockets][0];
    if (!socket) throw new Error("no Socket Mode connection");
    const envelopeId = `env-${++this.envelopes}`;
    const acked = new Promise<unknown>((resolve) => this.acks.set(envelopeId, resolve));
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        accepts_response_payload: type === "slash_commands",
        payload,
      }),
    );
    return acked;
  }

  /** Resolves with the first request (already received or coming) that passes `test`. */
  waitFor(test: (r: Received) => boolean, timeoutMs = 3000): Promise<Received> {
    const seen = this.received.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`stand-in: nothing matched in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? "").split("?")[0] ?? "";
    const isJson = (req.headers["content-type"] ?? "").startsWith("application/json");
    const body = isJson ? (JSON.parse(raw || "{}") as Record<string, unknown>) : formBody(raw);
    const problems = blockProblems(body.blocks);
    const received: Received = { path, authorization: req.headers.authorization, body, problems };
    this.received.push(received);
    for (const waiter of this.waiters.filter((w) => w.test(received))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(received);
    }
    const send = (status: number, data: object) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(data));
    };

    if (path.startsWith("/respond/")) {
      if (this.failing.has(path)) return send(500, { ok: false, error: "internal_error" });
      return problems.length > 0
        ? send(400, { ok: false, error: "invalid_blocks", problems })
        : send(200, { ok: true });
    }
    const bearer = received.authorization ?? "";
    const refusal = this.refuseNext.get(path);
    if (refusal !== undefined) {
      this.refuseNext.delete(path);
      return typeof refusal === "number"
        ? send(refusal, { ok: false, error: "service_unavailable" })
        : send(200, { ok: false, error: refusal });
    }
    switch (path) {
      case "/api/auth.test":
        if (!bearer.startsWith("Bearer xoxb-"))
          return send(200, { ok: false, error: "not_authed" });
        return send(200, {
          ok: true,
          user_id: BOT_USER_ID,
          bot_id: "B0001",
          team_id: TEAM_ID,
          user: "policywatch",
        });
      case "/api/apps.connections.open":
        if (!bearer.startsWith("Bearer xapp-"))
          return send(200, { ok: false, error: "not_allowed_token_type" });
        return send(200, { ok: true, url: `${this.url.replace("http", "ws")}/link/?ticket=t` });
      case "/api/chat.postMessage":
        if (!bearer.startsWith("Bearer xoxb-"))
          return send(200, { ok: false, error: "not_authed" });
        if (problems.length > 0) return send(200, { ok: false, error: "invalid_blocks", problems });
        return send(200, {
          ok: true,
          channel: body.channel,
          ts: "1700000001.000200",
          message: { text: body.text },
        });
      case "/api/users.info": {
        if (!bearer.startsWith("Bearer xoxb-"))
          return send(200, { ok: false, error: "not_authed" });
        const user = this.users.get(String(body.user));
        if (!user) return send(200, { ok: false, error: "user_not_found" });
        return send(200, { ok: true, user: { id: body.user, team_id: TEAM_ID, ...user } });
      }
      case "/api/chat.postEphemeral":
        if (!bearer.startsWith("Bearer xoxb-"))
          return send(200, { ok: false, error: "not_authed" });
        if (problems.length > 0) return send(200, { ok: false, error: "invalid_blocks", problems });
        return send(200, { ok: true, message_ts: "1700000001.000300" });
      default:
        return send(404, { ok: false, error: "unknown_method" });
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function formBody(raw: string): Record<string, unknown> {
  const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  if (typeof body.blocks === "string") body.blocks = JSON.parse(body.blocks);
  return body;
}
