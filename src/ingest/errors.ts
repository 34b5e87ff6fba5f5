/**
 * A problem with what the curator gave the ingester (a missing file, an empty or binary one, a
 * date it cannot read): the message says what is wrong and what to do. Anything else is a bug.
 */
export class IngestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IngestError";
  }
}
