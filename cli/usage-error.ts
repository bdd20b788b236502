/** The command was used wrongly or cannot reach what it acts on: exit code 2 with the message on stderr. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
