/**
 * Live knowledge reload: on SIGHUP, or when a file under the knowledge folder changes (debounced),
 * the knowledge is loaded, validated and indexed again off the request path, then swapped in at
 * once with Bot.replaceKnowledge. Requests already running keep the knowledge they started with;
 * the next one gets the new. An invalid edit changes nothing: the last good knowledge keeps
 * serving and the log names each file, entry and field that is wrong.
 */
import path from "node:path";
import type { Bot } from "../bot.ts";
import { describeFailure } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { FolderWatch } from "./folder-watch.ts";
import { buildKnowledge, type Knowledge } from "./knowledge.ts";
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError } from "./load.ts";
import { loadInWorker } from "./reload-worker.ts";

export interface ReloaderOptions {
  dir?: string | undefined;
  log: Logger;
  /** Wait this long after the last change before reloading (an editor saves in bursts). */
  debounceMs?: number;
  /** Watch the folder for changes; SIGHUP reloads either way. Default true. */
  watch?: boolean;
  /** Loads and indexes the folder; tests pass slow or failing builds. */
  build?: (dir: string) => Knowledge | Promise<Knowledge>;
}

export type ReloadOutcome =
  | { ok: true; loadedAt: Date; facts: number; ms: number }
  | { ok: false; problems: string[] };

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Loads in a worker thread (reload-worker.ts), then indexes, letting waiting requests run. */
async function defaultBuild(dir: string): Promise<Knowledge> {
  const base = await loadInWorker(dir);
  await yieldToRequests();
  return buildKnowledge(base);
}

/** A change worth a reload: a YAML file, a folder, or an unnamed change; not editor droppings. */
export function isKnowledgeChange(file: string | null): boolean {
  if (file === null) return true;
  const name = path.basename(file);
  if (name.startsWith(".") || name.endsWith("~")) return false;
  return /\.ya?ml$/i.test(name) || path.extname(name) === "";
}

export class KnowledgeReloader {
  private readonly dir: string;
  private watcher: FolderWatch | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReloadOutcome> | undefined;
  private again: string | undefined;
  private readonly onSignal = () => void this.reload("SIGHUP");
  private signals: NodeJS.EventEmitter | undefined;

  constructor(
    private readonly bot: Bot,
    private readonly options: ReloaderOptions,
  ) {
    this.dir = path.resolve(options.dir ?? DEFAULT_KNOWLEDGE_DIR);
  }

  /** Starts watching the folder (unless told not to) and listening for SIGHUP. */
  start(proc: NodeJS.EventEmitter = process): void {
    this.signals = proc;
    proc.on("SIGHUP", this.onSignal);
    if (this.options.watch === false) return;
    this.watcher = new FolderWatch(
      this.dir,
      (file) => {
        if (isKnowledgeChange(file)) this.schedule(file || "the knowledge folder");
      },
      (error) =>
        this.options.log.warn(
          { err: describeFailure(error), dir: this.dir },
          "knowledge watcher failed on a folder: reload with SIGHUP if edits there are missed",
        ),
    );
    this.watcher.start();
  }

  /** Stops watching and listening; waits for a reload under way. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.watcher?.close();
    this.watcher = undefined;
    this.signals?.off("SIGHUP", this.onSignal);
    this.again = undefined;
    await this.running;
  }

  private schedule(file: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload(`changed: ${file}`);
    }, this.options.debounceMs ?? 300);
  }

  /**
   * Rebuilds and swaps. One reload runs at a time: a request for another while one runs is
   * remembered and done right after it, so the last edit always wins.
   */
  reload(reason: string): Promise<ReloadOutcome> {
    if (this.running) {
      this.again = reason;
      return this.running;
    }
    const run = this.rebuild(reason).finally(() => {
      this.running = undefined;
      const next = this.again;
      this.again = undefined;
      if (next) void this.reload(next);
    });
    this.running = run;
    return run;
  }

  private async rebuild(reason: string): Promise<ReloadOutcome> {
    const { log } = this.options;
    const started = performance.now();
    const build = this.options.build ?? defaultBuild;
    try {
      const built = await build(this.dir);
      const next: Knowledge = { ...built, base: { ...built.base, loadedAt: new Date() } };
      this.bot.replaceKnowledge(next);
      const ms = Math.round(performance.now() - started);
      log.info(
        { reason, sources: next.base.sources.size, facts: next.base.facts.length, ms },
        "knowledge reloaded",
      );
      return { ok: true, loadedAt: next.base.loadedAt, facts: next.base.facts.length, ms };
    } catch (error) {
      const serving = this.bot.knowledge.base.loadedAt.toISOString();
      if (error instanceof KnowledgeError) {
        log.error(
          { reason, dir: this.dir, problems: error.problems, serving },
          `knowledge reload failed, still serving the knowledge loaded at ${serving}: ${error.problems[0] ?? ""}`,
        );
        return { ok: false, problems: error.problems };
      }
      log.error(
        { reason, dir: this.dir, err: describeFailure(error), serving },
        `knowledge reload failed, still serving the knowledge loaded at ${serving}`,
      );
      return { ok: false, problems: [describeFailure(error).message as string] };
    }
  }
}
