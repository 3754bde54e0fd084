/** IANA zones this Node.js knows, e.g. "America/Caracas"; read once. */
const ZONES: readonly string[] = Intl.supportedValuesOf("timeZone");

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s_]+/g, " ");

/**
 * Time zones for what was typed, accents, case, spaces and underscores ignored: zones whose city starts with it
 * first ("cara" → America/Caracas), then any zone containing it ("new y" → America/New_York).
 */
export function timeZoneChoices(typed: string, limit: number): string[] {
  const key = fold(typed.trim());
  if (key === "")
    return ["America/Caracas", "America/Bogota", "America/New_York", "Europe/Madrid", "Europe/London"].slice(0, limit);
  const cityStarts: string[] = [];
  const contains: string[] = [];
  for (const zone of ZONES) {
    const folded = fold(zone);
    const city = folded.slice(folded.lastIndexOf("/") + 1);
    if (city.startsWith(key) || folded.startsWith(key)) cityStarts.push(zone);
    else if (folded.includes(key)) contains.push(zone);
  }
  return [...cityStarts, ...contains].slice(0, limit);
}
