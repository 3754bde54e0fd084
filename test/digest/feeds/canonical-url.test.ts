import { describe, expect, it } from "vitest";
import { canonicalUrl } from "../../../src/digest/feeds/canonical-url.js";

describe("canonicalUrl", () => {
  it.each([
    [
      "lowercases scheme and host",
      "HTTPS://News.Example.COM/Politica/Story",
      "https://news.example.com/Politica/Story",
    ],
    ["drops the default port", "http://example.com:80/a", "http://example.com/a"],
    ["keeps a non-default port", "https://example.com:8443/a", "https://example.com:8443/a"],
    ["drops the fragment", "https://example.com/a#comments", "https://example.com/a"],
    [
      "drops utm_ parameters",
      "https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x",
      "https://example.com/a",
    ],
    ["drops click ids", "https://example.com/a?fbclid=abc&gclid=def&id=7", "https://example.com/a?id=7"],
    [
      "drops xtor, mc_cid, mc_eid and ref_src",
      "https://example.com/a?xtor=RSS-1&mc_cid=1&mc_eid=2&ref_src=twsrc",
      "https://example.com/a",
    ],
    [
      "drops outputType=amp and amp=1",
      "https://example.com/a?outputType=amp&amp=1&page=2",
      "https://example.com/a?page=2",
    ],
    [
      "sorts the parameters that remain",
      "https://example.com/search?q=venezuela&b=2&a=1",
      "https://example.com/search?a=1&b=2&q=venezuela",
    ],
    [
      "keeps the original encoding of kept parameters",
      "https://example.com/s?q=caf%C3%A9+con+leche",
      "https://example.com/s?q=caf%C3%A9+con+leche",
    ],
    ["strips a trailing /amp", "https://example.com/2025/12/story/amp", "https://example.com/2025/12/story"],
    ["strips an /amp/ segment", "https://example.com/amp/2025/12/story/", "https://example.com/2025/12/story"],
    ["turns .amp.html into .html", "https://example.com/story.amp.html", "https://example.com/story.html"],
    ["strips a trailing slash", "https://example.com/politica/", "https://example.com/politica"],
    ["keeps the root slash", "https://example.com/", "https://example.com/"],
  ])("%s", (_case, raw, expected) => {
    expect(canonicalUrl(raw)).toBe(expected);
  });

  it.each([["ftp://example.com/file"], ["javascript:alert(1)"], ["mailto:news@example.com"], ["not a url"], [""]])(
    "returns null for %j",
    (raw) => {
      expect(canonicalUrl(raw)).toBeNull();
    },
  );

  it("resolves a relative link against a base", () => {
    expect(canonicalUrl("/2025/12/story?utm_source=x", "https://news.example.com/feed.xml")).toBe(
      "https://news.example.com/2025/12/story",
    );
  });

  it("ignores a base that is not a URL", () => {
    expect(canonicalUrl("https://example.com/a", "my-feed")).toBe("https://example.com/a");
  });

  it("gives tracking and AMP variants of one article the same URL", () => {
    const variants = [
      "https://News.example.com/2025/12/story/amp/?utm_source=twitter#top",
      "https://news.example.com/2025/12/story?fbclid=xyz",
      "https://news.example.com/2025/12/story/",
    ];
    expect(new Set(variants.map((url) => canonicalUrl(url))).size).toBe(1);
  });
});
