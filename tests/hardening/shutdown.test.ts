/**
 * Clean shutdown: new work is turned away, work in flight finishes (up to a bound), close hooks
 * run last-registered first (each bounded), the exit code is 0; a second signal exits at once.
 * Unhandled rejections are logged, not fatal. Then the same through the real discord.js client
 * and the real Bolt App: a slow reply in flight is delivered before the connection closes.
 */
import { EventEmitter } from "node:events";
import { afterAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { commands } from "../../commands/index.ts";
import { startDiscordClient } from "../../src/adapters/discord/client.ts";
import { Bot } from "../../src/bot.ts";
import { consoleOrigin, defineCommand } from "../../src/core/command.ts";
import { reply } from "../../src/core/reply.ts";
import { installCrashGuards, Shutdown } from "../../src/shutdown.ts";
import { memoryLogger, testKnowledge } from "../discord/harness.ts";
import { DiscordStandIn, isMessage, messageOf } from "../discord/stand-in.ts";
import { allText, post, slashBody, startHttpApp } from "../slack/helpers.ts";
import { SlackStandIn } from "../slack/stand-in.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const slow = defineCommand({
  name: "slow",
  description: "Answers after 400 ms",
  options: z.object({}),
  examples: ["/slow"],
  async handler() {
    await sleep(400);
    return reply({ kind: "info", title: "slow done", lead: "Finished while shutting down." });
  },
});

function setup(options: ConstructorParameters<typeof Shutdown>[2] = {}) {
  const log = memoryLogger();
  const bot = new Bot(testKnowledge(), log, [...commands, slow]);
  const exit = vi.fn<(code: number) => void>();
  const shutdown = new Shutdown(bot.inFlight, log, { exit, ...options });
  return { log, bot, exit, shutdown };
}

describe("Shutdown", () => {
  it("GIVEN work in flight THEN it finishes first, new work is turned away, hooks run last-registered first", async () => {
    const { bot, log, shutdown } = setup();
    const order: string[] = [];
    shutdown.onClose("database", () => order.push("database"));
    shutdown.onClose("platform", async () => {
      await sleep(20);
      order.push("platform");
    });
    const inFlight = bot.inFlight.track(bot.router.runText("/slow", consoleOrigin)).then((r) => {
      order.push("reply");
      return r;
    });
    const stopping = shutdown.stop("SIGTERM");
    const turnedAway = await bot.router.runText("/help", consoleOrigin);
    expect(turnedAway.title).toBe("Restarting");
    expect(turnedAway.lead).toMatch(/ask again in a few seconds/);
    expect(await stopping).toBe(0);
    expect((await inFlight).title).toBe("slow done");
    expect(order).toEqual(["reply", "platform", "database"]);
    expect(log.entries.map((e) => e.message)).toEqual(
      expect.arrayContaining(["shutting down", "stopped: goodbye"]),
    );
    expect(shutdown.stop("again")).toBe(stopping);
  });

  it("GIVEN work that never ends and a hook that hangs or throws THEN each is cut off at its bound", async () => {
    const { bot, log, shutdown } = setup({ drainMs: 100, hookMs: 100 });
    bot.inFlight.track(new Promise(() => {}));
    const ran: string[] = [];
    shutdown.onClose("first", () => ran.push("first"));
    shutdown.onClose("throws", () => {
      throw new Error("db already closed");
    });
    shutdown.onClose("hangs", () => new Promise(() => {}));
    const started = performance.now();
    expect(await shutdown.stop("SIGINT")).toBe(0);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(ran).toEqual(["first"]);
    const messages = log.entries.map((e) => e.message);
    expect(messages).toContain("shutdown: replies still running were cut short");
    expect(messages).toContain("shutdown: could not close hangs");
    expect(messages).toContain("shutdown: could not close throws");
  });

  it("GIVEN a stop that cannot finish (the log flush hangs) THEN the process exits 1 at the deadline", async () => {
    const { shutdown, exit } = setup({ deadlineMs: 150, flush: () => new Promise(() => {}) });
    void shutdown.stop("SIGTERM");
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1), { timeout: 1000 });
  });

  it("GIVEN SIGTERM THEN it stops and exits 0; a second signal exits at once", async () => {
    const { bot, shutdown, exit } = setup();
    const signals = new EventEmitter();
    shutdown.installSignals(signals);
    bot.inFlight.track(sleep(300));
    signals.emit("SIGTERM", "SIGTERM");
    signals.emit("SIGINT", "SIGINT");
    expect(exit).toHaveBeenCalledWith(130);
    await vi.waitFor(() => expect(exit).toHaveBeenLastCalledWith(0), { timeout: 2000 });
  });
});

describe("crash guards", () => {
  it("logs an unhandled rejection and keeps running; an uncaught exception shuts down", () => {
    const log = memoryLogger();
    const fatal = vi.fn();
    const proc = new EventEmitter();
    installCrashGuards(log, fatal, proc);
    const reason = Object.assign(new Error("socket hang up"), {
      code: "ECONNRESET",
      config: { headers: { Authorization: "Bearer xoxb-never-logged" } },
    });
    proc.emit("unhandledRejection", reason, Promise.resolve());
    expect(fatal).not.toHaveBeenCalled();
    const entry = log.entries.find((e) => e.message.startsWith("unhandled promise rejection"));
    expect(entry?.level).toBe("error");
    expect(entry?.fields.err).toMatchObject({ message: "socket hang up", code: "ECONNRESET" });
    expect(JSON.stringify(log.entries)).not.toContain("xoxb-never-logged");
    proc.emit("uncaughtException", new Error("boom"));
    expect(fatal).toHaveBeenCalledTimes(1);
  });
});

describe("on the platforms", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it("Discord: the slow reply in flight is delivered, a new one is turned away, then the gateway closes", async () => {
    const standIn = await DiscordStandIn.start();
    cleanups.push(() => standIn.close());
    const { bot, shutdown } = setup();
    const running = await startDiscordClient(bot, {
      token: "stand-in-token",
      api: standIn.apiUrl,
      retries: 0,
      readyTimeoutMs: 5000,
    });
    let closedAt = 0;
    shutdown.onClose("discord", async () => {
      await running.stop();
      closedAt = performance.now();
    });

    const slowOne = standIn.command("slow");
    await vi.waitFor(() => expect(bot.inFlight.size).toBe(1));
    const stopping = shutdown.stop("SIGTERM");
    const late = standIn.command("help");
    const { body: turnedAway } = await standIn.firstMessage(late);
    expect(turnedAway.embeds?.[0]?.title).toBe("Restarting");
    expect(await stopping).toBe(0);

    const message = slowOne.calls.find(isMessage);
    expect(message && messageOf(message).embeds?.[0]?.title).toBe("slow done");
    expect((message?.sinceDispatch ?? 0) + slowOne.dispatchedAt).toBeLessThan(closedAt);
    expect(running.client.isReady()).toBe(false);
  });

  it("Slack: the late reply goes out through response_url before the HTTP server closes", async () => {
    const standIn = new SlackStandIn();
    await standIn.start();
    cleanups.push(() => standIn.stop());
    const { bot, shutdown } = setup();
    const http = await startHttpApp(bot, standIn, 100);
    shutdown.onClose("slack", () => http.stop());

    const responseUrl = standIn.responseUrl("slow-1");
    const ack = await post(http.endpoint, slashBody("/slow", "", responseUrl));
    expect(ack.status).toBe(200);
    expect(await ack.text()).toBe("");
    expect(bot.inFlight.size).toBe(1);
    expect(await shutdown.stop("SIGINT")).toBe(0);
    const delivered = standIn.received.find((r) => r.path === "/respond/slow-1");
    expect(allText(delivered?.body ?? {}).join(" ")).toContain("slow done");
    await expect(post(http.endpoint, slashBody("/help", "", responseUrl))).rejects.toThrow();
  });
});
