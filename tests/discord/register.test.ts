/**
 * Registration: the definitions mirror commands/ (names, option types, required flags,
 * autocomplete), keep Discord's naming rules, and `npm run deploy:discord` PUTs them, to the
 * guild or globally, against the stand-in (which refuses what Discord would).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { commands } from "../../commands/index.ts";
import {
  buildCommandDefinitions,
  CommandDefinitionError,
  DISCORD_NAME,
  type DiscordOptionDefinition,
  deployCommands,
} from "../../src/adapters/discord/register.ts";
import {
  actionsOf,
  type Command,
  defineCommand,
  type OptionsSchema,
} from "../../src/core/command.ts";
import { describeOptions } from "../../src/core/options.ts";
import { reply } from "../../src/core/reply.ts";
import { commandErrors } from "./discord-rules.ts";
import { APPLICATION_ID, DiscordStandIn, GUILD_ID } from "./stand-in.ts";

const run = promisify(execFile);
const definitions = buildCommandDefinitions(commands);

describe("definitions built from commands/", () => {
  test("one chat-input command per command, same names and order, valid by Discord's rules", () => {
    expect(definitions.map((d) => d.name)).toEqual(commands.map((c) => c.name));
    expect(commandErrors(definitions)).toEqual([]);
    for (const d of definitions) {
      expect(d.type).toBe(1);
      expect(d.name).toMatch(DISCORD_NAME);
      expect(d.name).toBe(d.name.toLowerCase());
      expect(d.description.length).toBeGreaterThan(0);
      expect(d.description.length).toBeLessThanOrEqual(100);
    }
  });

  /** Each form a person can call, with the options Discord was given for it. */
  const forms = commands.flatMap((command) => {
    const d = definitions.find((x) => x.name === command.name);
    return actionsOf(command).map(({ subcommand, action }) => {
      const sub = subcommand ? d?.options.find((x) => x.name === subcommand) : undefined;
      const defined = subcommand ? (sub && "options" in sub ? sub.options : []) : d?.options;
      const name = `/${command.name}${subcommand ? ` ${subcommand}` : ""}`;
      return [name, action, defined as DiscordOptionDefinition[] | undefined] as const;
    });
  });

  test.each(forms)("%s: options match the zod schema", (_name, action, defined) => {
    const options = defined ?? [];
    const described = describeOptions(action);
    expect(options.map((o) => o.name).sort()).toEqual(described.map((o) => o.name).sort());
    const types = { string: 3, integer: 4, boolean: 5, number: 10 };
    for (const o of described) {
      const option = options.find((x) => x.name === o.name);
      expect(option?.type).toBe(types[o.type]);
      expect(option?.required).toBe(o.required);
      expect(option?.description.length).toBeLessThanOrEqual(100);
      expect(option?.autocomplete === true).toBe(action.entityOptions?.[o.name] !== undefined);
    }
    const required = options.map((o) => o.required);
    expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
  });

  test("/briefing's subcommands are Discord subcommands, each with its own options", () => {
    const briefing = definitions.find((d) => d.name === "briefing");
    expect(briefing?.options.map((o) => [o.type, o.name])).toEqual([
      [1, "post"],
      [1, "subscribe"],
      [1, "unsubscribe"],
      [1, "list"],
    ]);
    const post = briefing?.options.find((o) => o.name === "post");
    // A schedule goes with subscribe only: posting now cannot be given one.
    expect(post && "options" in post ? post.options.map((o) => o.name) : []).toEqual(["topic"]);
  });

  test("the entity options autocomplete; /ask's question is required and bounded", () => {
    const option = (command: string, name: string) =>
      (
        (definitions.find((d) => d.name === command)?.options ?? []) as DiscordOptionDefinition[]
      ).find((o) => o.name === name);
    expect(option("militia", "name")).toMatchObject({
      type: 3,
      autocomplete: true,
      required: false,
    });
    expect(option("who", "name")).toMatchObject({ type: 3, autocomplete: true, required: true });
    expect(option("timeline", "filter")).toMatchObject({ autocomplete: true });
    expect(option("ask", "question")).toMatchObject({
      type: 3,
      required: true,
      min_length: 2,
      max_length: 500,
    });
    expect(option("ask", "public")).toMatchObject({ type: 5, required: false });
  });

  const make = (name: string, options: OptionsSchema, description = "A test command"): Command =>
    defineCommand({
      name,
      description,
      options,
      examples: [],
      handler: () => reply({ kind: "info", title: "t" }),
    });

  test("types, choices, ranges; a required option declared after an optional one is moved first", () => {
    const [built] = buildCommandDefinitions([
      make(
        "typed",
        z.object({
          flag: z.boolean().optional().describe("a flag"),
          count: z.number().int().min(1).max(10).describe("how many"),
          ratio: z.number().optional().describe("a ratio"),
          mode: z.enum(["fast", "slow"]).describe("the mode"),
        }),
        "d".repeat(150),
      ),
    ]);
    const d = built && { ...built, options: built.options as DiscordOptionDefinition[] };
    expect(d?.description).toHaveLength(100);
    expect(d?.options.map((o) => [o.name, o.type, o.required])).toEqual([
      ["count", 4, true],
      ["mode", 3, true],
      ["flag", 5, false],
      ["ratio", 10, false],
    ]);
    expect(d?.options[0]).toMatchObject({ min_value: 1, max_value: 10 });
    expect(d?.options[1]?.choices).toEqual([
      { name: "fast", value: "fast" },
      { name: "slow", value: "slow" },
    ]);
    expect(commandErrors([d])).toEqual([]);
  });

  test.each([
    ["Militia", z.object({})],
    ["two words", z.object({})],
    ["x".repeat(33), z.object({})],
    ["ok", z.object({ "Bad Option": z.string() })],
  ])("the name %s is refused before Discord sees it", (name, options) => {
    expect(() => buildCommandDefinitions([make(name, options)])).toThrow(CommandDefinitionError);
  });

  test("names in other scripts that Discord allows are accepted; duplicates are not", () => {
    expect(
      buildCommandDefinitions([make("समाचार", z.object({})), make("ข่าว", z.object({}))]),
    ).toHaveLength(2);
    expect(() =>
      buildCommandDefinitions([make("same", z.object({})), make("same", z.object({}))]),
    ).toThrow(/defined twice/);
  });
});

describe("deploying to the stand-in", () => {
  let standIn: DiscordStandIn;
  beforeAll(async () => {
    standIn = await DiscordStandIn.start();
  });
  afterAll(async () => {
    await standIn?.close();
  });

  test("to a guild, and globally, with the bot token; the stand-in accepts what it is sent", async () => {
    const rest = new REST({ api: standIn.apiUrl, retries: 0 }).setToken("stand-in-token");
    expect(
      await deployCommands({ rest, applicationId: APPLICATION_ID, guildId: GUILD_ID }, definitions),
    ).toEqual({
      scope: "guild",
      count: commands.length,
    });
    expect(await deployCommands({ rest, applicationId: APPLICATION_ID }, definitions)).toEqual({
      scope: "global",
      count: commands.length,
    });
    const puts = standIn.calls.filter((c) => c.method === "PUT");
    expect(puts.map((c) => [c.path, c.status, c.authorized])).toEqual([
      [`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`, 200, true],
      [`/applications/${APPLICATION_ID}/commands`, 200, true],
    ]);
    expect(puts[0]?.body).toEqual(definitions);
  });

  test("a definition Discord would refuse is refused by the stand-in (400, 50035)", async () => {
    const rest = new REST({ api: standIn.apiUrl, retries: 0 }).setToken("stand-in-token");
    const bad = [{ ...definitions[0], name: "Has Spaces" }];
    await expect(
      rest.put(`/applications/${APPLICATION_ID}/commands`, { body: bad }),
    ).rejects.toMatchObject({
      status: 400,
      code: 50035,
    });
  });

  test("`npm run deploy:discord` registers in the guild named by DISCORD_GUILD_ID", async () => {
    const before = standIn.calls.length;
    const { stdout } = await run("npx", ["tsx", "scripts/deploy-discord.ts"], {
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: "stand-in-token",
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_GUILD_ID: GUILD_ID,
        DISCORD_API_URL: standIn.apiUrl,
      },
    });
    expect(stdout).toContain(`Registered ${commands.length} commands in server ${GUILD_ID}`);
    const put = standIn.calls.slice(before).find((c) => c.method === "PUT");
    expect(put?.path).toBe(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    expect(put?.body).toEqual(definitions);
  });

  test("`--dry-run` prints the same definitions and needs no token", async () => {
    const { stdout } = await run("npx", ["tsx", "scripts/deploy-discord.ts", "--dry-run"], {
      env: { PATH: process.env.PATH },
    });
    expect(JSON.parse(stdout)).toEqual(definitions);
  });
});
