import { foldText } from "../text/fold-text.js";

// Channel titles join the outlet's name with a section's: "World news | The Harbor Post", "Diario Llanero – El Mundo".
const SEPARATOR = /\s+[|–—>:·»-]\s+|\s*[|>»]\s*/;
// Leading articles an outlet's name may carry that its web address leaves out ("The Harbor Ledger": harborledger).
const ARTICLE = /^(the|la|el|los|las|le|les|il|o|a)\s+/;

/**
 * The outlet's own name from a feed's channel title: the part of the title its web address spells (the site
 * `harborpost.example` names "The Harbor Post" in "World news | The Harbor Post"), else the title's first part.
 */
export function outletName(channelTitle: string, site: string | undefined): string {
  const title = channelTitle.trim();
  const parts = title
    .split(SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (parts.length <= 1) return title;
  const host = siteKey(site);
  if (host) {
    const named = parts.find((part) => {
      const key = nameKey(part);
      return key.length >= 4 && (host.includes(key) || key.includes(host));
    });
    if (named) return named;
  }
  return parts[0]!;
}

/** A feed's provisional outlet before its channel title is read: the site's host name, or a file's name. */
export function provisionalOutlet(feed: string): string {
  try {
    return new URL(feed).hostname.replace(/^www\./, "") || feed;
  } catch {
    return feed.split(/[\\/]/).pop() || feed;
  }
}

/** The letters of a name, folded, without a leading article: "La Gaceta del Llano" → "gacetadelllano". */
function nameKey(name: string): string {
  return foldText(name)
    .replace(ARTICLE, "")
    .replace(/[^a-z0-9]/g, "");
}

/** The longest label of a site's host name: "www.cronicadelpacifico.ec" → "cronicadelpacifico". */
function siteKey(site: string | undefined): string | undefined {
  if (!site || !URL.canParse(site)) return undefined;
  const labels = new URL(site).hostname.split(".").filter((label) => label !== "www");
  const longest = labels.reduce((best, label) => (label.length > best.length ? label : best), "");
  return longest.length >= 4 ? longest.replace(/[^a-z0-9]/g, "") : undefined;
}
