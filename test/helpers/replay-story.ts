import type { TestItem } from "./write-feed.js";

/**
 * A small week of the Venezuela story in two outlets, using the story pack's names so alerts qualify (two publishers
 * and tracked actors): Lukashenko's offer reported 30 minutes apart, a rewrite the next day, a tanker seized a week
 * later, and beside it an oil-output report that is off the story (it names nothing the story is about).
 */
export const WIRE: readonly TestItem[] = [
  {
    id: "wire-oil",
    title: "PDVSA says Venezuela's crude output reached 1.1 million barrels a day",
    text: "Venezuela's state oil company PDVSA said crude production rose to 1.1 million barrels a day in October, crediting its joint ventures with Chevron.",
    at: "2025-12-16T15:00:00Z",
  },
  {
    id: "wire-tanker",
    title: "US forces seize a crude tanker off Venezuela's coast",
    text: "US forces boarded and seized an oil tanker off the coast of Venezuela on Tuesday, officials said, in the latest move against Maduro's government.",
    at: "2025-12-16T13:00:00Z",
  },
  {
    id: "wire-belarus-rewrite",
    title: "Lukashenko repeats that Maduro will always be welcome in Belarus",
    text: "Alexander Lukashenko again said Nicolás Maduro would be welcome in Belarus, a day after meeting Venezuela's ambassador in Minsk and offering him refuge.",
    at: "2025-12-10T16:00:00Z",
  },
  {
    id: "wire-belarus",
    title: "Lukashenko says Maduro will always be welcome in Belarus",
    text: "Belarus's leader Alexander Lukashenko met Venezuela's ambassador in Minsk and said Nicolás Maduro would always be welcome in Belarus, offering him refuge.",
    at: "2025-12-09T14:00:00Z",
  },
];

export const LEDGER: readonly TestItem[] = [
  {
    id: "ledger-oil",
    title: "Venezuela's oil output climbs to 1.1 million barrels a day, PDVSA says",
    text: "PDVSA, Venezuela's state oil company, said crude production reached 1.1 million barrels a day in October thanks to its joint ventures with Chevron.",
    at: "2025-12-16T15:30:00Z",
  },
  {
    id: "ledger-tanker",
    title: "American forces board and seize an oil tanker near Venezuela",
    text: "American forces boarded an oil tanker near Venezuela and seized it on Tuesday, the officials said, raising the pressure on Maduro.",
    at: "2025-12-16T13:30:00Z",
  },
  {
    id: "ledger-belarus",
    title: "Lukashenko offers Maduro refuge: he will always be welcome in Belarus",
    text: "Alexander Lukashenko told Venezuela's ambassador in Minsk that Nicolás Maduro would always be welcome in Belarus and offered him refuge.",
    at: "2025-12-09T14:30:00Z",
  },
];
