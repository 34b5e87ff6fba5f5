import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand } from "../../src/core/command.ts";
import { describeOptions, parseOptionText, usage } from "../../src/core/options.ts";
import { reply } from "../../src/core/reply.ts";

const subscribe = defineCommand({
  name: "demo",
  description: "A command with every kind of option",
  options: z.object({
    topic: z.enum(["militias", "airspace"]).describe("What about"),
    days: z.number().int().min(1).max(30).optional().describe("How many days"),
    text: z.string().optional().describe("Free text"),
    public: z.boolean().default(false).describe("Share it"),
  }),
  examples: ["/demo militias 3 hello there"],
  handler: () => reply({ kind: "info", title: "ok" }),
});

describe("describeOptions", () => {
  it("reads names, types, required flags, choices and bounds from the zod schema", () => {
    expect(describeOptions(subscribe)).toEqual([
      {
        name: "topic",
        type: "string",
        description: "What about",
        required: true,
        choices: ["militias", "airspace"],
      },
      {
        name: "days",
        type: "integer",
        description: "How many days",
        required: false,
        minimum: 1,
        maximum: 30,
      },
      { name: "text", type: "string", description: "Free text", required: false },
      { name: "public", type: "boolean", description: "Share it", required: false },
    ]);
  });

  it("writes a usage line with required <> and optional []", () => {
    expect(usage(subscribe)).toBe("/demo <militias|airspace> [days] [text] [--public]");
  });
});

describe("parseOptionText", () => {
  it("fills options in order, the last taking the rest, and flags anywhere", () => {
    expect(parseOptionText(subscribe, "airspace 7 --public what   about radars")).toEqual({
      options: { topic: "airspace", days: 7, text: "what about radars", public: true },
      leftover: "",
    });
  });

  it("leaves missing options out so zod applies defaults and reports what is required", () => {
    const { options } = parseOptionText(subscribe, "");
    expect(options).toEqual({});
    expect(subscribe.options.safeParse(options).success).toBe(false);
  });

  it("turns a non-number into NaN, which zod then refuses", () => {
    const { options } = parseOptionText(subscribe, "militias soon");
    expect(subscribe.options.safeParse(options).success).toBe(false);
  });

  it("reports words a command with no text options cannot take", () => {
    const bare = defineCommand({
      ...subscribe,
      options: z.object({ public: z.boolean().default(false) }),
    });
    expect(parseOptionText(bare, "radars please").leftover).toBe("radars please");
  });
});
