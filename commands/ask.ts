import { z } from "zod";
import { answerQuestion } from "../src/answer/answer.ts";
import { defineCommand } from "../src/core/command.ts";
import { redactSecrets } from "../src/core/redact.ts";
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
  async handler({ question: typed, public: isPublic }, { knowledge, origin, services }) {
    // A token pasted by mistake is neither read, nor echoed in the reply's title, nor stored.
    const question = redactSecrets(typed);
    const answer = { ...answerQuestion(knowledge, question), visibility: visibilityFor(isPublic) };
    if (!services) return answer;
    if (answer.kind === "abstain") {
      // For the curators' /gaps: what people asked that the sources could not answer.
      await services.feedback.recordUnanswered(question, origin);
      return answer;
    }
    if (answer.kind !== "answer") return answer;
    const factIds = answer.citations.flatMap((c) => (c.factId ? [c.factId] : []));
    const answerId = await services.feedback.recordAnswer({ question, factIds }, origin);
    // Buttons must name a stored answer; one that could not be kept goes out without them.
    if (answerId === undefined) return answer;
    return { ...answer, feedback: { answerId, question, factIds } };
  },
});
