import type { Messages } from "./messages.js";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const es: Messages = {
  locale: "es-ES",
  help: (story) =>
    [
      `Sigo la historia «${story}»: agrupo las noticias de muchos medios en desarrollos y te cuento qué cambió.`,
      "",
      "/digest [24h|3d] — resumen desde tu último resumen (o de las últimas 24 h)",
      "/latest — los desarrollos más recientes",
      "/actor NOMBRE — quién es y en qué aparece (p. ej. /actor petro)",
      "/actors — actores que sigo · /actors new — nombres nuevos que aparecen",
      "/timeline [actor] [días] — cronología (p. ej. /timeline maduro 30)",
      "/search TEXTO — buscar en los desarrollos (p. ej. /search asilo)",
      "/help — esta ayuda",
    ].join("\n"),
  unknownCommand: (name) => `No conozco el comando /${name}. Escribe /help para ver los que hay.`,
  notACommand: "Escribe un comando, por ejemplo /digest o /actor petro. /help muestra todos.",
  unexpectedArgument: (command, argument, example) =>
    `/${command} no lleva «${argument}». Ejemplo: ${example}`,
  internalError: "Algo falló de mi lado al responder. Ya quedó registrado; prueba de nuevo en un momento.",

  digestTitle: (story, date) => `${story} · ${date}`,
  digestHeader: (created, updated, since) =>
    `${plural(created, "nuevo", "nuevos")} · ${plural(updated, "actualizado", "actualizados")} · ${since}`,
  digestEmpty: (since) => `Nada nuevo ${since}.`,
  digestOmitted: (count) => `… y ${plural(count, "desarrollo más", "desarrollos más")}: /latest`,
  sinceLastDigest: (date) => `desde tu último resumen (${date})`,
  sinceHours: (hours) => (hours % 24 === 0 && hours > 24 ? `en los últimos ${hours / 24} días` : `en las últimas ${hours} h`),
  badWindow: (argument) => `No entiendo «${argument}» como periodo. Usa horas o días, por ejemplo /digest 24h o /digest 3d.`,
  whatIsNew: "Nuevo:",
  status: { new: "nuevo", growing: "en curso", fading: "sin novedades" },
  publishers: (count, added) => `${plural(count, "medio", "medios")}${added > 0 ? ` (+${added})` : ""}`,

  actorMissing: "Falta el nombre. Ejemplo: /actor petro. /actors muestra la lista.",
  actorUnknown: (query, suggestions) =>
    suggestions.length > 0
      ? `No hay un actor llamado «${query}». ¿Buscabas ${suggestions.join(" o ")}?`
      : `No hay un actor llamado «${query}». /actors muestra los que sigo.`,
  actorAmbiguous: (query, names) => `«${query}» puede ser ${names.join(", ")}. Escribe un poco más del nombre.`,
  actorSince: (date) => `desde ${date}`,
  actorDevelopments: "Últimos desarrollos",
  actorNoDevelopments: "Todavía no aparece en ningún desarrollo.",
  actorSeenWith: (names) => `Aparece con: ${names.join(", ")}`,

  actorsTitle: "Actores que sigo",
  actorsKinds: { person: "Personas", government: "Gobiernos", organisation: "Organizaciones", "military-unit": "Unidades militares" },
  actorsNewTitle: "Nombres nuevos (aún no están en mi lista)",
  actorsNewEmpty: "No veo nombres nuevos que se repitan en varios medios.",
  actorsNewLine: (name, articles, publishers) => `${name} — ${plural(articles, "artículo", "artículos")}, ${plural(publishers, "medio", "medios")}`,
  actorsBadArgument: (argument) => `/actors solo acepta «new». No entiendo «${argument}». Ejemplo: /actors new`,

  latestTitle: "Lo más reciente",
  nothingYet: "Todavía no tengo noticias de esta historia.",

  timelineTitle: (days, actor) => `Cronología${actor ? ` de ${actor}` : ""} · últimos ${days} días`,
  timelineEmpty: (days, actor) => `Sin desarrollos${actor ? ` de ${actor}` : ""} en los últimos ${days} días.`,
  timelineBadDays: (argument) =>
    `«${argument}» no es un número de días válido (1 a 365). Ejemplo: /timeline maduro 30`,

  searchMissing: "¿Qué busco? Ejemplo: /search asilo",
  searchTitle: (query) => `Resultados para «${query}»`,
  searchEmpty: (query) => `Nada coincide con «${query}». Prueba otra palabra o /latest.`,
};
