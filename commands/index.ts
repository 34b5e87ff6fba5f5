/**
 * The command registry: every platform registers and routes exactly these. A new command is
 * one new file in commands/ and one line here.
 */
import type { Command } from "../src/core/command.ts";
import airspace from "./airspace.ts";
import ask from "./ask.ts";
import briefing from "./briefing.ts";
import gaps from "./gaps.ts";
import help from "./help.ts";
import militia from "./militia.ts";
import policy from "./policy.ts";
import source from "./source.ts";
import timeline from "./timeline.ts";
import who from "./who.ts";

export const commands: readonly Command[] = [
  ask,
  militia,
  airspace,
  briefing,
  timeline,
  who,
  policy,
  source,
  gaps,
  help,
];
