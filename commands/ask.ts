import { z } from "zod";
import { answerQuestion } from "../src/answer/answer.ts";
import { defineCommand } from "../src/core/command.ts";
import { NotSavedError } from "../src/core/errors.ts";
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
  handler({ question, public: isPublic }, { knowledge, origin, services, log }) {
    const answer = { ...answerQuestion(knowledge, question), visibility: visibilityFor(isPublic) };
    if (!services) return answer;
    // The answer matters more than its records: a record that cannot be saved is logged, and
    // the answer goes out (without feedback buttons, which would name an answer not kept).
    try {
      if (answer.kind === "abstain") {
        // For the curators' /gaps: what people asked that the sources could not answer.
        services.feedback.recordUnanswered(redactSecrets(question), origin);
        return answer;
      }
      if (answer.kind !== "answer") return answer;
      const factIds = answer.citations.flatMap((c) => (c.factId ? [c.factId] : []));
      const record = { question: redactSecrets(question), factIds };
      const answerId = services.feedback.recordAnswer(record, origin);
      return { ...answer, feedback: { answerId, question: record.question, factIds } };
    } catch (error) {
      if (!(error instanceof NotSavedError)) throw error;
      log?.error({ err: error.cause ?? error, command: "ask" }, `not saved: ${error.what}`);
      return answer;
    }
  },
});
