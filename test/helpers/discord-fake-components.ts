import { ButtonStyle, ComponentType } from "discord.js";
import { discordLength, type FormErrors } from "./discord-limits.js";

/**
 * Discord's checks on a message's classic components (action rows of buttons), for the local fake: at most 5 rows,
 * 1 to 5 buttons in each, labels of at most 80 characters, a custom_id of 1 to 100 characters on every button
 * but a link, never the same custom_id twice in one message. Returns Discord's nested `errors` for a 400
 * "Invalid Form Body", or undefined when Discord would accept them. Select menus and Components V2 are not
 * checked: Hilo sends neither.
 */

const LIMITS = { rows: 5, perRow: 5, label: 80, customId: 100 } as const;

interface ButtonLike {
  type?: unknown;
  style?: unknown;
  label?: unknown;
  emoji?: unknown;
  custom_id?: unknown;
  url?: unknown;
}

/** A message body's `components` (under `prefix`: "data" for an interaction reply). */
export function componentProblems(
  body: Record<string, unknown>,
  options: { prefix?: string[] } = {},
): FormErrors | undefined {
  if (body.components === undefined || body.components === null) return undefined;
  const problems: FormErrors = {};
  let found = false;
  const add = (path: (string | number)[], code: string, message: string) => {
    let node = problems;
    for (const key of [...(options.prefix ?? []), "components", ...path]) {
      node[String(key)] ??= {};
      node = node[String(key)] as FormErrors;
    }
    node._errors ??= [];
    (node._errors as { code: string; message: string }[]).push({ code, message });
    found = true;
  };
  if (!Array.isArray(body.components)) {
    add([], "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
    return problems;
  }
  const rows = body.components as { type?: unknown; components?: unknown }[];
  if (rows.length > LIMITS.rows) add([], "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.rows} or fewer in length.`);
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (row.type !== ComponentType.ActionRow) {
      add([i, "type"], "UNION_TYPE_CHOICES", `Value of field "type" must be one of (${ComponentType.ActionRow},).`);
      return;
    }
    const buttons = Array.isArray(row.components) ? (row.components as ButtonLike[]) : [];
    if (buttons.length < 1 || buttons.length > LIMITS.perRow) {
      add([i, "components"], "BASE_TYPE_BAD_LENGTH", `Must be between 1 and ${LIMITS.perRow} in length.`);
    }
    buttons.forEach((button, j) => {
      const at = (key: string) => [i, "components", j, key];
      if (button.type !== ComponentType.Button) return;
      if (typeof button.style !== "number" || !(button.style in ButtonStyle))
        add(at("style"), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6}.");
      if (typeof button.label === "string" && discordLength(button.label) > LIMITS.label) {
        add(at("label"), "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.label} or fewer in length.`);
      }
      if (
        (typeof button.label !== "string" || button.label === "") &&
        button.emoji === undefined &&
        button.style !== ButtonStyle.Premium
      ) {
        add(at("label"), "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED", "A label or emoji is required");
      }
      if (button.style === ButtonStyle.Link) {
        if (typeof button.url !== "string" || button.url === "")
          add(at("url"), "BUTTON_COMPONENT_URL_REQUIRED", "A url is required");
        if (button.custom_id !== undefined)
          add(at("custom_id"), "BUTTON_COMPONENT_LINK_NO_CUSTOM_ID", "A custom id cannot be set on a link button");
        return;
      }
      if (button.style === ButtonStyle.Premium) return;
      const customId = button.custom_id;
      if (typeof customId !== "string" || customId === "") {
        add(at("custom_id"), "BUTTON_COMPONENT_CUSTOM_ID_REQUIRED", "A custom id is required");
        return;
      }
      if (discordLength(customId) > LIMITS.customId)
        add(at("custom_id"), "BASE_TYPE_MAX_LENGTH", `Must be ${LIMITS.customId} or fewer in length.`);
      if (seen.has(customId))
        add(at("custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
      seen.add(customId);
    });
  });
  return found ? problems : undefined;
}

/** Two sets of form errors as Discord reports them together, in one nested object. */
export function mergeFormErrors(a: FormErrors | undefined, b: FormErrors | undefined): FormErrors | undefined {
  if (!a || !b) return a ?? b;
  const merged: FormErrors = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = merged[key];
    if (Array.isArray(mine) && Array.isArray(value)) merged[key] = [...mine, ...value];
    else if (mine && !Array.isArray(mine) && !Array.isArray(value)) merged[key] = mergeFormErrors(mine, value)!;
    else merged[key] = value;
  }
  return merged;
}
