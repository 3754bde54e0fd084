// Parameters that only say who sent the reader, never which article it is.
const TRACKING_PARAMS = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "msclkid",
  "yclid",
  "igshid",
  "twclid",
  "xtor",
  "mc_cid",
  "mc_eid",
  "ref_src",
  "ref_url",
  "_ga",
  "_gl",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "smid",
  "cmpid",
]);
const TRACKING_PREFIXES = ["utm_", "at_"];

// Parameters that only ask for the AMP rendering of the same article.
const AMP_PARAMS = new Map<string, ReadonlySet<string>>([
  ["outputtype", new Set(["amp"])],
  ["amp", new Set(["", "1", "true"])],
]);

/** The article's URL without tracking parameters, AMP variants, fragment and default port; null unless http(s). */
export function canonicalUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    // A base resolves the relative links some feeds carry (xml:base, a site-relative href).
    url = new URL(raw.trim(), base !== undefined && URL.canParse(base) ? base : undefined);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  url.pathname = plainPath(url.pathname);
  url.search = keptQuery(url.search);
  // URL already lowercases scheme and host and drops :80 / :443.
  return url.href;
}

function plainPath(path: string): string {
  const plain = path
    .replace(/\.amp\.html$/i, ".html")
    .replace(/\/amp\/?$/i, "")
    .replace(/\/amp(?=\/)/gi, "")
    .replace(/\/+$/, "");
  return plain === "" ? "/" : plain;
}

/** The query without tracking pairs, sorted; pairs keep their original percent-encoding. */
function keptQuery(search: string): string {
  const pairs = search
    .replace(/^\?/, "")
    .split("&")
    .filter((pair) => pair !== "" && !isTracking(pair));
  return pairs.sort().join("&");
}

function isTracking(pair: string): boolean {
  const [name = "", value = ""] = new URLSearchParams(pair).entries().next().value ?? [];
  const key = name.toLowerCase();
  if (TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((prefix) => key.startsWith(prefix))) return true;
  return AMP_PARAMS.get(key)?.has(value.toLowerCase()) ?? false;
}
