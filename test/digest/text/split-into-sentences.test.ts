import { describe, expect, it } from "vitest";
import { splitIntoSentences } from "../../../src/digest/text/split-into-sentences.js";

describe("splitIntoSentences", () => {
  it("ends sentences at full stops, question and exclamation marks", () => {
    expect(splitIntoSentences("The port reopened. Was it safe? Nobody knew! Ships waited.")).toEqual([
      "The port reopened.",
      "Was it safe?",
      "Nobody knew!",
      "Ships waited.",
    ]);
  });

  it("does not end a sentence after a title, an initial or a dotted acronym before a name", () => {
    expect(splitIntoSentences("Gen. Ana Ruiz met George W. Bush in the U.S. Senate on Jan. 5. Then she left.")).toEqual(
      ["Gen. Ana Ruiz met George W. Bush in the U.S. Senate on Jan. 5.", "Then she left."],
    );
  });

  it("keeps closing quotes with their sentence and opens one at Spanish marks", () => {
    expect(splitIntoSentences('"We will stay." ¿Y ahora? El Sr. Pérez calló.')).toEqual([
      '"We will stay."',
      "¿Y ahora?",
      "El Sr. Pérez calló.",
    ]);
  });

  it("does not split before a lowercase word", () => {
    expect(splitIntoSentences("It cost 3.5 million vs. a year ago. prices rose.")).toEqual([
      "It cost 3.5 million vs. a year ago. prices rose.",
    ]);
  });
});
