/**
 * Plain words people type to a bot that are not questions: "help", "thanks", "exit". They get
 * a short reply that does what they mean, never a fact that happens to share a word with them.
 */
import { type Reply, reply } from "../core/reply.ts";
import { normalize } from "../search/text.ts";

export type ChatWord = "help" | "thanks" | "greeting" | "leave" | "clear" | "ack";

const WORDS: Record<string, ChatWord> = {};
const add = (kind: ChatWord, words: string) => {
  for (const w of words.split(",")) WORDS[w.trim()] = kind;
};
add("help", "help,help me,commands,menu,what can you do,how does this work,usage,h");
add("thanks", "thanks,thank you,thx,ty,cheers,thanks a lot,thank you very much,much appreciated");
add("greeting", "hi,hello,hey,yo,good morning,good afternoon,hi there,hello there");
add("leave", "exit,quit,bye,goodbye,stop,cancel,q,close");
add("clear", "clear,cls,reset");
add("ack", "ok,okay,k,cool,great,nice,got it,lol,sure,yes,no,yep,nope,hmm,wow,ah");

/** What a plain chat word means, or undefined when the text is a question. */
export function chatWordOf(text: string): ChatWord | undefined {
  return WORDS[normalize(text).replace(/\s+/g, " ")];
}

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
