/**
 * The HTTP server under the Slack endpoint, made to hold up against slow and idle connections:
 * - headers must arrive within `headersTimeoutMs` and the whole request within `requestTimeoutMs`
 *   (Node checks every `checkEveryMs`; its default, 30 s, would let slow bodies sit for half a
 *   minute), past which the connection is closed with a 408;
 * - at most `maxConnections` sockets are open. At the cap a new connection does not shut out
 *   real requests: the oldest connection that is not being answered (idle, or still sending a
 *   request) is closed to make room. Slack sends a request whole in milliseconds, so the ones
 *   closed are those trickling bytes. Only when every socket is being answered is the newcomer
 *   refused.
 * Every drop is logged with its reason, counted at most once a second per reason (a flood of
 * slow connections must not flood the log too).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "../../core/logger.ts";
import { ThrottledLog } from "../../core/throttled-log.ts";

export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** Idle keep-alive connections are closed after this. */
  keepAliveTimeoutMs: number;
  maxConnections: number;
  checkEveryMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 5000,
  requestTimeoutMs: 5000,
  keepAliveTimeoutMs: 5000,
  maxConnections: 1024,
  checkEveryMs: 500,
};

export type DropReason =
  | "slow or incomplete request"
  | "malformed request"
  | "room for a new connection"
  | "at capacity";

/** Sockets in order of arrival; those being answered are marked busy and never evicted. */
class ConnectionTable {
  private readonly open = new Set<Socket>();
  private readonly busy = new Set<Socket>();

  get size(): number {
    return this.open.size;
  }

  add(socket: Socket): void {
    this.open.add(socket);
    socket.once("close", () => {
      this.open.delete(socket);
      this.busy.delete(socket);
    });
  }

  markBusy(socket: Socket, busy: boolean): void {
    if (busy) this.busy.add(socket);
    else this.busy.delete(socket);
  }

  /** The oldest socket not being answered, if any. */
  oldestIdle(): Socket | undefined {
    for (const socket of this.open) if (!this.busy.has(socket)) return socket;
    return undefined;
  }
}

/**
 * The request handler; it calls `answering` once the request has been read whole and checked,
 * which protects its socket from eviction until the response ends.
 */
export type GuardedHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  answering: () => void,
) => void;

export function createGuardedServer(
  handler: GuardedHandler,
  log: Logger,
  limits: HttpLimits = DEFAULT_HTTP_LIMITS,
): Server {
  const table = new ConnectionTable();
  const throttled = new ThrottledLog(log);
  const drop = (reason: DropReason) =>
    throttled.warn({ platform: "slack", reason }, `slack http: dropped a connection: ${reason}`);
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkEveryMs,
    },
    (req, res) => {
      const socket = req.socket;
      res.once("close", () => table.markBusy(socket, false));
      handler(req, res, () => table.markBusy(socket, true));
    },
  );

  server.on("connection", (socket: Socket) => {
    if (table.size >= limits.maxConnections) {
      const victim = table.oldestIdle();
      if (victim) {
        victim.destroy();
        drop("room for a new connection");
      } else {
        socket.destroy();
        drop("at capacity");
        return;
      }
    }
    table.add(socket);
  });

  // Node reports a request that timed out (or was malformed) here; without a listener it would
  // answer 408/400 itself, silently.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    const timedOut =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT" || error.code === "ERR_HTTP_HEADERS_TIMEOUT";
    if (timedOut) drop("slow or incomplete request");
    else if (error.code?.startsWith("HPE_")) drop("malformed request");
    if (socket.writable && !socket.destroyed) {
      socket.end(
        timedOut
          ? "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n"
          : "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n",
      );
    }
    socket.destroy();
  });

  server.on("close", () => throttled.flush());
  return server;
}
