import { createInterface } from "node:readline";
import type { Hilo, Lang } from "../../digest/index.js";
import { renderReply } from "./render.js";

const CONSOLE_CHAT = { platform: "console", chatId: "local" };

/**
 * The console adapter: prints the digest, then answers commands — with a prompt on a terminal,
 * or line by line from piped input until it ends (`printf '/actor petro\n' | npm start`).
 */
export async function runConsole(
  hilo: Hilo,
  lang: Lang,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; interactive: boolean },
): Promise<void> {
  const print = (text: string) => io.output.write(`${text}\n\n`);
  hilo.setChatLanguage(CONSOLE_CHAT, lang);
  const first = hilo.answer("/digest 24h", CONSOLE_CHAT, lang);
  if (first) print(renderReply(first));

  const lines = createInterface({ input: io.input, terminal: false });
  const prompt = () => {
    if (io.interactive) io.output.write("hilo> ");
  };
  prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "/quit" || line === "/exit") break;
    if (line) {
      const reply = hilo.answer(line, CONSOLE_CHAT, lang);
      if (reply) print(renderReply(reply));
    }
    prompt();
  }
  lines.close();
}
