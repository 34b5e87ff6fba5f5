/**
 * What a command's options look like, read from its zod schema (via JSON Schema), so that
 * every platform derives the same thing from one declaration: Discord's typed options, Slack's
 * usage line, the console's parser and /help.
 */
import { z } from "zod";
import type { Command } from "./command.ts";

export type OptionType = "string" | "boolean" | "integer" | "number";

export interface OptionInfo {
  name: string;
  type: OptionType;
  description: string;
  required: boolean;
  choices?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

interface JsonSchemaProperty {
  type?: string;
  description?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

const cache = new WeakMap<Command, OptionInfo[]>();

export function describeOptions(command: Command): OptionInfo[] {
  const known = cache.get(command);
  if (known) return known;
  const schema = z.toJSONSchema(command.options, { io: "input" }) as {
    properties?: Record<string, JsonSchemaProperty>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  const options = Object.entries(schema.properties ?? {}).map(([name, p]): OptionInfo => {
    const type: OptionType =
      p.type === "boolean" || p.type === "integer" || p.type === "number" ? p.type : "string";
    return {
      name,
      type,
      description: p.description ?? name,
      required: required.has(name),
      ...(p.enum ? { choices: p.enum.map(String) } : {}),
      ...(p.minLength !== undefined ? { minLength: p.minLength } : {}),
      ...(p.maxLength !== undefined ? { maxLength: p.maxLength } : {}),
      ...(p.minimum !== undefined && Number.isSafeInteger(p.minimum) ? { minimum: p.minimum } : {}),
      ...(p.maximum !== undefined && Number.isSafeInteger(p.maximum) ? { maximum: p.maximum } : {}),
    };
  });
  cache.set(command, options);
  return options;
}

/** "/militia [name]", "/ask <question> [--public]": the usage line people see. */
export function usage(command: Command): string {
  if (command.usage) return command.usage;
  const parts = describeOptions(command).map((o) => {
    if (o.type === "boolean") return `[--${o.name}]`;
    const label = o.choices && o.choices.length <= 6 ? o.choices.join("|") : o.name;
    return o.required ? `<${label}>` : `[${label}]`;
  });
  return [`/${command.name}`, ...parts].join(" ");
}

/**
 * Turns free text (Slack's `text`, a console line) into raw options for the zod schema:
 * `--flag` sets a boolean option; the other options take words in the order declared, and the
 * last one takes the rest of the line ("/ask did iraq shoot at anything").
 */
export function parseOptionText(
  command: Command,
  text: string,
): { options: Record<string, unknown>; leftover: string } {
  if (command.parseText) return command.parseText(text);
  const options = describeOptions(command);
  const raw: Record<string, unknown> = {};
  const flags = new Map(options.filter((o) => o.type === "boolean").map((o) => [o.name, o]));
  const positional = options.filter((o) => o.type !== "boolean");

  const wordsLeft: string[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const flag = /^--?([a-z][\w-]*)$/i.exec(word)?.[1]?.toLowerCase();
    if (flag && flags.has(flag)) raw[flag] = true;
    else wordsLeft.push(word);
  }

  positional.forEach((option, i) => {
    if (wordsLeft.length === 0) return;
    const last = i === positional.length - 1;
    const value = last ? wordsLeft.splice(0).join(" ") : (wordsLeft.shift() ?? "");
    raw[option.name] = option.type === "string" ? value : Number(value);
  });
  return { options: raw, leftover: wordsLeft.join(" ") };
}
