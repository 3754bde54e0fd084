import { describe, expect, it } from "vitest";
import type { ArticleSource } from "../../../src/digest/store/article-store.js";
import { linksNewestFirst, sourceLinks } from "../../../src/digest/summaries/source-links.js";

const report = (publisher: string, hour: number, extra: Partial<ArticleSource> = {}): ArticleSource => ({
  publisher,
  title: `${publisher} at ${hour}`,
  url: `https://${publisher}.example/${hour}`,
  publishedAt: hour * 3_600_000,
  copyOf: null,
  ...extra,
});

describe("a development's source links", () => {
  const reports = [
    report("a", 1),
    report("b", 5, { copyOf: "x" }),
    report("c", 4, { url: "ftp://c.example/4" }),
    report("a", 6),
    report("d", 3),
    report("e", 2),
  ];

  it("are the newest report of each outlet, never a copy or a link that is not a web page", () => {
    expect(sourceLinks(reports, 3).map((link) => link.title)).toEqual(["a at 6", "d at 3", "e at 2"]);
  });

  it("read from newest-first reports only until they are found", () => {
    const pulled: string[] = [];
    function* newestFirst() {
      for (const r of [...reports].sort((x, y) => y.publishedAt - x.publishedAt)) {
        pulled.push(r.title);
        yield r;
      }
    }
    expect(linksNewestFirst(newestFirst(), 2).map((link) => link.title)).toEqual(["a at 6", "d at 3"]);
    // a at 6, b (a copy), c (not web), d: the two links are found at the fourth report; e and the older a are not read.
    expect(pulled).toEqual(["a at 6", "b at 5", "c at 4", "d at 3"]);
    expect(linksNewestFirst(newestFirst(), 0)).toEqual([]);
  });
});
