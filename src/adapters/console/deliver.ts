/** Scheduled briefings in the terminal: printed between prompts while the console chat is open. */
import type { ChannelDelivery } from "../../core/delivery.ts";
import { renderText } from "../../render/text.ts";

export function consoleDelivery(output: NodeJS.WritableStream): ChannelDelivery {
  return {
    platform: "console",
    async post(_channel, reply) {
      output.write(`\n${renderText(reply)}\n\n> `);
    },
  };
}
