// Language identification for language-drift monitoring: cheap and deterministic. Texts in a
// non-Latin script are named by their script's main language; Latin-script texts by their share
// of each language's most frequent function words. Good enough to notice that a support bot
// started answering in Spanish; not a general-purpose identifier.

/** LANGUAGE_UNDETERMINED is returned when a text is too short or too mixed to call. */
export const LANGUAGE_UNDETERMINED = 'und';

// The most frequent function words of each language (ISO 639-1), words unique to one language
// where possible so that two languages rarely tie.
const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'the',
    'and',
    'is',
    'are',
    'was',
    'of',
    'to',
    'in',
    'that',
    'it',
    'you',
    'for',
    'with',
    'this',
    'have',
    'be',
    'not',
    'your',
    'can',
    'will',
    'would',
    'what',
    'which',
    'there',
    'they',
    'from',
    'at',
    'we',
    'our',
    'has',
  ],
  es: [
    'el',
    'la',
    'los',
    'las',
    'y',
    'es',
    'en',
    'que',
    'de',
    'del',
    'por',
    'para',
    'con',
    'una',
    'un',
    'su',
    'sus',
    'pero',
    'como',
    'más',
    'está',
    'son',
    'usted',
    'puede',
    'hay',
    'muy',
    'también',
    'esta',
    'este',
    'lo',
  ],
  fr: [
    'le',
    'les',
    'et',
    'est',
    'des',
    'du',
    'une',
    'un',
    'que',
    'qui',
    'dans',
    'pour',
    'pas',
    'sur',
    'avec',
    'vous',
    'nous',
    'mais',
    'sont',
    'cette',
    'ce',
    'au',
    'aux',
    'ou',
    'votre',
    'être',
    'il',
    'elle',
    'je',
    'très',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'ein',
    'eine',
    'zu',
    'den',
    'dem',
    'mit',
    'sich',
    'auf',
    'für',
    'sie',
    'ich',
    'wir',
    'auch',
    'es',
    'von',
    'sind',
    'wird',
    'bei',
    'noch',
    'nach',
    'oder',
    'aber',
    'ihr',
    'kann',
  ],
  it: [
    'il',
    'lo',
    'gli',
    'e',
    'è',
    'di',
    'che',
    'non',
    'per',
    'una',
    'della',
    'sono',
    'con',
    'questo',
    'questa',
    'anche',
    'più',
    'come',
    'ma',
    'nel',
    'alla',
    'del',
    'si',
    'ci',
    'suo',
    'loro',
    'essere',
    'ha',
    'molto',
    'può',
  ],
  pt: [
    'o',
    'os',
    'as',
    'e',
    'é',
    'de',
    'do',
    'da',
    'dos',
    'das',
    'que',
    'não',
    'um',
    'uma',
    'para',
    'com',
    'em',
    'no',
    'na',
    'por',
    'mais',
    'como',
    'mas',
    'você',
    'seu',
    'sua',
    'são',
    'está',
    'pode',
    'também',
  ],
  nl: [
    'de',
    'het',
    'een',
    'en',
    'is',
    'van',
    'niet',
    'dat',
    'die',
    'zijn',
    'op',
    'te',
    'met',
    'voor',
    'ook',
    'er',
    'maar',
    'om',
    'bij',
    'nog',
    'wordt',
    'u',
    'uw',
    'kan',
    'naar',
    'dit',
    'wel',
    'geen',
    'hebben',
    'heeft',
  ],
};

const INDEX: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const [lang, words] of Object.entries(STOPWORDS)) {
    for (const w of words) {
      const langs = m.get(w) ?? [];
      langs.push(lang);
      m.set(w, langs);
    }
  }
  return m;
})();

// Scripts whose presence names the language outright (checked in this order: kana before Han).
const SCRIPTS: readonly (readonly [RegExp, string])[] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Thai}/u, 'th'],
];

/**
 * detectLanguage names the language of `text` (ISO 639-1) or returns 'und'. A text whose letters
 * are mostly of one non-Latin script gets that script's language; otherwise each word that is a
 * function word of a language adds 1/(languages sharing it) to that language, and the best
 * language wins when it has at least 2 points and leads the next by at least 1.
 * Example: detectLanguage('The order is on its way and will arrive today') → 'en'.
 */
export function detectLanguage(text: string): string {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return LANGUAGE_UNDETERMINED;
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  if (latin * 2 < letters.length) {
    for (const [re, lang] of SCRIPTS) {
      const count = letters.filter((c) => re.test(c)).length;
      if (count * 2 >= letters.length - latin) return lang;
    }
    return LANGUAGE_UNDETERMINED;
  }
  const scores = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}']+/gu) ?? []) {
    const langs = INDEX.get(word);
    if (langs === undefined) continue;
    for (const l of langs) scores.set(l, (scores.get(l) ?? 0) + 1 / langs.length);
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (ranked.length === 0 || ranked[0][1] < 2) return LANGUAGE_UNDETERMINED;
  if (ranked.length > 1 && ranked[0][1] - ranked[1][1] < 1) return LANGUAGE_UNDETERMINED;
  return ranked[0][0];
}
