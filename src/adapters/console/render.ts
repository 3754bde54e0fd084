import type {
  ActorGroup,
  AnswerView,
  DevelopmentLine,
  DigestView,
  Reply,
  ReportsView,
  SourceLink,
} from "../../digest/index.js";

/** Plain text for a terminal: the same content the chat adapters show, laid out in lines. */
export function renderReply(reply: Reply): string {
  switch (reply.kind) {
    case "digest":
      return renderDigest(reply.digest);
    case "actor": {
      const { actor } = reply;
      return [
        actor.role ? `${actor.name} — ${actor.role}` : actor.name,
        actor.profile,
        "",
        actor.developmentsTitle,
        ...(actor.emptyNote ? [actor.emptyNote] : actor.developments.map(renderLine)),
        ...(actor.seenWith ? ["", actor.seenWith] : []),
      ].join("\n");
    }
    case "alert": {
      const { alert } = reply;
      return [
        `⚡ ${alert.label}: ${alert.headline}`,
        ...(alert.summary ? [alert.summary] : []),
        ...(alert.whatIsNew ? [`→ ${alert.whatIsNew}`] : []),
        [alert.publishersLabel, alert.actors.join(", ")].filter(Boolean).join(" · "),
        ...linkLines(alert.links),
      ].join("\n");
    }
    case "developments":
      return [...(reply.intro ? [reply.intro, ""] : []), reply.title, ...reply.lines.map(renderLine)].join("\n");
    case "feeds":
      return [
        reply.title,
        ...(reply.empty ? [reply.empty] : []),
        ...reply.feeds.flatMap((feed) => [
          `· ${feed.publisher} — ${feed.stateLabel} · ${feed.detail}`,
          ...(feed.error ? [`  ${feed.error}`] : []),
        ]),
      ].join("\n");
    case "actors":
      return renderActors(reply.title, reply.empty, reply.groups);
    case "answer":
      return renderAnswer(reply.answer);
    case "reports":
      return renderReports(reply.reports);
    case "text":
      return [...(reply.title ? [reply.title] : []), ...reply.lines].join("\n");
    case "choices":
      return [reply.question, ...reply.choices.map((choice, i) => `${i + 1}. ${choice.label}`)].join("\n");
    case "error":
      return reply.text;
  }
}

/** Each group under its title, an actor a line: name, role or counts, and the command that tells more. */
function renderActors(title: string, empty: string | undefined, groups: readonly ActorGroup[]): string {
  const out = [title, ...(empty ? [empty] : [])];
  for (const group of groups) {
    if (group.title) out.push("", `${group.title}:`);
    for (const actor of group.actors) {
      out.push(`· ${[actor.name, actor.role, actor.note].filter(Boolean).join(" — ")}  ${actor.command}`);
    }
  }
  return out.join("\n");
}

function renderDigest(digest: DigestView): string {
  const out = [`🧵 ${digest.title}`, digest.header];
  for (const item of digest.items) {
    out.push("", `${item.isNew ? "🆕" : "🔄"} ${item.headline}`);
    if (item.summary) out.push(item.summary);
    if (item.whatIsNew) out.push(`→ ${item.whatIsNew}`);
    out.push([item.publishersLabel, item.actors.join(", ")].filter(Boolean).join(" · "));
    out.push(...linkLines(item.links));
  }
  if (digest.omitted) out.push("", digest.omitted);
  return out.join("\n");
}

/** The title, the longer summary when there is one, then each report with its address below it. */
function renderReports(view: ReportsView): string {
  const out = [view.title, ...(view.summary ? [view.summary, ""] : [])];
  for (const report of view.reports) {
    out.push(`· ${report.date}  ${report.publisher}: ${report.title}`, ...(report.url ? [`    ${report.url}`] : []));
  }
  return out.join("\n");
}

/** Each sentence with its outlet and date, its link below; or "not yet" and the nearest developments. */
function renderAnswer(answer: AnswerView): string {
  const out = [answer.title];
  for (const sentence of answer.sentences) {
    out.push(
      `· ${[sentence.languageTag, sentence.text].filter(Boolean).join(" ")} — ${sentence.publisher}, ${sentence.date}`,
      `    ${sentence.url}`,
    );
  }
  if (answer.nearestTitle) out.push("", answer.nearestTitle, ...answer.nearest.map(renderLine));
  return out.join("\n");
}

function renderLine(line: DevelopmentLine): string {
  const head = `· ${line.date}  ${line.headline} (${[line.publishersLabel, line.statusLabel, line.offStory].filter(Boolean).join(" · ")})`;
  return [head, ...linkLines(line.links).map((text) => `  ${text}`)].join("\n");
}

/**
 * A terminal shows addresses in full, so an item gets one: its outlets by name, then the first report's link; the
 * rest are a /sources away, as behind the Sources button of a chat.
 */
function linkLines(links: readonly SourceLink[]): string[] {
  const [first] = links;
  if (!first) return [];
  return [`  ${links.map((link) => link.publisher).join(" · ")}`, `  ${first.url}`];
}
