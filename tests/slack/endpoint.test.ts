/**
 * The Slack HTTP endpoint under attack, through the real Bolt App on loopback: replayed and
 * future-dated signed requests are refused, every signed command is answered (an unknown one with
 * the names of the known ones), malformed payloads get a 400 at once and no unhandled rejection,
 * and slow or idle connections are dropped (and logged) without shutting out real requests.
 */
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { commands } from "../../commands/index.ts";
import { Bot } from "../../src/bot.ts";
import { knowledge, recordingLogger } from "../support/knowledge.ts";
import { allText, type HttpApp, post, sign, slashBody, startHttpApp } from "./helpers.ts";
import { SlackStandIn } from "./stand-in.ts";

const log = recordingLogger();
const bot = new Bot(knowledge(), log, commands);
const standIn = new SlackStandIn();
let http: HttpApp;
let port = 0;
const MAX_CONNECTIONS = 40;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  await standIn.start();
  http = await startHttpApp(bot, standIn, undefined, {
    limits: {
      headersTimeoutMs: 500,
      requestTimeoutMs: 800,
      keepAliveTimeoutMs: 500,
      checkEveryMs: 100,
      maxConnections: MAX_CONNECTIONS,
    },
  });
  port = Number(new URL(http.endpoint).port);
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await http?.stop();
  await standIn.stop();
});

const now = () => Math.floor(Date.now() / 1000);
const refusals = (reason: string) =>
  log.lines.filter((l) => l.message === `slack http: refused a request: ${reason}`);

describe("signed requests", () => {
  it("a request replayed within 5 minutes is refused and reaches no handler", async () => {
    const run = vi.spyOn(bot.router, "runCommandText");
    const raw = slashBody("/help", "", standIn.responseUrl("replay"));
    const timestamp = now();
    const signature = sign(raw, timestamp);
    const first = await post(http.endpoint, raw, { timestamp, signature });
    expect(first.status).toBe(200);
    const again = await post(http.endpoint, raw, { timestamp, signature });
    expect(again.status).toBe(401);
    expect(await again.text()).toBe("");
    expect(run).toHaveBeenCalledTimes(1);
    run.mockRestore();
    expect(refusals("replay: this signature was already used")).toHaveLength(1);
  });

  it.each([
    ["6 minutes", 6 * 60],
    ["one day", 24 * 3600],
    ["ten years", 10 * 365 * 24 * 3600],
  ])("a timestamp %s in the future is refused", async (_, ahead) => {
    const raw = slashBody("/help", "", standIn.responseUrl("future"));
    const timestamp = now() + ahead;
    const res = await post(http.endpoint, raw, { timestamp, signature: sign(raw, timestamp) });
    expect(res.status).toBe(401);
    expect(refusals("timestamp over 5 minutes in the future").length).toBeGreaterThan(0);
  });

  it("a timestamp a little ahead (a clock 4 minutes fast) is accepted", async () => {
    const raw = slashBody("/help", "", standIn.responseUrl("skew"));
    const timestamp = now() + 4 * 60;
    const res = await post(http.endpoint, raw, { timestamp, signature: sign(raw, timestamp) });
    expect(res.status).toBe(200);
  });

  it("an unknown command is answered with the names of the known ones", async () => {
    const res = await post(http.endpoint, slashBody("/nosuch", "x", standIn.responseUrl("u")));
    expect(res.status).toBe(200);
    const text = allText((await res.json()) as object).join("\n");
    expect(text).toContain("There is no command /nosuch");
    for (const command of commands) expect(text).toContain(`/${command.name}`);
  });
});

describe("malformed payloads", () => {
  const cases: [string, string, string][] = [
    ["payload=null", "payload=null", "application/x-www-form-urlencoded"],
    ["payload that is not JSON", "payload=%7Bnot%20json", "application/x-www-form-urlencoded"],
    ["payload that is a JSON string", 'payload="hello"', "application/x-www-form-urlencoded"],
    ["a JSON body of null", "null", "application/json"],
    ["a JSON body that is not JSON", "{oops", "application/json"],
  ];

  it.each(cases)("%s gets a 400 at once, logged", async (_, raw, contentType) => {
    const started = performance.now();
    const res = await post(http.endpoint, raw, { contentType });
    expect(res.status).toBe(400);
    // Bolt would have waited for an ack that never comes (300 ms here, 3 s in production).
    expect(performance.now() - started).toBeLessThan(250);
    expect(
      log.lines.some((l) => l.message.startsWith("slack http: refused a request: malformed")),
    ).toBe(true);
  });

  it("left no unhandled rejection behind", async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  });
});

describe("slow and idle connections", () => {
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
  });

  function open(firstBytes?: string): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => {
        if (firstBytes) socket.write(firstBytes);
        resolve(socket);
      });
      socket.on("error", () => {});
      socket.once("error", reject);
      sockets.push(socket);
    });
  }
  const closed = (socket: Socket) =>
    new Promise<string>((resolve) => {
      let got = "";
      socket.on("data", (chunk: Buffer) => {
        got += chunk.toString();
      });
      socket.once("close", () => resolve(got));
    });
  const dropped = (reason: string) =>
    log.lines.filter((l) => l.message === `slack http: dropped a connection: ${reason}`);

  it("headers sent too slowly: the connection is closed with a 408, and logged", async () => {
    const socket = await open("POST /slack/events HTTP/1.1\r\nHost: x\r\n");
    const answer = await closed(socket);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(dropped("slow or incomplete request").length).toBeGreaterThan(0);
  });

  it("a body that never finishes: the connection is closed, and logged", async () => {
    const socket = await open(
      "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ntoken=abc",
    );
    await closed(socket);
    expect(dropped("slow or incomplete request").length).toBeGreaterThan(0);
  });

  it("far more idle connections than the cap: real requests are still answered", async () => {
    const idle = await Promise.all(
      Array.from({ length: MAX_CONNECTIONS * 5 }, (_, i) =>
        open(i % 2 ? "POST /slack/events HTTP/1.1\r\n" : undefined),
      ),
    );
    expect(idle).toHaveLength(MAX_CONNECTIONS * 5);
    for (let i = 0; i < 5; i++) {
      const res = await post(http.endpoint, slashBody("/help", "", standIn.responseUrl(`r${i}`)));
      expect(res.status).toBe(200);
      expect(allText((await res.json()) as object).join("\n")).toContain("Commands");
    }
    await vi.waitFor(() => expect(dropped("room for a new connection").length).toBeGreaterThan(0));
  });
});
