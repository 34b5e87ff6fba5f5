/**
 * The real process (`src/main.ts`), spawned with secrets set and pointed at the local stand-ins:
 * a full run through Discord and Slack (Socket Mode, then HTTP), errors included, a knowledge
 * reload on SIGHUP (a broken edit, then a fixed one), and a clean stop on SIGTERM/SIGINT that
 * finishes the reply in flight and exits 0 within 5 s; a second signal exits at once. No secret
 * may appear anywhere in what the process printed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { DEFAULT_KNOWLEDGE_DIR } from "../../src/knowledge/load.ts";
import { APPLICATION_ID, DiscordStandIn, isMessage, messageOf } from "../discord/stand-in.ts";
import { allText, eventCallback, mentionEvent, post, sign, slashBody } from "../slack/helpers.ts";
import { BOT_USER_ID, SlackStandIn } from "../slack/stand-in.ts";

const root = path.resolve(import.meta.dirname, "../..");
const secret = (prefix = "") => `${prefix}${randomBytes(18).toString("hex")}`;
const SECRETS = {
  DISCORD_TOKEN: secret("discord."),
  SLACK_BOT_TOKEN: secret("xoxb-"),
  SLACK_APP_TOKEN: secret("xapp-"),
  SLACK_SIGNING_SECRET: secret(),
};

let work: string;
let knowledgeDir: string;
let factsFile: string;
let goodFacts: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "policywatch-process-"));
  knowledgeDir = path.join(work, "knowledge");
  cpSync(DEFAULT_KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
  factsFile = path.join(knowledgeDir, "sources/policywatch-4078/facts.yaml");
  goodFacts = readFileSync(factsFile, "utf8");
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; at: number }>;
  /** Resolves once a log line with this message has been printed. */
  logged: (message: string, timeoutMs?: number) => Promise<Record<string, unknown>>;
}

function start(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: "debug",
      KNOWLEDGE_DIR: knowledgeDir,
      KNOWLEDGE_WATCH: "false",
      DATABASE_PATH: path.join(work, `${randomBytes(4).toString("hex")}.db`),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once("exit", (code) => resolve({ code, at: performance.now() })),
  );
  const lines = () =>
    output
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const logged = async (message: string, timeoutMs = 15_000) => {
    let found: Record<string, unknown> | undefined;
    await vi.waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`the app exited early:\n${output}`);
        found = lines().find((l) => String(l.msg).startsWith(message));
        expect(found, `no "${message}" in:\n${output}`).toBeDefined();
      },
      { timeout: timeoutMs, interval: 50 },
    );
    return found as Record<string, unknown>;
  };
  return { child, output: () => output, exited, logged };
}

function expectNoSecret(output: string) {
  for (const [name, value] of Object.entries(SECRETS)) {
    expect(output.includes(value), `${name} appears in the output`).toBe(false);
    // Nor its distinctive tail (a secret cut or wrapped by some library).
    expect(output.includes(value.slice(-16)), `part of ${name} appears in the output`).toBe(false);
  }
}

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("a full run: Discord and Slack Socket Mode", () => {
  test("answers, survives errors, reloads on SIGHUP, stops cleanly on SIGTERM, and never prints a secret", async () => {
    const discord = await DiscordStandIn.start();
    const slack = new SlackStandIn();
    await slack.start();
    cleanups.push(
      () => discord.close(),
      () => slack.stop(),
    );
    const app = start({
      ...SECRETS,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_API_URL: slack.apiUrl,
    });
    cleanups.push(() => app.child.exitCode === null && app.child.kill("SIGKILL"));

    await app.logged("discord ready");
    await app.logged("slack: connected in Socket Mode");

    // Discord: an answer, then a reply Discord refuses (logged with an id, apology sent).
    const answer = await discord.firstMessage(discord.command("militia", { name: "nujaba" }));
    expect(answer.body.embeds?.[0]?.title).toBe("Harakat Hezbollah al-Nujaba");
    discord.refuseNextMessage = { status: 400, code: 50035, message: "Invalid Form Body" };
    const refused = discord.command("who", { name: "sudani" });
    const calls = await discord.waitFor(refused, (cs) => cs.some(isMessage));
    const apology = messageOf(calls.find(isMessage) as never).embeds?.[0];
    expect(apology?.title).toBe("Something went wrong");
    const errorId = /error id ([0-9A-F]{6})/.exec(apology?.footer?.text ?? "")?.[1];
    const failure = await app.logged("discord interaction failed");
    expect(failure.errorId).toBe(errorId);

    // Slack: a slash command acked with its reply; a mention whose post Slack refuses.
    const payload = Object.fromEntries(
      new URLSearchParams(slashBody("/who", "sudani", slack.responseUrl("s1"))),
    );
    const ack = (await slack.envelope("slash_commands", payload)) as { blocks?: unknown[] };
    expect(ack.blocks?.length).toBeGreaterThan(0);
    slack.refuseNext.set("/api/chat.postMessage", "invalid_blocks");
    await slack.envelope(
      "events_api",
      eventCallback(mentionEvent(`<@${BOT_USER_ID}> /militia nujaba`, { ts: "1700001000.000100" })),
    );
    await app.logged("slack: reply not delivered");

    // SIGHUP with a broken edit: the log names file, entry and field; the bot keeps answering.
    writeFileSync(
      factsFile,
      goodFacts.replace(/(id: pw4078-no-missiles-fired\n(?:.*\n)*?\s+quote: ")/, "$1BROKEN "),
    );
    app.child.kill("SIGHUP");
    const failed = await app.logged("knowledge reload failed");
    expect(failed.problems).toEqual([
      expect.stringMatching(
        /^sources\/policywatch-4078\/facts\.yaml: fact "pw4078-no-missiles-fired", field "quote": /,
      ),
    ]);
    const still = await discord.firstMessage(
      discord.command("ask", { question: "did iraq shoot at anything?" }),
    );
    expect(still.body.embeds?.[0]?.fields?.length).toBeGreaterThan(0);
    writeFileSync(factsFile, goodFacts);
    app.child.kill("SIGHUP");
    await app.logged("knowledge reloaded");
    const source = await discord.firstMessage(discord.command("source"));
    expect(source.body.embeds?.[0]?.description).toMatch(
      /Knowledge loaded \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    );

    // SIGTERM while a reply is in flight (Discord is slow to take it): it is delivered, then exit 0.
    discord.stallNextCallbackMs = 1000;
    const inFlight = discord.command("militia", { name: "nujaba" });
    // The bot answers at once; its callback is then held by the stand-in for a second.
    await vi.waitFor(() => expect(discord.stallNextCallbackMs).toBeUndefined());
    const signalled = performance.now();
    app.child.kill("SIGTERM");
    const { code, at } = await app.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(5000);
    expect(inFlight.calls.some(isMessage)).toBe(true);

    const output = app.output();
    expect(output).toContain('"msg":"stopped: goodbye"');
    expectNoSecret(output);
  }, 45_000);
});

describe("Slack over HTTP", () => {
  test("answers signed requests, stops on SIGINT within 5 s and closes its port; no secret printed", async () => {
    const slack = new SlackStandIn();
    await slack.start();
    cleanups.push(() => slack.stop());
    const port = await freePort();
    const app = start({
      SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
    });
    cleanups.push(() => app.child.exitCode === null && app.child.kill("SIGKILL"));
    await app.logged("slack: listening on POST /slack/events");
    const endpoint = `http://127.0.0.1:${port}/slack/events`;

    const raw = slashBody("/militia", "nujaba", slack.responseUrl("h1"));
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await post(endpoint, raw, {
      timestamp,
      signature: sign(raw, timestamp, SECRETS.SLACK_SIGNING_SECRET),
    });
    expect(res.status).toBe(200);
    expect(allText((await res.json()) as object).join(" ")).toContain(
      "Harakat Hezbollah al-Nujaba",
    );
    // A forged request is refused, and logged without the secret.
    const forged = await post(endpoint, raw, { signature: sign(raw, timestamp, "wrong-secret") });
    expect(forged.status).toBe(401);

    const signalled = performance.now();
    app.child.kill("SIGINT");
    const { code, at } = await app.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(5000);
    await expect(fetch(endpoint, { method: "POST" })).rejects.toThrow();
    expectNoSecret(app.output());
  }, 30_000);
});

describe("a second signal", () => {
  test("exits at once while the first is still waiting for a reply in flight", async () => {
    const discord = await DiscordStandIn.start();
    cleanups.push(() => discord.close());
    const app = start({
      DISCORD_TOKEN: SECRETS.DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
    });
    cleanups.push(() => app.child.exitCode === null && app.child.kill("SIGKILL"));
    await app.logged("discord ready");
    discord.stallNextCallbackMs = 4000;
    discord.command("militia", { name: "nujaba" });
    await vi.waitFor(() => expect(discord.stallNextCallbackMs).toBeUndefined());
    app.child.kill("SIGTERM");
    await app.logged("shutting down");
    const second = performance.now();
    app.child.kill("SIGINT");
    const { code, at } = await app.exited;
    expect(code).toBe(130);
    expect(at - second).toBeLessThan(1000);
    expect(app.output()).toContain("second signal: exiting now");
    expectNoSecret(app.output());
  }, 30_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
