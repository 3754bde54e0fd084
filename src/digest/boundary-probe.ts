// Throwaway: a multi-line platform import in the core, which the old line-by-line check let through.
import {
  Bot,
} from "grammy";

export const probe = Bot;
