/** Replies to plain chat words ("thanks", "exit") that reach the answer engine as questions. */
import { type ChatWord, chatWordOf } from "../core/chat-words.ts";
import { type Reply, reply } from "../core/reply.ts";

const LEADS: Record<ChatWord, string> = {
  help: "Ask a question in plain words (did iraq shoot at anything?), or use a command: /help lists them all.",
  thanks: "You're welcome. Ask another question any time.",
  greeting: "Hello! Ask a question about the sources, e.g. who is KH? /help lists the commands.",
  leave: "Nothing to leave here: just stop typing. (In the terminal, exit or Ctrl+D quits.)",
  clear: "Nothing to clear here. (In the terminal, clear empties the screen.)",
  ack: "Ask a question whenever you like, or type /help for the commands.",
};

/** The reply to a plain chat word, or undefined when the text is a real question. */
export function chatReply(text: string): Reply | undefined {
  const word = chatWordOf(text);
  if (!word) return undefined;
  return reply({
    kind: "info",
    title: text.trim(),
    lead: LEADS[word],
    suggestions: word === "help" ? ["/help", "/briefing overview", "/ask who is KH"] : [],
  });
}
