/**
 * Discord's size limits on what a bot sends, checked the way the API checks them, for the local fake.
 * Each check returns Discord's nested `errors` object for a 400 "Invalid Form Body", or undefined when Discord
 * would accept the body. Lengths are Unicode code points: the API is Python and counts like len()
 * (discord/discord-api-docs#1315), so an emoji outside the BMP is one character, not two as in `.length`.
 */

/** The nested shape of Discord's form errors: a path of keys down to `_errors`. */
export interface FormErrors {
  [key: string]: FormErrors | { code: string; message: string }[];
}

const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  threadName: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commands: 100,
} as const;

/** How many characters Discord counts in a string. */
export function discordLength(text: string): number {
  return [...text].length;
}

/** Collects problems under paths like ["embeds", 0, "title"] and nests them the way Discord answers. */
class Problems {
  private readonly root: FormErrors = {};
  private empty = true;

  add(path: (string | number)[], code: string, message: string): void {
    let node = this.root;
    for (const key of path) {
      node[String(key)] ??= {};
      node = node[String(key)] as FormErrors;
    }
    node._errors ??= [];
    (node._errors as { code: string; message: string }[]).push({ code, message });
    this.empty = false;
  }

  tooLong(path: (string | number)[], value: unknown, max: number): void {
    if (typeof value === "string" && discordLength(value) > max)
      this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
  }

  tooMany(path: (string | number)[], list: unknown[], max: number): void {
    if (list.length > max) this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
  }

  required(path: (string | number)[], value: unknown): void {
    if (typeof value !== "string" || value === "") this.add(path, "BASE_TYPE_REQUIRED", "This field is required");
  }

  between(path: (string | number)[], value: unknown, min: number, max: number): void {
    const length = typeof value === "string" ? discordLength(value) : 0;
    if (length < min || length > max)
      this.add(path, "BASE_TYPE_BAD_LENGTH", `Must be between ${min} and ${max} in length.`);
  }

  result(): FormErrors | undefined {
    return this.empty ? undefined : this.root;
  }
}

interface EmbedLike {
  title?: unknown;
  description?: unknown;
  fields?: { name?: unknown; value?: unknown }[];
  footer?: { text?: unknown };
  author?: { name?: unknown };
}

/**
 * A message body (channel message, webhook message, or an interaction reply's `data`, then under `prefix` "data").
 * `partial` is for edits, which may leave everything out.
 */
export function messageProblems(
  body: Record<string, unknown>,
  options: { prefix?: string[]; partial?: boolean } = {},
): FormErrors | undefined {
  const at = (...path: (string | number)[]) => [...(options.prefix ?? []), ...path];
  const problems = new Problems();
  problems.tooLong(at("content"), body.content, LIMITS.content);
  const embeds = Array.isArray(body.embeds) ? (body.embeds as EmbedLike[]) : [];
  problems.tooMany(at("embeds"), embeds, LIMITS.embeds);
  let total = 0;
  embeds.forEach((embed, i) => {
    problems.tooLong(at("embeds", i, "title"), embed.title, LIMITS.title);
    problems.tooLong(at("embeds", i, "description"), embed.description, LIMITS.description);
    problems.tooLong(at("embeds", i, "footer", "text"), embed.footer?.text, LIMITS.footer);
    problems.tooLong(at("embeds", i, "author", "name"), embed.author?.name, LIMITS.author);
    const fields = embed.fields ?? [];
    problems.tooMany(at("embeds", i, "fields"), fields, LIMITS.fields);
    fields.forEach((field, j) => {
      problems.tooLong(at("embeds", i, "fields", j, "name"), field.name, LIMITS.fieldName);
      problems.tooLong(at("embeds", i, "fields", j, "value"), field.value, LIMITS.fieldValue);
      problems.required(at("embeds", i, "fields", j, "name"), field.name);
      problems.required(at("embeds", i, "fields", j, "value"), field.value);
    });
    const texts = [
      embed.title,
      embed.description,
      embed.footer?.text,
      embed.author?.name,
      ...fields.flatMap((f) => [f.name, f.value]),
    ];
    total += texts.reduce<number>((sum, text) => sum + (typeof text === "string" ? discordLength(text) : 0), 0);
  });
  // The 6000 counts every embed of the message together, which is why a long digest split into embeds still fails.
  if (total > LIMITS.embedTotal)
    problems.add(at("embeds"), "MAX_EMBED_SIZE_EXCEEDED", `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  return problems.result();
}

/** Discord's answer to a create with nothing to show (code 50006), checked apart from the form errors. */
export function isEmptyMessage(body: Record<string, unknown>, hasFiles: boolean): boolean {
  const filled = (key: string) => {
    const value = body[key];
    return Array.isArray(value)
      ? value.length > 0
      : typeof value === "string"
        ? value !== ""
        : value !== undefined && value !== null;
  };
  return !hasFiles && !["content", "embeds", "components", "sticker_ids", "poll", "attachments"].some(filled);
}

export function threadNameProblems(name: unknown): FormErrors | undefined {
  const problems = new Problems();
  problems.between(["name"], name, 1, LIMITS.threadName);
  return problems.result();
}

/** An autocomplete answer (callback type 8), under "data". */
export function choicesProblems(data: Record<string, unknown>): FormErrors | undefined {
  const problems = new Problems();
  const choices = Array.isArray(data.choices) ? (data.choices as { name?: unknown; value?: unknown }[]) : [];
  problems.tooMany(["data", "choices"], choices, LIMITS.choices);
  choices.forEach((choice, i) => {
    problems.between(["data", "choices", i, "name"], choice.name, 1, LIMITS.choiceName);
    problems.tooLong(["data", "choices", i, "value"], choice.value, LIMITS.choiceValue);
  });
  return problems.result();
}

// Chat input command names: lowercase letters (any script), digits, - _ and '; Discord rejects capitals.
const COMMAND_NAME = /^[-_'\p{Ll}\p{Lm}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

interface CommandLike {
  name?: unknown;
  description?: unknown;
  type?: unknown;
  name_localizations?: Record<string, unknown> | null;
  description_localizations?: Record<string, unknown> | null;
  options?: CommandLike[];
}

/** A bulk overwrite of application commands (PUT .../commands). */
export function commandProblems(commands: unknown): FormErrors | undefined {
  const problems = new Problems();
  const list = Array.isArray(commands) ? (commands as CommandLike[]) : [];
  problems.tooMany([], list, LIMITS.commands);
  const check = (command: CommandLike, path: (string | number)[]) => {
    const chatInput = command.type === undefined || command.type === 1 || path.length > 1;
    for (const [locale, name] of [["", command.name], ...Object.entries(command.name_localizations ?? {})] as [
      string,
      unknown,
    ][]) {
      const where = locale ? [...path, "name_localizations", locale] : [...path, "name"];
      problems.between(where, name, 1, LIMITS.commandName);
      if (chatInput && typeof name === "string" && !COMMAND_NAME.test(name)) {
        problems.add(where, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
      }
    }
    if (chatInput) {
      problems.between([...path, "description"], command.description, 1, LIMITS.commandDescription);
      for (const [locale, text] of Object.entries(command.description_localizations ?? {})) {
        problems.between([...path, "description_localizations", locale], text, 1, LIMITS.commandDescription);
      }
    }
    const options = command.options ?? [];
    problems.tooMany([...path, "options"], options, LIMITS.commandOptions);
    options.forEach((option, i) => {
      check(option, [...path, "options", i]);
    });
  };
  list.forEach((command, i) => {
    check(command, [i]);
  });
  return problems.result();
}
