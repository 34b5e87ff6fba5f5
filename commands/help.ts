import { z } from "zod";
import { actionsOf, type Command, defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { describeOptions, usage } from "../src/core/options.ts";
import { reply } from "../src/core/reply.ts";

export default defineCommand({
  name: "help",
  description: "Every command with its options and an example",
  options: z.object({
    command: z.string().trim().max(40).optional().describe("A command to explain, e.g. militia"),
  }),
  examples: ["/help", "/help militia"],
  handler({ command: name }, { commands }) {
    if (name) {
      const command = commands.find((c) => c.name === name.replace(/^\//, "").toLowerCase());
      if (!command) {
        throw new UserError(
          `There is no command "${name}". Commands: ${commands.map((c) => c.name).join(", ")}.`,
          "/help ask",
        );
      }
      return reply({
        kind: "info",
        title: `/${command.name}`,
        lead: command.description,
        sections: [
          { heading: "Usage", points: [{ text: usage(command), cites: [] }] },
          { heading: "Options", points: optionPoints(command) },
          { heading: "Examples", points: command.examples.map((e) => ({ text: e, cites: [] })) },
        ].filter((s) => s.points.length > 0),
      });
    }
    return reply({
      kind: "info",
      title: "Commands",
      lead: "Ask anything about the sources with /ask, or use a command. Every answer cites its paragraph.",
      sections: [
        {
          points: commands.map((c) => ({
            text: `${usage(c)}: ${c.description}. Example: ${c.examples[0] ?? `/${c.name}`}`,
            cites: [],
          })),
        },
      ],
    });
  },
});

/** Each option with what it is for; a subcommand's options are named after it. */
function optionPoints(command: Command) {
  return actionsOf(command).flatMap(({ subcommand, action }) =>
    describeOptions(action).map((o) => ({
      text: `${subcommand ? `${subcommand} ` : ""}${o.name}${o.required ? "" : " (optional)"}: ${o.description}`,
      cites: [],
    })),
  );
}
