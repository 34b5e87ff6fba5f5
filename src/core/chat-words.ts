/**
 * Plain words people type to a bot that are not questions: "help", "thanks", "exit". Each
 * surface does what they mean (the router runs /help, the terminal leaves on "exit"), and the
 * answer engine replies to the rest; none of them gets a fact that happens to share a word.
 */
export type ChatWord = "help" | "thanks" | "greeting" | "leave" | "clear" | "ack";

const WORDS = new Map<string, ChatWord>();
const add = (kind: ChatWord, words: string) => {
  for (const w of words.split(",")) WORDS.set(w.trim(), kind);
};
add("help", "help,help me,commands,menu,what can you do,how does this work,usage,h");
add("thanks", "thanks,thank you,thx,ty,cheers,thanks a lot,thank you very much,much appreciated");
add("greeting", "hi,hello,hey,yo,good morning,good afternoon,hi there,hello there");
add("leave", "exit,quit,bye,goodbye,stop,cancel,q,close");
add("clear", "clear,cls,reset");
add("ack", "ok,okay,k,cool,great,nice,got it,lol,sure,yes,no,yep,nope,hmm,wow,ah");

/** What a plain chat word means, or undefined when the text is a question. */
export function chatWordOf(text: string): ChatWord | undefined {
  const plain = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, " ")
    .trim()
    .replace(/\s+/g, " ");
  return WORDS.get(plain);
}
