/** What `hilo` with no or a wrong subcommand prints. */
export const USAGE = `usage:
  hilo ingest FILE|URL…                    read feed files or URLs into the database
  hilo digest [--since 24h] [--lang es|en] [--json]
  hilo ask "<command or question>" [--json] [--lang es|en]
                                           answer one command ("/actor petro") or question, as the console does
  hilo replay FEED… [--from ISO] [--to ISO] [--subscribe HH:MM ZONE] [--json]
                                           what a subscribed chat would have been sent, on a virtual clock
  hilo cluster [--with-pack] < FILE.jsonl  one {id,title,text,lang?,published?,publisher?,split?} per line → {id,development}
  hilo eval --dataset FILE.jsonl           pairwise and B-cubed P/R/F1 against the "cluster" field
  hilo eval --story DIR [--json]           a labelled story folder end to end with the pack of HILO_STORY_DIR
  hilo eval --all [DIR] [--json]           every measurement on the public evaluation data (DIR: ../shared/eval)
  hilo eval --demo                         developments and actors on the bundled demo labels
  hilo discord-register [--guild ID]       publish the slash commands (one server at once, or global)`;
