import type { Lang } from "../model.js";

// Folded forms (no accents): "según" is "segun", "más" is "mas".
// Words that carry the story are kept even when frequent: "estado" (secretario de Estado), "gobierno",
// "won" (won the Nobel), "us" (the country far more often than the pronoun in this story).
const ES = new Set(
  (
    "a al algo algun alguna algunas alguno algunos alli ahi ahora ante antes aquel aquella aquellas aquello aquellos " +
    "aqui asi aun aunque bajo bien cada casi como con contra cual cuales cualquier cuando cuanto cuanta cuantos " +
    "cuya cuyas cuyo cuyos de del desde despues donde durante e el ella ellas ello ellos en entonces entre era " +
    "eran eres es esa esas ese eso esos esta estaba estaban estan estar estas este esto estos estoy fue fuera " +
    "fueron ha haber habia habian habra han has hasta hay haya hayan he hecho hemos hizo hoy incluso la las le les " +
    "lo los luego mas me mediante mi mientras mis misma mismas mismo mismos mucho muchos muy nada ni ningun " +
    "ninguna ninguno no nos nosotros nuestra nuestras nuestro nuestros nunca o os otra otras otro otros para " +
    "pero poco por porque pues puede pueden pudo que quien quienes se sea sean segun ser sera seran seria si " +
    "sido siempre siendo sin sino sobre solo somos son su sus tal tambien tampoco tan tanto te tendra tenia " +
    "tiene tienen toda todas todavia todo todos tras tu tus tuvo u un una unas uno unos usted ustedes vez via " +
    "y ya yo " +
    // news filler: verbs of saying and connectives that every article carries
    "dijo dice dicen decir dicho dicha afirmo afirma aseguro asegura senalo senala indico indica explico explica " +
    "agrego agrega anadio anade informo informa declaro declara destaco sostuvo manifesto advirtio apunto comento " +
    "expreso subrayo recordo preciso insistio reitero ademas asimismo cabe respecto " +
    "fuentes fuente ayer manana semana lunes martes miercoles jueves viernes sabado domingo"
  ).split(" "),
);

const EN = new Set(
  (
    "a about above after again against ago all almost along already also although always am among amid an and " +
    "another any anyone anything are around as at be became because been before being below between both but by " +
    "can cannot could did do does doing done down during each either else even ever every few for from further " +
    "had has have having he her here hers herself him himself his how however i if in including into is it its " +
    "itself just last least less like made make many may me meanwhile might more most much must my myself near " +
    "neither never no nor not now of off often on once one only onto or other others our ours ourselves out over " +
    "own per perhaps quite rather same several shall she should since so some still such than that the their " +
    "theirs them themselves then there these they this those though through throughout thus to together too " +
    "toward towards under unless until up upon very via was we were what whatever when whenever where whether " +
    "which while who whom whose why will with within without would yet you your yours yourself " +
    // contractions split at the apostrophe ("don't" → "don" + "t")
    "t ll ve re d m don didn doesn isn wasn weren aren hasn haven hadn couldn wouldn shouldn " +
    // news filler
    "said says say saying told tell tells according reported reportedly added adding stated noted explained " +
    "claimed asked spokesperson spokesman spokeswoman statement sources source yesterday today tomorrow week " +
    "mr mrs ms"
  ).split(" "),
);

/** Whether a folded word is a function word or news filler in that language, to be left out of similarity and name finding. */
export function isStopword(folded: string, lang: Lang): boolean {
  return (lang === "es" ? ES : EN).has(folded);
}
