import { createInterface } from "node:readline";
import { messagesFor, type Choice, type Hilo, type Lang } from "../../digest/index.js";
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
  // The last question asked back: a bare number picks one of its choices, as a button would elsewhere.
  let choices: readonly Choice[] = [];
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "/quit" || line === "/exit") break;
    if (line) {
      const picked = /^\d+$/.test(line) ? choices[Number(line) - 1] : undefined;
      const reply = hilo.answer(picked?.command ?? line, CONSOLE_CHAT, lang);
      choices = reply?.kind === "choices" ? reply.choices : [];
      if (reply) print(reply.kind === "choices" ? `${renderReply(reply)}\n${messagesFor(lang).choiceByNumber}` : renderReply(reply));
    }
    prompt();
  }
  lines.close();
}
