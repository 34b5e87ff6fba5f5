/**
 * End to end: the real discord.js Client logged in to the stand-in, with the real commands and
 * knowledge behind it. Every reply the bot sends is checked by the stand-in against Discord's
 * limits; a refused call fails the test that caused it.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { commands } from "../../commands/index.ts";
import { fitText } from "../../src/adapters/discord/render.ts";
import { defineCommand } from "../../src/core/command.ts";
import { reply } from "../../src/core/reply.ts";
import { sanitize } from "../../src/core/router.ts";
import { fromAdapter } from "../support/origin.ts";
import { type Harness, startHarness } from "./harness.ts";
import { isMessage, type MessageBody, messageOf, type SentInteraction } from "./stand-in.ts";

const EPHEMERAL = 64;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

function allText(body: MessageBody): string {
  return (body.embeds ?? [])
    .flatMap((e) => [
      e.title,
      e.description,
      e.footer?.text,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ])
    .filter(Boolean)
    .join("\n");
}

async function choicesFor(sent: SentInteraction): Promise<{ name: string; value: string }[]> {
  const calls = await h.standIn.waitFor(sent, (cs) => cs.length > 0);
  const call = calls[0];
  expect(call?.status).toBe(204);
  const body = call?.body as { data?: { choices?: { name: string; value: string }[] } } | undefined;
  return body?.data?.choices ?? [];
}

describe("login", () => {
  test("the client fetched the gateway with its token, identified and is ready", async () => {
    await h.standIn.identified;
    const gateway = h.standIn.calls.find((c) => c.path === "/gateway/bot");
    expect(gateway).toMatchObject({ method: "GET", status: 200, authorized: true });
  });
});

describe("/militia", () => {
  test("/militia nujaba returns the Nujaba profile embed with a citation", async () => {
    const { body, call } = await h.standIn.firstMessage(
      h.standIn.command("militia", { name: "nujaba" }),
    );
    expect((call.body as { type: number }).type).toBe(4);
    const [embed] = body.embeds ?? [];
    expect(embed?.title).toBe("Harakat Hezbollah al-Nujaba");
    expect(embed?.description).toContain("[1]");
    const first = embed?.fields?.[0];
    expect(first?.name).toMatch(/^\[1\] PolicyWatch 4078 ¶\d+/);
    expect(first?.value).toMatch(/^“.{10,}”$/s);
    expect(embed?.footer?.text).toContain("PolicyWatch 4078");
    expect(embed?.url).toMatch(/^https:\/\//);
    expect(body.flags).toBe(EPHEMERAL);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  test("public: true posts the profile to the channel (no ephemeral flag)", async () => {
    const { body } = await h.standIn.firstMessage(
      h.standIn.command("militia", { name: "KH", public: true }),
    );
    expect(body.embeds?.[0]?.title).toBe("Kataib Hezbollah");
    expect(body.flags ?? 0).toBe(0);
  });
});

describe("autocomplete", () => {
  test('"nujab" in /militia name offers Harakat Hezbollah al-Nujaba first', async () => {
    const choices = await choicesFor(h.standIn.autocomplete("militia", "name", "nujab"));
    expect(choices[0]).toEqual({
      name: "Harakat Hezbollah al-Nujaba",
      value: "Harakat Hezbollah al-Nujaba",
    });
  });

  test("an empty box suggests the militias; /who suggests people and groups, kind shown", async () => {
    const militias = await choicesFor(h.standIn.autocomplete("militia", "name", ""));
    expect(militias.map((c) => c.name)).toEqual(
      expect.arrayContaining(["Harakat Hezbollah al-Nujaba", "Kataib Hezbollah"]),
    );
    const who = await choicesFor(h.standIn.autocomplete("who", "name", ""));
    expect(who.length).toBeGreaterThan(3);
    expect(who.every((c) => / \((person|organization|militia)\)$/.test(c.name))).toBe(true);
  });

  test("/timeline filter offers topics as well as names, at most 25, each within 100 characters", async () => {
    const empty = await choicesFor(h.standIn.autocomplete("timeline", "filter", ""));
    expect(empty.length).toBe(25);
    expect(empty.some((c) => c.name.endsWith("(topic)"))).toBe(true);
    const radar = await choicesFor(h.standIn.autocomplete("timeline", "filter", "radar"));
    expect(radar[0]?.name).toMatch(/\(topic\)$/);
    for (const c of [...empty, ...radar]) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  test("a chosen suggestion works as the option value", async () => {
    const [choice] = await choicesFor(h.standIn.autocomplete("timeline", "filter", "radar"));
    const { body } = await h.standIn.firstMessage(
      h.standIn.command("timeline", { filter: choice?.value ?? "" }),
    );
    expect(body.embeds?.[0]?.title).toMatch(/^Timeline: /);
  });

  test("hostile or unmatched text gets an empty or valid list, never an error", async () => {
    for (const typed of ["zzzzqqq", "x".repeat(300), "@everyone", "**"]) {
      const choices = await choicesFor(h.standIn.autocomplete("who", "name", typed));
      expect(choices.length).toBeLessThanOrEqual(25);
    }
  });
});

describe("/ask", () => {
  test("an off-topic question declines, citing nothing", async () => {
    const { body } = await h.standIn.firstMessage(
      h.standIn.command("ask", { question: "bitcoin price" }),
    );
    const [embed] = body.embeds ?? [];
    expect(embed?.description).toMatch(/don.t cover/);
    expect(embed?.fields ?? []).toHaveLength(0);
    expect(body.flags).toBe(EPHEMERAL);
  });

  test("an on-topic question answers with its paragraph", async () => {
    const { body } = await h.standIn.firstMessage(
      h.standIn.command("ask", { question: "did iraq shoot at anything?" }),
    );
    const [embed] = body.embeds ?? [];
    expect(embed?.fields?.[0]?.name).toMatch(/^\[1\] PolicyWatch 4078 ¶\d+/);
  });

  test("user markdown is escaped, not rendered", async () => {
    const { body } = await h.standIn.firstMessage(
      h.standIn.command("ask", { question: "**bold** [link](https://evil.example) @everyone" }),
    );
    const title = body.embeds?.[0]?.title ?? "";
    expect(title).toContain("\\*\\*bold\\*\\*");
    expect(title).not.toMatch(/(^|[^\\])\[link\]\(/);
  });
});

describe("every command, a range of inputs", () => {
  const hostile = [
    "@everyone",
    "@here <@600000000000000006> <@&700000000000000007>",
    "**bold** __under__ ~~strike~~ ||spoiler|| `code` ```block``` # Heading\n- list\n> quote",
    "[click me](https://evil.example)",
    "x".repeat(5000),
    "word ".repeat(1000),
    "نجباء 🚀 \u200b\u202e zero-width",
  ];
  const normal: Record<string, string[]> = {
    ask: ["did iraq shoot at anything?", "what happened june 17", "who is HHN", "bitcoin price"],
    militia: ["nujaba", "KH", "kataib hezbollah", "nujabah"],
    who: ["sudani", "musawi", "IRGC", "nobody at all"],
    timeline: ["nujaba", "radar", "policy"],
    briefing: ["overview", "militias", "airspace", "policy", "no such topic"],
    help: ["militia", "ask", "nope"],
  };

  const cases: { name: string; options: Record<string, string | boolean> }[] = [];
  for (const command of commands) {
    cases.push(
      { name: command.name, options: {} },
      { name: command.name, options: { public: true } },
    );
    const option = {
      ask: "question",
      militia: "name",
      who: "name",
      timeline: "filter",
      briefing: "topic",
      help: "command",
    }[command.name];
    if (!option) continue;
    for (const value of [...(normal[command.name] ?? []), ...hostile])
      cases.push({ name: command.name, options: { [option]: value } });
  }

  test(`${cases.length} interactions: all accepted by the stand-in, visibility and mentions right`, async () => {
    const sent = cases.map((c) => ({ c, sent: h.standIn.command(c.name, c.options) }));
    const seen = new Set<string>();
    for (const { c, sent: s } of sent) {
      const { body } = await h.standIn.firstMessage(s);
      const refused = s.calls.filter((call) => call.status >= 400);
      expect(refused, `${c.name} ${JSON.stringify(c.options).slice(0, 80)}`).toEqual([]);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(allText(body).length).toBeGreaterThan(0);
      // The same request straight to the router says where the reply belongs.
      const options = Object.fromEntries(
        Object.entries(c.options).map(([k, v]) => [k, typeof v === "string" ? sanitize(v) : v]),
      );
      const expected = await h.bot.router.run({
        command: c.name,
        options,
        origin: {
          platform: "discord",
          userId: "1",
          channelId: "1",
          ...fromAdapter("discord", false),
        },
      });
      expect(body.embeds?.[0]?.title).toBe(fitText(expected.title, 256));
      expect(body.flags ?? 0).toBe(expected.visibility === "ephemeral" ? EPHEMERAL : 0);
      seen.add(expected.visibility);
    }
    expect([...seen].sort()).toEqual(["channel", "ephemeral"]);
  });
});

describe("unknown and stale commands", () => {
  test("a command Discord still has registered but the bot no longer knows gets a clear reply", async () => {
    const { body } = await h.standIn.firstMessage(h.standIn.command("oldcommand", { x: "y" }));
    expect(body.embeds?.[0]?.title).toBe("Unknown command");
    expect(body.embeds?.[0]?.description).toContain("/help");
    expect(body.flags).toBe(EPHEMERAL);
  });
});

describe("mentions", () => {
  test("every message the bot sent in this file carried allowed_mentions parse []", () => {
    const messages = h.standIn.calls.filter(isMessage);
    expect(messages.length).toBeGreaterThanOrEqual(90);
    for (const call of messages) expect(messageOf(call).allowed_mentions).toEqual({ parse: [] });
    for (const call of messages) expect(messageOf(call).content ?? "").toBe("");
  });
});

describe("failures", () => {
  const explode = defineCommand({
    name: "explode",
    description: "Always throws",
    options: z.object({}),
    examples: ["/explode"],
    handler() {
      throw new Error("boom");
    },
  });
  const slow = (name: string, ms: number, visibility: "channel" | "ephemeral") =>
    defineCommand({
      name,
      description: "Answers slowly",
      options: z.object({ public: z.boolean().default(false) }),
      examples: [`/${name}`],
      async handler() {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return reply({ kind: "info", title: `${name} done`, lead: "Finally.", visibility });
      },
    });
  let f: Harness;
  beforeAll(async () => {
    f = await startHarness({
      commands: [
        ...commands,
        explode,
        slow("slow", 400, "ephemeral"),
        slow("slowshare", 400, "channel"),
      ],
      deferAfterMs: 150,
    });
  });
  afterAll(async () => {
    await f?.close();
  });

  test("a handler that throws gives an ephemeral apology with an error id, logged with that id", async () => {
    const { body } = await f.standIn.firstMessage(f.standIn.command("explode"));
    const [embed] = body.embeds ?? [];
    expect(embed?.title).toBe("Something went wrong");
    const id = /error ([0-9A-F]{6})/.exec(embed?.description ?? "")?.[1];
    expect(id).toBeDefined();
    expect(embed?.footer?.text).toBe(`error id ${id}`);
    expect(body.flags).toBe(EPHEMERAL);
    const logged = f.log.entries.find((e) => e.level === "error" && e.fields.errorId === id);
    expect(logged?.fields.command).toBe("explode");
  });

  test("a slow handler is deferred (type 5) at once, then the reply is edited in", async () => {
    const sent = f.standIn.command("slow");
    const calls = await f.standIn.waitFor(sent, (cs) => cs.some(isMessage));
    expect(calls.map((c) => [c.method, c.status])).toEqual([
      ["POST", 204],
      ["PATCH", 200],
    ]);
    expect(calls[0]?.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(calls[0]?.sinceDispatch).toBeLessThan(1000);
    expect(messageOf(calls[1] as (typeof calls)[number]).embeds?.[0]?.title).toBe("slow done");
  });

  test("a slow reply meant for the channel: private deferral edited to a pointer, then posted publicly", async () => {
    const sent = f.standIn.command("slowshare");
    const calls = await f.standIn.waitFor(sent, (cs) => cs.filter(isMessage).length >= 2);
    const [, edit, post] = calls;
    expect(messageOf(edit as never).embeds?.[0]?.description).toBe("Posted in the channel.");
    expect(post?.method).toBe("POST");
    expect(messageOf(post as never).flags ?? 0).toBe(0);
    expect(messageOf(post as never).embeds?.[0]?.title).toBe("slowshare done");
  });

  test("a slow private reply after a public deferral: the public placeholder is deleted, the reply sent privately", async () => {
    const sent = f.standIn.command("slow", { public: true });
    const calls = await f.standIn.waitFor(sent, (cs) => cs.some(isMessage));
    expect(calls.map((c) => c.method)).toEqual(["POST", "DELETE", "POST"]);
    expect(calls[0]?.body).toMatchObject({ type: 5 });
    const deferral = calls[0]?.body as { data?: { flags?: number } } | undefined;
    expect(deferral?.data?.flags ?? 0).toBe(0);
    expect(messageOf(calls[2] as never).flags).toBe(EPHEMERAL);
  });

  test("a reply Discord refuses becomes an apology with an id; the log holds the id and code, never the token", async () => {
    f.standIn.refuseNextMessage = { status: 400, code: 50035, message: "Invalid Form Body" };
    const sent = f.standIn.command("militia", { name: "nujaba" });
    const calls = await f.standIn.waitFor(sent, (cs) => cs.some(isMessage));
    expect(calls.map((c) => c.status)).toEqual([400, 204]);
    const apology = messageOf(calls[1] as never);
    expect(apology.embeds?.[0]?.title).toBe("Something went wrong");
    expect(apology.flags).toBe(EPHEMERAL);
    const id = /error id ([0-9A-F]{6})/.exec(apology.embeds?.[0]?.footer?.text ?? "")?.[1];
    const logged = f.log.entries.find((e) => e.fields.errorId === id);
    expect(logged?.message).toBe("discord interaction failed");
    expect(logged?.fields.err).toMatchObject({ code: 50035, status: 400 });
    expect(JSON.stringify(f.log.entries)).not.toContain(sent.token);
  });

  test("the bot stays up after all that", async () => {
    const { body } = await f.standIn.firstMessage(f.standIn.command("militia", { name: "nujaba" }));
    expect(body.embeds?.[0]?.title).toBe("Harakat Hezbollah al-Nujaba");
  });

  test("apologies, edits and follow-ups carry allowed_mentions parse [] too", () => {
    const messages = f.standIn.calls.filter(isMessage);
    expect(
      messages.some((c) => c.method === "PATCH") &&
        messages.some((c) => c.method === "POST" && c.path.startsWith("/webhooks/")),
    ).toBe(true);
    for (const call of messages) expect(messageOf(call).allowed_mentions).toEqual({ parse: [] });
  });
});
