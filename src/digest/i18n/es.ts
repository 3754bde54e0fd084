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
      "/ask PREGUNTA — pregúntame con tus palabras (p. ej. /ask ¿quién ofrece asilo a Maduro?)",
      "/sources — las fuentes que leo y cómo les va",
      "",
      "/subscribe [HH:MM] [zona] — resumen diario a esa hora (p. ej. /subscribe 08:00 America/Caracas) y alertas",
      "/unsubscribe — dejar de recibirlos · /alerts on|off — alertas de lo nuevo",
      "/quiet 23:00-07:00 — horas sin alertas (/quiet off) · /settings — ver los ajustes · /lang es|en — idioma",
      "/help — esta ayuda",
    ].join("\n"),
  welcome: (story) =>
    `Hola. Soy Hilo y sigo la historia «${story}» en muchos medios, en español e inglés. /subscribe te trae un resumen diario; /help muestra todo lo que sé hacer.`,
  storySoFar: "La historia hasta ahora",
  introduction: (story) =>
    `Hola a todos. Sigo la historia «${story}»: pregúntenme mencionándome (@) o con /search, /actor, /latest. Los administradores pueden suscribir el grupo con /subscribe.`,
  answerTitle: "Esto dicen las noticias:",
  answerUnknown: "Todavía no lo sé: ninguna noticia que leí lo dice.",
  answerNearest: "Lo más cercano que tengo:",
  sourcesOf: (headline) => `Fuentes · ${headline}`,
  moreAbout: (headline) => `Más sobre · ${headline}`,
  unknownDevelopment: "Ese desarrollo ya no está disponible. /latest muestra los recientes.",
  unknownCommand: (name) => `No conozco el comando /${name}. Escribe /help para ver los que hay.`,
  notACommand: "Escribe un comando, por ejemplo /digest o /actor petro. /help muestra todos.",
  askMissing: "¿Qué quieres saber? Ejemplo: /ask ¿quién ofrece asilo a Maduro?",
  questionEmpty: "Hazme una pregunta sobre la historia, por ejemplo: ¿quién ofrece asilo a Maduro?",
  questionTooLong: "Es una pregunta muy larga: resúmela en una o dos frases.",
  unexpectedArgument: (command, argument, example) => `/${command} no lleva «${argument}». Ejemplo: ${example}`,
  internalError: "Algo falló de mi lado al responder. Ya quedó registrado; prueba de nuevo en un momento.",

  digestTitle: (story, date) => `${story} · ${date}`,
  digestHeader: (created, updated, since) =>
    `${plural(created, "nuevo", "nuevos")} · ${plural(updated, "actualizado", "actualizados")} · ${since}`,
  digestEmpty: (since) => `Nada nuevo ${since}.`,
  digestOmitted: (count) => `… y ${plural(count, "desarrollo más", "desarrollos más")}: /latest`,
  sinceLastDigest: (date) => `desde tu último resumen (${date})`,
  sinceHours: (hours) =>
    hours % 24 === 0 && hours > 24 ? `en los últimos ${hours / 24} días` : `en las últimas ${hours} h`,
  badWindow: (argument) =>
    `No entiendo «${argument}» como periodo. Usa horas o días, por ejemplo /digest 24h o /digest 3d.`,
  windowOutOfRange: (argument, maxDays) =>
    `«${argument}» queda fuera de lo que /digest abarca: de 1 hora a ${maxDays} días. Ejemplo: /digest ${maxDays}d`,
  whatIsNew: "Nuevo:",
  alertLabel: "Alerta",
  updateLabel: "Actualización",
  status: { new: "nuevo", growing: "en curso", fading: "sin novedades" },
  publishers: (count, added) =>
    `${plural(count, "medio", "medios")}${added > 0 ? `, ${added === 1 ? "1 nuevo" : `${added} nuevos`} desde el último resumen` : ""}`,

  actorMissing: "Falta el nombre. Ejemplo: /actor petro. /actors muestra la lista.",
  actorUnknown: (query, suggestions) =>
    suggestions.length > 0
      ? `No hay un actor llamado «${query}». ¿Buscabas ${suggestions.join(" o ")}?`
      : `No hay un actor llamado «${query}». /actors muestra los que sigo.`,
  actorAmbiguous: (query) => `«${query}» puede ser más de un actor. ¿Cuál?`,
  choiceByNumber: "Responde con el número de tu elección.",
  actorSince: (date) => `desde ${date}`,
  actorDevelopments: "Últimos desarrollos",
  actorNoDevelopments: "Todavía no aparece en ningún desarrollo.",
  actorSeenWith: (names) => `Aparece con: ${names.join(", ")}`,

  actorsTitle: "Actores que sigo",
  actorsKinds: {
    person: "Personas",
    government: "Gobiernos",
    organisation: "Organizaciones",
    "military-unit": "Unidades militares",
  },
  actorsNewTitle: "Nombres nuevos (aún no están en mi lista)",
  actorsNewEmpty: "No veo nombres nuevos que se repitan en varios medios.",
  discoveredProfile: (articles, publishers) =>
    `Nombrado en ${plural(articles, "informe", "informes")} de ${plural(publishers, "medio", "medios")}. Hilo lo encontró en las noticias; aún no está en el registro de esta historia.`,
  actorsNewNote: (articles, publishers) =>
    `${plural(articles, "artículo", "artículos")}, ${plural(publishers, "medio", "medios")}`,
  actorsBadArgument: (argument) => `/actors solo acepta «new». No entiendo «${argument}». Ejemplo: /actors new`,

  latestTitle: "Lo más reciente",
  nothingYet: "Todavía no tengo noticias de esta historia.",

  timelineTitle: (days, actor) => `Cronología${actor ? ` de ${actor}` : ""} · últimos ${days} días`,
  timelineEmpty: (days, actor) => `Sin desarrollos${actor ? ` de ${actor}` : ""} en los últimos ${days} días.`,
  timelineBadDays: (argument) => `«${argument}» no es un número de días válido (1 a 365). Ejemplo: /timeline maduro 30`,

  subscribed: (time, zone) =>
    `Listo: recibirás el resumen cada día a las ${time} (${zone}) y alertas de lo nuevo. /settings para ver o cambiar.`,
  unsubscribed: "Ya no recibirás resúmenes ni alertas. /subscribe para volver.",
  notSubscribed: (example) => `Este chat no está suscrito. Ejemplo: ${example}`,
  alertsOn: "Alertas activadas: te aviso una vez por cada desarrollo nuevo.",
  alertsOff: "Alertas desactivadas: lo nuevo llegará en el resumen diario.",
  quietSet: (from, to) => `Horas de silencio: de ${from} a ${to}. Lo que surja entonces llegará en el resumen.`,
  quietOff: "Sin horas de silencio.",
  langSet: "Te responderé en español.",
  settingsTitle: "Ajustes de este chat",
  settingsLines: (s) => [
    s.subscribed ? `Resumen diario: ${s.time} (${s.zone})` : "Resumen diario: no suscrito (/subscribe)",
    `Alertas: ${s.alerts ? "sí" : "no"} · máximo ${s.budget} al día`,
    `Horas de silencio: ${s.quiet ?? "ninguna"}`,
    `Idioma: ${s.lang}`,
  ],
  onlyAdmins:
    "Solo los administradores del grupo pueden cambiar sus ajustes. Puedes usar /digest, /latest, /actor o /search.",
  badTime: (argument) =>
    `«${argument}» no es una hora válida. Usa HH:MM de 24 horas, por ejemplo /subscribe 08:00 America/Caracas`,
  badZone: (argument) =>
    `No conozco la zona horaria «${argument}». Usa un nombre IANA, por ejemplo /subscribe 08:00 America/Bogota`,
  badAlerts: (argument) => `/alerts necesita on u off${argument ? `, no «${argument}»` : ""}. Ejemplo: /alerts off`,
  badQuiet: (argument) => `No entiendo «${argument}» como horas de silencio. Ejemplo: /quiet 23:00-07:00 o /quiet off`,
  badLang: (argument) => `Hablo es y en${argument ? `, no «${argument}»` : ""}. Ejemplo: /lang en`,

  searchMissing: "¿Qué busco? Ejemplo: /search asilo",
  searchTitle: (query) => `Resultados para «${query}»`,
  searchEmpty: (query) => `Nada coincide con «${query}». Prueba otra palabra o /latest.`,

  sourcesTitle: "Fuentes",
  sourcesEmpty: "Todavía no leo ninguna fuente.",
  offStory: "fuera de esta historia",
  sourcesState: {
    active: "activa",
    failing: "con fallos",
    disabled: "desactivada (la reintento cada día)",
    quarantined: "en cuarentena (el bot se detuvo al leerla; la reintento sola más tarde)",
  },
  sourcesDetail: (lastSuccess, items) =>
    `última lectura buena: ${lastSuccess ?? "nunca"} · ${plural(items, "artículo", "artículos")}`,
  sourcesLastError: (date, error) => `último error (${date}): ${error}`,
};
