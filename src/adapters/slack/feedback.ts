/**
 * Clicks on an answer's Helpful / Not helpful buttons (Block Kit actions): acknowledged at once,
 * stored through the bot's services, and thanked privately through response_url.
 */
import type { App } from "@slack/bolt";
import type { Bot } from "../../bot.ts";
import { parseFeedbackActionId, recordFeedbackClick } from "../../feedback/click.ts";
import { slackOrigin } from "./origin.ts";
import { renderMessage } from "./render.ts";

export function listenForFeedback(app: App, bot: Bot): void {
  app.action(
    { type: "block_actions", action_id: /^feedback:/ },
    async ({ ack, body, action, respond }) => {
      await ack();
      const click = "action_id" in action ? parseFeedbackActionId(action.action_id) : undefined;
      if (!click) return;
      const origin = slackOrigin({
        user: body.user.id,
        channel: body.channel?.id,
        team: body.team?.id ?? body.user.team_id,
      });
      const result = await recordFeedbackClick(bot.services, click, origin, bot.log);
      bot.log.info(
        { platform: "slack", answer: click.answerId, helpful: click.helpful, kind: result.kind },
        "feedback",
      );
      const message = renderMessage(result);
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: message.text,
        blocks: message.blocks,
      });
    },
  );
}
