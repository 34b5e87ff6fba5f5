/**
 * The Slack HTTP endpoint (POST /slack/events): a Bolt `Receiver` that owns its HTTP server
 * (./http-server.ts: connection cap, slow requests dropped), checks every request before Bolt
 * sees it (./signed-request.ts: signature, timestamps both ways, replays, malformed payloads),
 * then hands it to Bolt's own HTTPReceiver, which checks it again and dispatches it.
 *
 * Each request is counted in flight from its first byte until its response is sent, so a clean
 * shutdown waits for requests still being read, and the count it logs is true. Its arrival time
 * goes to the listener (`context.arrival`), which sheds load by it (src/core/busy.ts).
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import net, { type AddressInfo } from "node:net";
import { type App, type Logger as BoltLogger, HTTPReceiver, type Receiver } from "@slack/bolt";
import { describeFailure } from "../../core/errors.ts";
import type { InFlight } from "../../core/in-flight.ts";
import type { Logger } from "../../core/logger.ts";
import { ThrottledLog } from "../../core/throttled-log.ts";
import { createGuardedServer, DEFAULT_HTTP_LIMITS, type HttpLimits } from "./http-server.ts";
import { ReplayGuard } from "./replay-guard.ts";
import { checkSignedRequest } from "./signed-request.ts";

export const SLACK_EVENTS_PATH = "/slack/events";
/** How long a stopping server lets open connections send their next request. */
const STOP_GRACE_MS = 300;

/** What the listener learns of a request's arrival. */
export interface Arrival {
  /** performance.now() when its headers were read. */
  at: number;
  /** Its key in the in-flight count (see InFlight.track). */
  request: object;
}

export interface SlackReceiverOptions {
  signingSecret: string;
  log: Logger;
  boltLogger: BoltLogger;
  inFlight: InFlight;
  limits?: Partial<HttpLimits>;
  /** How long Bolt waits for a listener's ack before answering 404. Default 3001 ms (Bolt's). */
  unhandledRequestTimeoutMs?: number;
  /** The clock the timestamp checks use, in seconds; tests move it. */
  nowS?: () => number;
}

export class SlackHttpReceiver implements Receiver {
  private readonly bolt: HTTPReceiver;
  private readonly replays: ReplayGuard;
  private readonly arrivals = new WeakMap<IncomingMessage, Arrival>();
  private readonly refusals: ThrottledLog;
  private server: Server | undefined;
  /** Settles once the server has closed, after `stop` or the start of shutdown. */
  private closed: Promise<void> | undefined;

  constructor(private readonly options: SlackReceiverOptions) {
    this.replays = new ReplayGuard(options.nowS);
    this.refusals = new ThrottledLog(options.log);
    this.bolt = new HTTPReceiver({
      signingSecret: options.signingSecret,
      logger: options.boltLogger,
      unhandledRequestTimeoutMillis: options.unhandledRequestTimeoutMs ?? 3001,
      customPropertiesExtractor: (req) => {
        const arrival = this.arrivals.get(req as IncomingMessage);
        return arrival ? { arrival } : {};
      },
    });
  }

  init(app: App): void {
    this.bolt.init(app);
  }

  /** Listens on a port (and host); resolves with the server once it does. */
  start(where: number | { port: number; host?: string } = 3000): Promise<Server> {
    const server = createGuardedServer(
      (req, res, answering) => this.handle(req, res, answering),
      this.options.log,
      { ...DEFAULT_HTTP_LIMITS, ...this.options.limits },
    );
    this.server = server;
    this.options.inFlight.onClose(() => this.stopListening(server));
    const { port, host } = typeof where === "number" ? { port: where, host: undefined } : where;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve(server);
      });
    });
  }

  /**
   * Shutdown begins (InFlight.onClose): the server stops accepting connections, so new ones are
   * refused, never half-read. Connections already open stay: their next request is answered
   * ("restarting", or its reply if it was already under way) with `Connection: close`. Node's
   * own `server.close()` would close idle keep-alive connections at once, resetting any request
   * a client was sending down one at that moment, so only the listening socket is closed here.
   */
  private stopListening(server: Server): void {
    this.closed ??= new Promise((resolve) => {
      net.Server.prototype.close.call(server, () => resolve());
    });
  }

  /**
   * After the drain: connections still open get `STOP_GRACE_MS` to send their next request (it
   * is answered, and the connection closed); then idle ones are closed. Resolves once every
   * connection is gone.
   */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.stopListening(server);
    const closeIdle = setTimeout(() => server.closeIdleConnections(), STOP_GRACE_MS);
    await this.closed;
    clearTimeout(closeIdle);
    // Stops Node's timer that checks for slow requests (nothing left to check).
    server.close(() => {});
  }

  get address(): AddressInfo | undefined {
    return (this.server?.address() as AddressInfo | null) ?? undefined;
  }

  private handle(req: IncomingMessage, res: ServerResponse, answering: () => void): void {
    const arrival: Arrival = { at: performance.now(), request: {} };
    void this.options.inFlight.track(
      new Promise((resolve) => res.once("close", () => resolve(undefined))),
      arrival.request,
    );
    // Once shutdown begins, every answer closes its connection, so no client sends another
    // request down a connection the server is about to close (it would be reset, unread).
    const writeHead = res.writeHead;
    res.writeHead = ((...args: Parameters<typeof writeHead>) => {
      if (this.options.inFlight.closing) res.shouldKeepAlive = false;
      return writeHead.apply(res, args);
    }) as typeof writeHead;
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "POST" || path !== SLACK_EVENTS_PATH) {
      res.writeHead(404).end();
      return;
    }
    this.checkThenDispatch(req, res, arrival, answering).catch((error: unknown) => {
      this.options.log.warn(
        { err: describeFailure(error), platform: "slack" },
        "slack http: request not read",
      );
      res.destroy();
    });
  }

  private async checkThenDispatch(
    req: IncomingMessage,
    res: ServerResponse,
    arrival: Arrival,
    answering: () => void,
  ): Promise<void> {
    const checked = await checkSignedRequest(req, {
      signingSecret: this.options.signingSecret,
      replays: this.replays,
      ...(this.options.nowS ? { nowS: this.options.nowS } : {}),
    });
    if (!checked.ok) {
      this.refusals.warn(
        { platform: "slack", status: checked.status, reason: checked.reason },
        `slack http: refused a request: ${checked.reason}`,
      );
      if (checked.status === 413) res.shouldKeepAlive = false;
      res.writeHead(checked.status).end();
      return;
    }
    answering();
    // Bolt reads the body from here instead of the stream, which is already drained.
    Object.assign(req, { rawBody: checked.rawBody });
    this.arrivals.set(req, arrival);
    this.bolt.requestListener(req, res);
  }
}
