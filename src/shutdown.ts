/**
 * Clean shutdown on SIGTERM and SIGINT: stop taking new work (the router answers "restarting"),
 * let the replies in flight finish (up to `drainMs`), run the close hooks in reverse order of
 * registration (platforms, the knowledge watcher, a database...), flush the logs and exit 0, all
 * within `deadlineMs`. A second signal exits at once. Anything that registers a resource to close
 * calls `shutdown.onClose(name, close)`.
 *
 * Also here: unhandled promise rejections are logged and the process keeps running; an uncaught
 * exception is logged and shuts the process down cleanly (Node cannot promise a sane state after one).
 */
import { describeFailure } from "./core/errors.ts";
import type { InFlight } from "./core/in-flight.ts";
import type { Logger } from "./core/logger.ts";

export interface ShutdownOptions {
  /** How long replies in flight may take to finish. Default 2500 ms. */
  drainMs?: number;
  /** Longest any one close hook may take. Default 1000 ms. */
  hookMs?: number;
  /** The whole shutdown, hard limit; past it the process exits 1. Default 4500 ms. */
  deadlineMs?: number;
  /** Writes out buffered logs; called last. */
  flush?: () => void | Promise<void>;
  /** process.exit; tests pass a spy. */
  exit?: (code: number) => void;
}

interface Hook {
  name: string;
  close: () => unknown;
}

const SIGNAL_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export class Shutdown {
  private readonly hooks: Hook[] = [];
  private stopping: Promise<number> | undefined;
  private readonly drainMs: number;
  private readonly hookMs: number;
  private readonly deadlineMs: number;
  private readonly exit: (code: number) => void;

  constructor(
    private readonly inFlight: InFlight,
    private readonly log: Logger,
    private readonly options: ShutdownOptions = {},
  ) {
    this.drainMs = options.drainMs ?? 2500;
    this.hookMs = options.hookMs ?? 1000;
    this.deadlineMs = options.deadlineMs ?? 4500;
    this.exit = options.exit ?? ((code) => process.exit(code));
  }

  /** True once a stop has begun. */
  get started(): boolean {
    return this.stopping !== undefined;
  }

  /** Registers something to close on shutdown; hooks run last-registered first. */
  onClose(name: string, close: () => unknown): void {
    this.hooks.push({ name, close });
  }

  /**
   * Stops once (later calls get the same result): refuse new work, wait for work in flight, run
   * the hooks, flush the logs. Resolves with the exit code: 0 when everything closed in time.
   */
  stop(reason: string): Promise<number> {
    this.stopping ??= this.run(reason);
    return this.stopping;
  }

  /** SIGTERM and SIGINT: the first stops cleanly then exits; a second exits at once. */
  installSignals(proc: NodeJS.EventEmitter = process): void {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.started) {
        this.log.warn({ signal }, "second signal: exiting now");
        this.exit(SIGNAL_CODES[signal] ?? 1);
        return;
      }
      void this.stop(signal).then((code) => this.exit(code));
    };
    proc.on("SIGTERM", onSignal);
    proc.on("SIGINT", onSignal);
  }

  private async run(reason: string): Promise<number> {
    const started = performance.now();
    const left = () => this.deadlineMs - (performance.now() - started);
    const deadline = setTimeout(() => {
      this.log.error({ reason, ms: this.deadlineMs }, "shutdown took too long: exiting now");
      this.exit(1);
    }, this.deadlineMs);
    deadline.unref();

    this.log.info({ reason, inFlight: this.inFlight.size }, "shutting down");
    this.inFlight.close();
    const drained = await this.inFlight.idle(Math.max(0, Math.min(this.drainMs, left())));
    if (!drained) {
      this.log.warn(
        { inFlight: this.inFlight.size, ms: this.drainMs },
        "shutdown: replies still running were cut short",
      );
    }
    let clean = drained;
    for (const hook of [...this.hooks].reverse()) {
      const ms = Math.max(0, Math.min(this.hookMs, left() - 200));
      const { outcome, error } = await settle(hook.close, ms);
      if (outcome !== "closed") {
        clean = false;
        this.log.warn(
          {
            hook: hook.name,
            outcome,
            ...(outcome === "failed" ? { err: describeFailure(error) } : { ms }),
          },
          `shutdown: could not close ${hook.name}`,
        );
      }
    }
    this.log.info(
      { reason, ms: Math.round(performance.now() - started), clean },
      "stopped: goodbye",
    );
    try {
      await this.options.flush?.();
    } catch {
      // Nothing left to report it to.
    }
    clearTimeout(deadline);
    return 0;
  }
}

interface Settled {
  outcome: "closed" | "failed" | "timed out";
  error?: unknown;
}

/** Runs a close hook within `ms`: closed, failed (it threw) or timed out. */
async function settle(close: () => unknown, ms: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled>((resolve) => {
    timer = setTimeout(resolve, ms, { outcome: "timed out" });
  });
  try {
    return await Promise.race([
      Promise.resolve()
        .then(close)
        .then(
          (): Settled => ({ outcome: "closed" }),
          (error: unknown): Settled => ({ outcome: "failed", error }),
        ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Unhandled rejections are logged and the process goes on; an uncaught exception is logged and
 * `onFatal` runs (a clean shutdown, exit 1).
 */
export function installCrashGuards(
  log: Logger,
  onFatal: () => void,
  proc: NodeJS.EventEmitter = process,
): void {
  proc.on("unhandledRejection", (reason: unknown) => {
    log.error({ err: describeFailure(reason) }, "unhandled promise rejection (still running)");
  });
  proc.on("uncaughtException", (error: Error) => {
    log.error({ err: describeFailure(error) }, "uncaught exception: shutting down");
    onFatal();
  });
}
