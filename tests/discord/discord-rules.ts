/**
 * What Discord refuses, written apart from the bot's renderer on purpose: message and embed
 * limits, autocomplete choices, command definitions (../shared/PLATFORMS.md). The stand-in
 * answers 400 with code 50035 when any of these finds a problem.
 */

export interface MessageBody {
  content?: string;
  embeds?: {
    title?: string;
    description?: string;
    url?: string;
    fields?: { name: string; value: string }[];
    footer?: { text: string };
    author?: { name: string };
  }[];
  allowed_mentions?: { parse?: string[] };
  flags?: number;
  components?: {
    type: number;
    components?: { type: number; style?: number; label?: string; custom_id?: string }[];
  }[];
}

const L = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
};

/** Discord's checks on a message body, written apart from the renderer on purpose. */
export function messageErrors(body: MessageBody): string[] {
  const errors: string[] = [];
  const max = (path: string, value: string | undefined, limit: number, required = false) => {
    if (value === undefined) {
      if (required) errors.push(`${path}: required`);
      return;
    }
    if (typeof value !== "string") errors.push(`${path}: not a string`);
    else if (value.length > limit)
      errors.push(`${path}[BASE_TYPE_MAX_LENGTH]: Must be ${limit} or fewer in length.`);
    else if (required && value.length === 0)
      errors.push(`${path}[BASE_TYPE_REQUIRED]: This field is required`);
  };
  max("content", body.content, L.content);
  const embeds = body.embeds ?? [];
  if (embeds.length > L.embeds) errors.push(`embeds[BASE_TYPE_MAX_LENGTH]: at most ${L.embeds}`);
  let total = 0;
  embeds.forEach((e, i) => {
    max(`embeds.${i}.title`, e.title, L.title);
    max(`embeds.${i}.description`, e.description, L.description);
    max(`embeds.${i}.footer.text`, e.footer?.text, L.footer, e.footer !== undefined);
    max(`embeds.${i}.author.name`, e.author?.name, L.author, e.author !== undefined);
    const fields = e.fields ?? [];
    if (fields.length > L.fields)
      errors.push(`embeds.${i}.fields[BASE_TYPE_MAX_LENGTH]: at most ${L.fields}`);
    fields.forEach((f, j) => {
      max(`embeds.${i}.fields.${j}.name`, f.name, L.fieldName, true);
      max(`embeds.${i}.fields.${j}.value`, f.value, L.fieldValue, true);
    });
    const length = (s?: string) => s?.length ?? 0;
    total +=
      length(e.title) +
      length(e.description) +
      length(e.footer?.text) +
      length(e.author?.name) +
      fields.reduce((sum, f) => sum + length(f.name) + length(f.value), 0);
    if (e.url !== undefined && !/^https?:\/\//.test(e.url))
      errors.push(`embeds.${i}.url: not a URL`);
  });
  if (total > L.total)
    errors.push(`embeds[MAX_EMBED_SIZE_EXCEEDED]: Embed size exceeds maximum size of ${L.total}`);
  if (!body.content && embeds.length === 0) errors.push("Cannot send an empty message");
  errors.push(...componentErrors(body.components));
  return errors;
}

/** Action rows of buttons: at most 5 rows of 1-5; a label of at most 80, a custom_id of 1-100. */
function componentErrors(rows: MessageBody["components"]): string[] {
  if (rows === undefined) return [];
  const errors: string[] = [];
  if (!Array.isArray(rows) || rows.length > 5) errors.push("components: at most 5 action rows");
  const ids = new Set<string>();
  (rows ?? []).forEach((row, i) => {
    const items = row.components ?? [];
    if (row.type !== 1) errors.push(`components.${i}.type: must be 1 (action row)`);
    if (items.length < 1 || items.length > 5) errors.push(`components.${i}: 1-5 components`);
    items.forEach((c, j) => {
      const at = `components.${i}.components.${j}`;
      if (c.type !== 2) errors.push(`${at}.type: only buttons here`);
      if (!c.style || c.style < 1 || c.style > 5) errors.push(`${at}.style: 1-5 (5 is a link)`);
      if ((c.label?.length ?? 0) > 80) errors.push(`${at}.label: at most 80`);
      const id = c.custom_id ?? "";
      if (c.style !== 5 && (id.length < 1 || id.length > 100))
        errors.push(`${at}.custom_id: 1-100 characters`);
      if (ids.has(id)) errors.push(`${at}.custom_id: duplicate`);
      ids.add(id);
    });
  });
  return errors;
}

/** Discord's checks on an autocomplete result. */
export function choiceErrors(data: { choices?: { name: string; value: unknown }[] }): string[] {
  const choices = data.choices ?? [];
  const errors: string[] = [];
  if (choices.length > 25)
    errors.push(`data.choices[BASE_TYPE_MAX_LENGTH]: at most 25 (got ${choices.length})`);
  choices.forEach((c, i) => {
    if (typeof c.name !== "string" || c.name.length < 1 || c.name.length > 100)
      errors.push(`data.choices.${i}.name: 1-100`);
    if (typeof c.value === "string" && (c.value.length < 1 || c.value.length > 100))
      errors.push(`data.choices.${i}.value: 1-100`);
  });
  return errors;
}

export const NAME_RULE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

interface OptionDefinition {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: unknown[];
  /** A subcommand's own options. */
  options?: OptionDefinition[];
}

/** Discord's checks on a bulk command overwrite. */
export function commandErrors(body: unknown): string[] {
  if (!Array.isArray(body)) return ["body: must be an array"];
  const errors: string[] = [];
  if (body.length > 100) errors.push("at most 100 commands");
  const names = new Set<string>();
  const checkName = (path: string, name: unknown) => {
    if (typeof name !== "string" || !NAME_RULE.test(name) || name !== name.toLowerCase()) {
      errors.push(`${path}.name[APPLICATION_COMMAND_INVALID_NAME]: ${String(name)}`);
    }
  };
  const checkDescription = (path: string, d: unknown) => {
    if (typeof d !== "string" || d.length < 1 || d.length > 100)
      errors.push(`${path}.description: 1-100 characters`);
  };
  body.forEach(
    (
      command: {
        name?: unknown;
        description?: unknown;
        type?: unknown;
        options?: OptionDefinition[];
      },
      i,
    ) => {
      checkName(`${i}`, command.name);
      checkDescription(`${i}`, command.description);
      if (names.has(String(command.name)))
        errors.push(`${i}.name[APPLICATION_COMMANDS_DUPLICATE_NAME]`);
      names.add(String(command.name));
      if (command.type !== undefined && command.type !== 1)
        errors.push(`${i}.type: chat input only here`);
      const options = command.options ?? [];
      // A command's options are either all subcommands (type 1), each with options of its own,
      // or all basic options.
      if (options.some((o) => o.type === 1)) {
        if (options.length > 25) errors.push(`${i}.options: at most 25 subcommands`);
        options.forEach((sub, j) => {
          const path = `${i}.options.${j}`;
          if (sub.type !== 1) errors.push(`${path}.type: subcommands and options mixed`);
          checkName(path, sub.name);
          checkDescription(path, sub.description);
          checkOptions(path, sub.options ?? []);
        });
      } else checkOptions(`${i}`, options);
    },
  );
  function checkOptions(at: string, options: OptionDefinition[]): void {
    if (options.length > 25) errors.push(`${at}.options: at most 25`);
    let optionalSeen = false;
    const optionNames = new Set<string>();
    options.forEach((o, j) => {
      const path = `${at}.options.${j}`;
      checkName(path, o.name);
      checkDescription(path, o.description);
      if (![3, 4, 5, 10].includes(o.type))
        errors.push(`${path}.type: ${o.type} is not a basic type used here`);
      if (optionNames.has(o.name)) errors.push(`${path}.name[DUPLICATE]`);
      optionNames.add(o.name);
      if (o.required && optionalSeen)
        errors.push(
          `${path}[APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID]: Required options must be placed before non-required options`,
        );
      if (!o.required) optionalSeen = true;
      if (o.autocomplete && o.choices) errors.push(`${path}: autocomplete and choices together`);
      if ((o.choices?.length ?? 0) > 25) errors.push(`${path}.choices: at most 25`);
    });
  }
  return errors;
}
