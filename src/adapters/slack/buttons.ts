/**
 * Clicks on the bot's buttons (Block Kit actions, an answer's Helpful / Not helpful):
 * acknowledged at once, run by the router like a command, and answered privately through
 * response_url. Tracked until answered, so a clean shutdown waits for them.
 */
import type { App } from "@slack/bolt";
import type { Bot } from "../../bot.ts";
import { slackOrigin } from "./origin.ts";
import { renderMessage } from "./render.ts";

export function listenForButtons(app: App, bot: Bot): void {
  app.action({ type: "block_actions" }, ({ ack, body, action, respond }) =>
    bot.inFlight.track(
      (async () => {
        await ack();
        if (!("action_id" in action)) return;
        const origin = slackOrigin({
          user: body.user.id,
          channel: body.channel?.id,
          team: body.team?.id ?? body.user.team_id,
        });
        const result = await bot.router.click(action.action_id, origin);
        if (!result) return;
        bot.log.info(
          { platform: "slack", button: action.action_id.slice(0, 100), kind: result.kind },
          "button clicked",
        );
        const message = renderMessage(result);
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        });
      })(),
    ),
  );
}
