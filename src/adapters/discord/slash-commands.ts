import {
  ChannelType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
  type SlashCommandChannelOption,
  type SlashCommandStringOption,
} from "discord.js";
import { SETTINGS_COMMANDS } from "./to-command.js";

/** A name or description in English (the default) and Spanish. */
type Words = { en: string; es: string };

/** Spanish-speaking Discord clients report one of these locales. */
const SPANISH_LOCALES = ["es-ES", "es-419"] as const;

const spanish = (text: string) => Object.fromEntries(SPANISH_LOCALES.map((locale) => [locale, text]));

/** A command's name and description in both languages; settings commands start hidden from non-managers. */
function command(name: Words, description: Words): SlashCommandBuilder {
  const builder = new SlashCommandBuilder()
    .setName(name.en)
    .setNameLocalizations(spanish(name.es))
    .setDescription(description.en)
    .setDescriptionLocalizations(spanish(description.es));
  // Discord hides these from members without Manage Server; the handler checks again, since admins can change that.
  if (SETTINGS_COMMANDS.has(name.en)) builder.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);
  return builder;
}

function text<T extends SlashCommandStringOption>(option: T, name: Words, description: Words, required = false): T {
  return option
    .setName(name.en)
    .setNameLocalizations(spanish(name.es))
    .setDescription(description.en)
    .setDescriptionLocalizations(spanish(description.es))
    .setRequired(required);
}

/** The channel a settings command is about; the one it is typed in when left out. */
function channel(option: SlashCommandChannelOption): SlashCommandChannelOption {
  return option
    .setName("channel")
    .setNameLocalizations(spanish("canal"))
    .setDescription("The channel (this one if left out)")
    .setDescriptionLocalizations(spanish("El canal (este si no se indica)"))
    .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)
    .setRequired(false);
}

/**
 * Hilo's slash commands, names and descriptions in English and Spanish. Their options are turned back into the
 * core's command line (to-command.ts), so the core checks the values and explains a bad one.
 */
export function slashCommands(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const builders = [
    command(
      { en: "digest", es: "resumen" },
      { en: "What changed in the story", es: "Lo que cambió en la historia" },
    ).addStringOption((o) =>
      text(
        o,
        { en: "window", es: "ventana" },
        { en: "How far back, e.g. 24h or 3d", es: "Cuánto atrás, p. ej. 24h o 3d" },
      ),
    ),
    command(
      { en: "latest", es: "ultimas" },
      { en: "The most recent developments", es: "Los desarrollos más recientes" },
    ),
    command(
      { en: "actor", es: "actor" },
      { en: "Who someone is and where they appear", es: "Quién es y en qué aparece" },
    ).addStringOption((o) =>
      text(
        o,
        { en: "name", es: "nombre" },
        { en: "A person, government or organisation", es: "Una persona, gobierno u organización" },
        true,
      ).setAutocomplete(true),
    ),
    command(
      { en: "actors", es: "actores" },
      { en: "The actors Hilo follows", es: "Los actores que sigo" },
    ).addBooleanOption((o) =>
      o
        .setName("new")
        .setNameLocalizations(spanish("nuevos"))
        .setDescription("Only names the news started using lately")
        .setDescriptionLocalizations(spanish("Solo nombres que las noticias empezaron a usar hace poco")),
    ),
    command({ en: "timeline", es: "cronologia" }, { en: "The story day by day", es: "La historia día a día" })
      .addStringOption((o) =>
        text(
          o,
          { en: "actor", es: "actor" },
          { en: "Only developments with this actor", es: "Solo desarrollos con este actor" },
        ).setAutocomplete(true),
      )
      .addIntegerOption((o) =>
        o
          .setName("days")
          .setNameLocalizations(spanish("dias"))
          .setDescription("How many days back (30 if left out)")
          .setDescriptionLocalizations(spanish("Cuántos días atrás (30 si no se indica)"))
          .setMinValue(1)
          .setMaxValue(365),
      ),
    command({ en: "search", es: "buscar" }, { en: "Search the reports", es: "Buscar en las noticias" }).addStringOption(
      (o) =>
        text(
          o,
          { en: "query", es: "consulta" },
          { en: "Words to look for, e.g. asylum", es: "Palabras a buscar, p. ej. asilo" },
          true,
        ).setMaxLength(200),
    ),
    command(
      { en: "ask", es: "preguntar" },
      { en: "Ask about the story in your own words", es: "Pregunta sobre la historia con tus palabras" },
    ).addStringOption((o) =>
      text(
        o,
        { en: "text", es: "texto" },
        {
          en: "Your question, e.g. who is offering Maduro asylum?",
          es: "Tu pregunta, p. ej. ¿quién ofrece asilo a Maduro?",
        },
        true,
      ),
    ),
    command(
      { en: "sources", es: "fuentes" },
      { en: "The feeds Hilo reads and how they are doing", es: "Las fuentes que leo y cómo van" },
    ),
    command({ en: "help", es: "ayuda" }, { en: "Everything Hilo can do", es: "Todo lo que sé hacer" }),
    command(
      { en: "subscribe", es: "suscribir" },
      { en: "Daily digest and alerts in a channel", es: "Resumen diario y alertas en un canal" },
    )
      .addChannelOption(channel)
      .addStringOption((o) =>
        text(
          o,
          { en: "time", es: "hora" },
          { en: "Local time of the digest, e.g. 08:00", es: "Hora local del resumen, p. ej. 08:00" },
        ).setMaxLength(5),
      )
      .addStringOption((o) =>
        text(
          o,
          { en: "timezone", es: "zona" },
          { en: "Time zone, e.g. America/Caracas", es: "Zona horaria, p. ej. America/Caracas" },
        ).setAutocomplete(true),
      ),
    command(
      { en: "unsubscribe", es: "desuscribir" },
      { en: "Stop the digest and alerts in a channel", es: "Dejar de enviar resumen y alertas a un canal" },
    ).addChannelOption(channel),
    command({ en: "alerts", es: "alertas" }, { en: "Alerts on or off", es: "Alertas sí o no" })
      .addStringOption((o) =>
        text(o, { en: "state", es: "estado" }, { en: "On or off", es: "Sí o no" }, true).addChoices(
          { name: "on", name_localizations: spanish("sí"), value: "on" },
          { name: "off", name_localizations: spanish("no"), value: "off" },
        ),
      )
      .addChannelOption(channel),
    command({ en: "quiet", es: "silencio" }, { en: "Hours without alerts", es: "Horas sin alertas" })
      .addStringOption((o) =>
        text(
          o,
          { en: "hours", es: "horas" },
          { en: "e.g. 23:00-07:00, or off", es: "p. ej. 23:00-07:00, u off" },
          true,
        ).setMaxLength(20),
      )
      .addChannelOption(channel),
    command(
      { en: "settings", es: "ajustes" },
      { en: "A channel's digest and alert settings", es: "Los ajustes de resumen y alertas de un canal" },
    ).addChannelOption(channel),
    command({ en: "lang", es: "idioma" }, { en: "The language Hilo answers in", es: "El idioma en que respondo" })
      .addStringOption((o) =>
        text(
          o,
          { en: "language", es: "idioma" },
          { en: "Spanish or English", es: "Español o inglés" },
          true,
        ).addChoices(
          { name: "English", name_localizations: spanish("inglés"), value: "en" },
          { name: "Spanish", name_localizations: spanish("español"), value: "es" },
        ),
      )
      .addChannelOption(channel),
  ];
  return builders.map((builder) => builder.toJSON());
}
