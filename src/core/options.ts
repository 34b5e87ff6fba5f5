/**
 * What a command's options look like, read from its zod schema (via JSON Schema), so that
 * every platform derives the same thing from one declaration: Discord's typed options and
 * subcommands, the text parser (Slack, the console), the usage line and /help.
 *
 * Three hints may be added to an option with zod's `.meta()`, for the text form only:
 * - `label`: the word shown in the usage line instead of the option's name ("id|all");
 * - `expected`: shown as <required> though zod lets it be missing (the handler then fills a
 *   default or explains what to give, better than a bare "required");
 * - `rest`: this option takes the rest of the line, not the last one ("subscribe militias
 *   daily 08:30 Europe/Paris": the schedule is in the middle).
 */
import { z } from "zod";
import { type Action, actionOf, type Command } from "./command.ts";

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
  label?: string;
  expected?: boolean;
  rest?: boolean;
}

type TextHints = Pick<JsonSchemaProperty, "label" | "expected" | "rest">;

const cache = new WeakMap<Action, { options: OptionInfo[]; hints: Map<string, TextHints> }>();

function read(action: Action): { options: OptionInfo[]; hints: Map<string, TextHints> } {
  const known = cache.get(action);
  if (known) return known;
  const schema = z.toJSONSchema(action.options, { io: "input" }) as {
    properties?: Record<string, JsonSchemaProperty>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  const hints = new Map<string, TextHints>();
  const options = Object.entries(schema.properties ?? {}).map(([name, p]): OptionInfo => {
    hints.set(name, { label: p.label, expected: p.expected, rest: p.rest });
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
  const described = { options, hints };
  cache.set(action, described);
  return described;
}

export function describeOptions(action: Action): OptionInfo[] {
  return read(action).options;
}

/** "[name] [--public]": one action's options as the usage line shows them. */
function optionsUsage(action: Action): string[] {
  const { options, hints } = read(action);
  return options.map((o) => {
    if (o.type === "boolean") return `[--${o.name}]`;
    const hint = hints.get(o.name);
    const label =
      hint?.label ?? (o.choices && o.choices.length <= 6 ? o.choices.join("|") : o.name);
    return o.required || hint?.expected ? `<${label}>` : `[${label}]`;
  });
}

/**
 * "/militia [name]", "/ask <question> [--public]", and for subcommands each form in turn, the
 * default one without its name: "/briefing [topic] | subscribe <topic> <schedule> ... | list".
 */
export function usage(command: Command): string {
  if (!command.subcommands) return [`/${command.name}`, ...optionsUsage(command)].join(" ");
  const forms = command.subcommands.map((s) =>
    [...(s.name === command.defaultSubcommand ? [] : [s.name]), ...optionsUsage(s)].join(" "),
  );
  return `/${command.name} ${forms.join(" | ")}`;
}

export interface ParsedText {
  /** The subcommand named by the first word, or the default; absent for a plain command. */
  subcommand?: string;
  options: Record<string, unknown>;
  /** Words no option took. */
  leftover: string;
}

/**
 * Free text (Slack's `text`, a console line) as a request: for a command with subcommands, a
 * first word naming one picks it (else the default takes the whole text); then its options.
 */
export function parseCommandText(command: Command, text: string): ParsedText {
  if (!command.subcommands) return parseOptionText(command, text);
  const [first = "", ...rest] = text.trim().split(/\s+/);
  const named = command.subcommands.find((s) => s.name === first.toLowerCase());
  const subcommand = named?.name ?? command.defaultSubcommand;
  const action = actionOf(command, subcommand);
  if (!subcommand || !action) return { options: {}, leftover: text.trim() };
  return { subcommand, ...parseOptionText(action, named ? rest.join(" ") : text) };
}

/** Whether a word may fill an optional text option: it must pass the option's own schema. */
function fits(action: Action, option: OptionInfo, word: string): boolean {
  if (option.required || option.type !== "string") return true;
  const schema = action.options.shape[option.name] as z.ZodType | undefined;
  return schema?.safeParse(word).success ?? true;
}

/**
 * Turns free text into raw options for the zod schema: `--flag` sets a boolean option; the
 * other options take one word each, in the order declared, except the one that takes the rest
 * of the line (the last, or the one marked `rest`): "/ask did iraq shoot at anything". An
 * optional text option next to it takes a word only if the word passes its schema, so
 * "subscribe weekdays 9am UTC" has no topic and a time zone.
 */
export function parseOptionText(
  action: Action,
  text: string,
): { options: Record<string, unknown>; leftover: string } {
  const { options, hints } = read(action);
  const raw: Record<string, unknown> = {};
  const flags = new Map(options.filter((o) => o.type === "boolean").map((o) => [o.name, o]));
  const positional = options.filter((o) => o.type !== "boolean");
  const marked = positional.findIndex((o) => hints.get(o.name)?.rest);
  const restAt = marked >= 0 ? marked : positional.length - 1;
  const take = (option: OptionInfo, value: string) => {
    raw[option.name] = option.type === "string" ? value : Number(value);
  };

  const words: string[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const flag = /^--?([a-z][\w-]*)$/i.exec(word)?.[1]?.toLowerCase();
    if (flag && flags.has(flag)) raw[flag] = true;
    else words.push(word);
  }
  for (const option of positional.slice(0, Math.max(0, restAt))) {
    const word = words[0];
    if (word === undefined) break;
    if (!fits(action, option, word)) continue;
    take(option, word);
    words.shift();
  }
  // Options after the rest one take the last words, leaving the rest one at least a word.
  for (const option of positional.slice(restAt + 1).reverse()) {
    const word = words[words.length - 1];
    if (word === undefined || words.length < 2 || !fits(action, option, word)) continue;
    take(option, word);
    words.pop();
  }
  const rest = positional[restAt];
  if (rest && words.length > 0) take(rest, words.splice(0).join(" "));
  return { options: raw, leftover: words.join(" ") };
}
