import { z } from "zod";
import { answerQuestion } from "../src/answer/answer.ts";
import { defineCommand } from "../src/core/command.ts";
import { publicOption, visibilityFor } from "./shared.ts";

export default defineCommand({
  name: "ask",
  description: "Ask a question; get a one-line answer with the paragraph it comes from",
  options: z.object({
    question: z
      .string()
      .trim()
      .min(2, "ask a question, e.g. did iraq shoot at anything?")
      .max(500, "keep the question under 500 characters")
      .describe("Your question, e.g. did iraq shoot at anything?"),
    public: publicOption,
  }),
  examples: ["/ask did iraq shoot at anything?", "/ask what happened june 17", "/ask who is HHN"],
  handler({ question, public: isPublic }, { knowledge }) {
    return { ...answerQuestion(knowledge, question), visibility: visibilityFor(isPublic) };
  },
});
