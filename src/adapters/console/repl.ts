import { createInterface } from "node:readline";
import { type Choice, type Hilo, type Lang, messagesFor, type Reply } from "../../digest/index.js";
import { renderReply } from "./render.js";

const CONSOLE_CHAT = { platform: "console", chatId: "local" };

/**
 * The console adapter: prints the digest, then answers commands and questions — with a prompt on a terminal,
 * or line by line from piped input until it ends (`printf '/actor petro\n' | npm start`). With `json`, each reply
 * is one line of JSON (the core's `Reply`) and nothing else is written: no prompt, no hint under a choice.
 */
export async function runConsole(
  hilo: Hilo,
  lang: Lang,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; interactive: boolean; json?: boolean },
): Promise<void> {
  const print = (reply: Reply) => {
    if (io.json) io.output.write(`${JSON.stringify(reply)}\n`);
    else
      io.output.write(
        `${reply.kind === "choices" ? `${renderReply(reply)}\n${messagesFor(lang).choiceByNumber}` : renderReply(reply)}\n\n`,
      );
  };
  hilo.setChatLanguage(CONSOLE_CHAT, lang);
  const first = hilo.answer("/digest 24h", CONSOLE_CHAT, lang);
  if (first) print(first);

  const lines = createInterface({ input: io.input, terminal: false });
  const prompt = () => {
    if (io.interactive && !io.json) io.output.write("hilo> ");
  };
  prompt();
  // The last question asked back: a bare number picks one of its choices, as a button would elsewhere.
  let choices: readonly Choice[] = [];
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "/quit" || line === "/exit") break;
    if (line) {
      const picked = /^\d+$/.test(line) ? choices[Number(line) - 1] : undefined;
      // A line that is neither a command nor a choice's number is a question in the user's own words.
      const reply =
        picked || line.startsWith("/")
          ? hilo.answer(picked?.command ?? line, CONSOLE_CHAT, lang)
          : hilo.ask(line, CONSOLE_CHAT, lang, "private");
      choices = reply?.kind === "choices" ? reply.choices : [];
      if (reply) print(reply);
    }
    prompt();
  }
  lines.close();
}
