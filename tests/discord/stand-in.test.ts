/**
 * The stand-in refuses what Discord refuses, or the end-to-end tests would prove nothing:
 * each limit one character over is a 400 with code 50035 (and exactly at the limit is fine), a
 * second callback is 40060, a late first callback is 10062. Then the real bot against a late
 * deadline: its refused reply is logged, and it keeps answering.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { commands } from "../../commands/index.ts";
import { defineCommand } from "../../src/core/command.ts";
import { reply } from "../../src/core/reply.ts";
import { startHarness } from "./harness.ts";
import { APPLICATION_ID, DiscordStandIn, type MessageBody } from "./stand-in.ts";

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await DiscordStandIn.start();
});
afterAll(async () => {
  await standIn?.close();
});

async function callback(
  body: unknown,
  sent = standIn.pretend(),
): Promise<{ status: number; code?: number }> {
  const res = await fetch(
    `${standIn.apiUrl}/v10/interactions/${sent.id}/${sent.token}/callback?with_response=false`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    },
  );
  const text = await res.text();
  return {
    status: res.status,
    ...(text ? { code: (JSON.parse(text) as { code: number }).code } : {}),
  };
}

const x = (n: number) => "x".repeat(n);
const field = (name = "n", value = "v") => ({ name, value });

describe("message limits: one over is refused with 50035, the limit itself is accepted", () => {
  const cases: [string, (n: number) => MessageBody, number][] = [
    ["content", (n) => ({ content: x(n) }), 2000],
    ["embed title", (n) => ({ embeds: [{ title: x(n) }] }), 256],
    ["embed description", (n) => ({ embeds: [{ description: x(n) }] }), 4096],
    [
      "field count",
      (n) => ({ embeds: [{ title: "t", fields: Array.from({ length: n }, () => field()) }] }),
      25,
    ],
    ["field name", (n) => ({ embeds: [{ fields: [field(x(n))] }] }), 256],
    ["field value", (n) => ({ embeds: [{ fields: [field("n", x(n))] }] }), 1024],
    ["footer", (n) => ({ embeds: [{ footer: { text: x(n) } }] }), 2048],
    ["author", (n) => ({ embeds: [{ title: "t", author: { name: x(n) } }] }), 256],
    ["embed count", (n) => ({ embeds: Array.from({ length: n }, () => ({ title: "t" })) }), 10],
    [
      "6000 in all embeds",
      (n) => ({ embeds: [{ description: x(4000) }, { description: x(n - 4000) }] }),
      6000,
    ],
  ];
  test.each(cases)("%s", async (_what, body, limit) => {
    expect(await callback({ type: 4, data: body(limit + 1) })).toEqual({
      status: 400,
      code: 50035,
    });
    expect(await callback({ type: 4, data: body(limit) })).toEqual({ status: 204 });
  });

  test("an empty field name or value, and an empty message, are refused", async () => {
    expect(
      await callback({ type: 4, data: { embeds: [{ fields: [field("", "v")] }] } }),
    ).toMatchObject({ code: 50035 });
    expect(
      await callback({ type: 4, data: { embeds: [{ fields: [field("n", "")] }] } }),
    ).toMatchObject({ code: 50035 });
    expect(await callback({ type: 4, data: {} })).toMatchObject({ code: 50035 });
  });

  test("autocomplete: 26 choices, or a name over 100, are refused", async () => {
    const choices = (n: number, name = "c") =>
      Array.from({ length: n }, (_, i) => ({ name, value: `v${i}` }));
    expect(await callback({ type: 8, data: { choices: choices(26) } })).toMatchObject({
      code: 50035,
    });
    expect(await callback({ type: 8, data: { choices: choices(1, x(101)) } })).toMatchObject({
      code: 50035,
    });
    expect(await callback({ type: 8, data: { choices: choices(25, x(100)) } })).toEqual({
      status: 204,
    });
  });

  test("an edit over the limits is refused too", async () => {
    const sent = standIn.pretend();
    expect(await callback({ type: 5, data: { flags: 64 } }, sent)).toEqual({ status: 204 });
    const edit = (body: MessageBody) =>
      fetch(`${standIn.apiUrl}/v10/webhooks/${APPLICATION_ID}/${sent.token}/messages/%40original`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.status);
    expect(await edit({ embeds: [{ description: x(4097) }] })).toBe(400);
    expect(await edit({ embeds: [{ description: x(4096) }] })).toBe(200);
  });
});

describe("callback rules", () => {
  test("a second callback on one interaction is refused with 40060", async () => {
    const sent = standIn.pretend();
    expect(await callback({ type: 4, data: { content: "one" } }, sent)).toEqual({ status: 204 });
    expect(await callback({ type: 4, data: { content: "two" } }, sent)).toEqual({
      status: 400,
      code: 40060,
    });
    expect(await callback({ type: 5, data: {} }, sent)).toEqual({ status: 400, code: 40060 });
  });

  test("a refused body does not use up the interaction: a valid retry is accepted", async () => {
    const sent = standIn.pretend();
    expect(await callback({ type: 4, data: { content: x(2001) } }, sent)).toMatchObject({
      code: 50035,
    });
    expect(await callback({ type: 4, data: { content: "ok" } }, sent)).toEqual({ status: 204 });
  });

  test("a first callback after the deadline is refused with 10062 (Unknown interaction)", async () => {
    const strict = await DiscordStandIn.start({ firstCallbackDeadlineMs: 50 });
    try {
      const sent = strict.pretend();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const res = await fetch(
        `${strict.apiUrl}/v10/interactions/${sent.id}/${sent.token}/callback`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ type: 4, data: { content: "late" } }),
        },
      );
      expect([res.status, ((await res.json()) as { code: number }).code]).toEqual([404, 10062]);
    } finally {
      await strict.close();
    }
  });

  test("a wrong token is an unknown interaction", async () => {
    const sent = standIn.pretend();
    expect(
      await callback({ type: 4, data: { content: "x" } }, { ...sent, token: "forged" }),
    ).toEqual({
      status: 404,
      code: 10062,
    });
  });
});

describe("the real bot against a deadline it misses", () => {
  const sluggish = defineCommand({
    name: "sluggish",
    description: "Slower than the deadline, faster than the deferral",
    options: z.object({}),
    examples: ["/sluggish"],
    async handler() {
      await new Promise((resolve) => setTimeout(resolve, 700));
      return reply({ kind: "info", title: "too late" });
    },
  });

  test("the late reply is refused (10062) and logged with an error id; the next command is answered", async () => {
    const h = await startHarness({
      commands: [...commands, sluggish],
      standIn: { firstCallbackDeadlineMs: 400 },
    });
    try {
      const late = h.standIn.command("sluggish");
      const calls = await h.standIn.waitFor(late, (cs) => cs.length >= 2);
      expect(calls.map((c) => [c.status, c.code])).toEqual([
        [404, 10062],
        [404, 10062],
      ]);
      await expect.poll(() => h.log.entries.filter((e) => e.level === "error").length).toBe(2);
      const [failed, apology] = h.log.entries.filter((e) => e.level === "error");
      expect(failed?.fields.errorId).toMatch(/^[0-9A-F]{6}$/);
      expect(apology?.fields.errorId).toBe(failed?.fields.errorId);
      const { body } = await h.standIn.firstMessage(h.standIn.command("militia", { name: "KH" }));
      expect(body.embeds?.[0]?.title).toBe("Kataib Hezbollah");
    } finally {
      await h.close();
    }
  });
});
