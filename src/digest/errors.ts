/** Why a feed could not be read. */
export type FeedFailure =
  | "http" | "timeout" | "encoding" | "parse" | "not-a-feed" | "empty" | "too-large"
  // The server sent us round in circles or too far; and we could not reach it at all (refused, DNS, reset).
  | "redirect" | "network";

/** A feed that could not be fetched, decoded or parsed; the other feeds go on. */
export class FeedError extends Error {
  override name = "FeedError";
  constructor(
    readonly feed: string,
    readonly reason: FeedFailure,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`feed ${feed}: ${reason}: ${detail}`, options);
  }
}

/** A content file of the story pack that failed validation: names the file, the field and the problem. */
export class ContentError extends Error {
  override name = "ContentError";
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

/** A configuration value that is missing or invalid. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** An error and its causes on one line ("FeedError: … ← TypeError: fetch failed"), for logs. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    if (!(current instanceof Error)) {
      parts.push(String(current));
      break;
    }
    parts.push(`${current.name}: ${current.message}`);
    current = current.cause;
  }
  return parts.join(" ← ");
}
