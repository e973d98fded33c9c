"""What the name recogniser knows about English: titles and ranks, offices, demonyms, the head
words of bodies and places, and the shapes of names, date lines and citations.

Word lists and patterns only; :mod:`tei.entities` applies them.  Every list is general English
usage (no text's own names): ``Sir``, ``General``, ``Duke of``; ``French``, ``Turks``; ``Party``,
``River``; ``Treaty of``.  Places the open data lacks are in ``tei/data/historic-places.tsv``.
"""

from __future__ import annotations

import re

_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Messrs|Mme|Mmes|Mlle|Dr|M)"
#: abbreviated ranks: only these take a full stop in a cue (``Gen. Pershing``, not ``Emperor. That``).
_RANK_ABBR = r"(?:Prof|Gen|Lt|Maj|Col|Capt|Adm|Rev|Rep|Sen|Brig|Lieut|Sgt|Cpl|Pvt|Hon|Gov|Supt|Cmdr|Comdr)"
RANK = (r"(?:Sir|Lord|Lady|Dame|Prof|Professor|General|Gen|Lt|Lieutenant|Maj|Major|Col|Colonel|Capt|"
        r"Captain|Admiral|Adm|Marshal|Field Marshal|Commander|Emir|Amir|Shah|Sultan|Baron|Baroness|Count|"
        r"Countess|Prince|Princess|King|Queen|Emperor|Tsar|Czar|Kaiser|Duke|Earl|Marquis|Ambassador|"
        r"President|Premier|Senator|Governor|Consul|Chancellor|Father|Bishop|Archbishop|Pope|Rabbi|"
        r"Sheikh|Mirza|Ayatollah|Monsieur|Herr|Comrade|Cardinal|Rev|Reverend|Secretary|Representative|"
        r"Rep|Sen|Speaker|Judge|Justice|Mayor|Commodore|Brigadier|Lieut|Sergeant|Sgt|Corporal|Cpl|Hon|"
        r"Honorable|Honourable|Gov|Supt|Cmdr|Comdr|"
        r"Private|Pvt|Viscount|Viscountess|Marquess|Archduke|Grand Duke|Duchess|Dauphin|Infanta|Khedive|"
        r"Maharaja|Maharajah|Raja|Rajah|Nawab|Mullah|Imam|Patriarch|Metropolitan|Hetman|Ataman|Marshal|"
        r"Citizen|Citoyen|Vice|Rear|Sheriff|Constable|Alderman|Councillor|Councilor)")
#: a ruler's number after the name (``Henry VIII``, ``Elizabeth I,``): a lone "I" only before punctuation or "of".
REGNAL_RE = re.compile(r"[ \n](?:(?:X{0,2}(?:IX|IV|V?I{1,3}|V)|XX?X?)(?=[\s,.;:)’']|$)(?<! I)|I(?=[,.;:)’']| of\b))"
                       r"(?!\.\s?[A-Z]\.)(?!\.[A-Z])")     # not initials: "Joseph I.C. Clarke"
#: words numbered with Roman numerals that are not rulers (``Part II``, ``Volume IV``).
NUMBERED_PARTS = frozenset({"part", "pt", "volume", "vol", "book", "chapter", "chap", "ch", "section", "sec", "article",
                            "art", "act", "scene", "appendix", "annex", "table", "figure", "fig", "plate", "map",
                            "class", "phase", "stage", "schedule", "title", "number", "no", "type", "mark", "group",
                            "series", "period", "dynasty", "form", "level", "grade", "year", "canto", "psalm", "item",
                            "division", "corps", "army", "page", "tome", "rule", "clause", "paragraph", "point",
                            "case", "exhibit", "session", "document", "doc", "round", "war", "world", "edition",
                            "supplement", "note", "list", "plan", "tab", "abb", "bd", "teil", "band", "livre"})
#: an epithet that belongs to a ruler's name (``Frederick the Great``, ``William the Conqueror``).
EPITHET_RE = re.compile(r"[ \n]the[ \n](?:Great|Elder|Younger|Conqueror|Bold|Fair|Pious|Magnificent|Lionheart|Terrible|"
                        r"Confessor|Good|Wise|Fat|Bald|Short|Lion|Navigator|Unready|Just|Hammer|Apostate|Saint)\b")
#: "the Tartar", "the Lame" after a name: an epithet (a capitalised word no other name follows).
PEOPLE_EPITHET_RE = re.compile(r"[ \n]the[ \n]([A-Z][a-z]+)\b(?![ \n][A-Z])")
#: a ship's name follows its kind (``the steamer Thordis``): ships are not annotated.
SHIP_BEFORE_RE = re.compile(r"\b(?:steamer|steamship|ship|vessel|schooner|brig|barque|bark|cruiser|battleship|"
                            r"dreadnought|destroyer|gunboat|liner|yacht|frigate|sloop|transport|submarine|"
                            r"warship|tug|packet|S\.S\.|H\.M\.S\.|U\.S\.S\.)\s+$")
#: a title held of a place: the bearer is a person (``the Duke of Norfolk``, ``Archbishop of Canterbury``).
PEER_RE = re.compile(r"\b(?:Grand Duke|Duke|Duchess|Earl|Countess|Count|Marquess|Marquis|Viscount|Baron|Baroness|"
                     r"Prince|Princess|Archbishop|Bishop|Cardinal|Elector|Margrave|Landgrave|Archduke|Dauphin|Lord)"
                     r" of (?:the )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?")
#: offices and title words: a form made only of these names nobody (``Lord Chancellor``, ``Kaiser``).
OFFICE_WORDS = frozenset({"chancellor", "protector", "mayor", "chamberlain", "treasurer", "keeper", "justice",
                          "chief", "privy", "seal", "minister", "secretary", "president", "prime", "foreign",
                          "general", "staff", "admiral", "high", "commissioner", "lieutenant", "governor",
                          "emperor", "empress", "king", "queen", "kaiser", "tsar", "czar", "pope", "sultan",
                          "shah", "emir", "pasha", "sir", "lord", "lady", "mr", "mrs", "ms", "mme",
                          "mlle", "miss", "dr", "m", "messrs", "vice", "deputy", "assistant", "attorney",
                          "speaker", "senator", "colonel", "captain", "major", "commander", "marshal", "field",
                          "attaché", "attache", "financial", "military", "naval", "commercial", "counselor",
                          "counsellor", "consul", "ambassador", "envoy", "chargé", "charge", "delegate",
                          "representative", "agent", "plenipotentiary", "extraordinary", "affaires", "d'affaires",
                          "majesty", "highness", "excellency", "lordship", "holiness", "grace", "comptroller",
                          "controller", "superintendent", "director", "inspector", "prefect", "viceroy", "taotai",
                          "magistrate", "sheriff", "chamberlain", "steward", "his", "her",
                          # a ruler's or official's title used as a name for him (``the Tycoon``, ``the Khedive``)
                          "tycoon", "mikado", "shogun", "taikun", "daimio", "daimyo", "negus", "nizam", "peshwa",
                          "khedive", "caliph", "khalif", "vizier", "sirdar", "dey", "bey", "rajah", "raja",
                          "maharaja", "maharajah", "nawab", "amir", "begum", "rani", "ranee", "sultana", "czarina",
                          "tsarina", "tsarevich", "czarevitch", "dauphin", "infanta", "archduke", "regent",
                          "hetman", "voivode", "hospodar", "satrap", "pharaoh", "doge", "stadtholder",
                          "adjutant", "quartermaster", "paymaster", "provost", "advocate", "judge", "surgeon",
                          "madam", "madame", "monsieur", "mademoiselle", "herr", "frau", "signor", "signora",
                          "senor", "senora", "dom", "don"})
NAME_WORD = r"[A-Z](?:[^\W\d_]|['’-](?=[^\W\d_]))*[a-z]"
PARTICLE = r"(?:von|van|de|der|den|al|el|ibn|bin|du|la|le|di|da)"
_SAINT = r"St\.(?:-| )?(?=[A-Z])"               # "General St. Julien", "Count St.-Julien"
_NAME_SEQ = (rf"(?:(?:[A-Z]\. ?)+|{PARTICLE} |{_SAINT})*{NAME_WORD}"
             rf"(?: (?:(?:[A-Z]\. ?)+|{PARTICLE} |[dl]['’](?=[A-Z])|{_SAINT})*{NAME_WORD})*")
RANK_RE = re.compile(rf"\b{RANK}\.?$")
HONORIFIC_RE = re.compile(rf"{_HONORIFIC}\.?[ \n]")
#: titles and ranks, then capitalised name words: a person (honorifics are cues, not part of the name).
_NAME_SEQ_NL = _NAME_SEQ.replace(" ", "[ \n]")      # the same, broken over a line
#: after a title, a surname may be set in capitals (``Mr. J. H. BRAND WESSELS`` in a debate's record).
_CUE_NAME_SEQ = _NAME_SEQ_NL.replace(NAME_WORD, rf"(?:{NAME_WORD}|[A-Z]{{2,}}(?:['’-][A-Z]+)*\b)")
CUE_RE = re.compile(rf"\b(?:(?:{RANK}|{_RANK_ABBR}\.|{_HONORIFIC}\.?)(?:[ \n]|-(?=[A-Z])))+{_CUE_NAME_SEQ}")
POST_TITLE_RE = re.compile(r" (?:Pasha|Shah|Khan|Bey|Effendi|Sultan|Aga|Agha)\b")
#: "the Chargé in Great Britain (Laughlin)": a person's name in brackets after an office.
OFFICE_RE = re.compile(rf"\b(?:Secretary|Ambassador|Minister|Chargé|Charge|Consul|Counselor|Counsellor|Attaché|"
                       rf"Commissioner|Representative|Delegate|Chairman|President|Governor|Director|Envoy)\b"
                       rf"(?:(?![.!?]\s)[^()\n]){{0,60}}\((?P<n>{_NAME_SEQ})\)")
#: "Nekrasov, Vice President without portfolio": a name, then the office its bearer holds.
APPOSITION_RE = re.compile(rf"(?<![\w.,] )(?<![\w-])(?P<n>{_NAME_SEQ}), (?:the )?(?:former |present |then |acting )?"
                           r"(?:(?:Vice|Prime|Foreign|Deputy|Assistant|War|Chief|People's) )?"
                           r"(?:President|Minister|Ambassador|Secretary|Commissar|Consul|Chairman|Premier|"
                           r"Chancellor|Attaché|Envoy|Governor|Commander|Admiral|General)\b")
#: a letter's or a dispatch's dateline: "Petrograd, July 22, 1917" or "LONDON, March 3".
DATELINE_RE = re.compile(r"(?m)^(?P<p>[A-Z][A-Za-z.-]+(?: [A-Z][A-Za-z.-]+)?),? (?:January|February|March|April|"
                         r"May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Aug|Sept|"
                         r"Sep|Oct|Nov|Dec)\.? \d{1,2}\b")
#: a telegram's routing line: "2593. For Crosby from Rathbone:".
TELEGRAM_RE = re.compile(rf"(?m)^(?:\d+\. )?For (?:the [^:\n]{{1,60}}?|(?P<a>{_NAME_SEQ})) from (?P<b>{_NAME_SEQ}):")
#: a line holding only a name: a letter's or a telegram's signature when the text ends after it.
SIGNATURE_RE = re.compile(rf"(?m)(?<=[.,:;!?)\]]\n)(?P<n>(?:[A-Z]\. ?)*{NAME_WORD}(?: {NAME_WORD}){{0,2}})[ \t]*$(?=\n?\s*(?:\d|$)|\n\n)")
#: a surname set in capitals (``LINCOLN``, ``McCLELLAN``) after initials or another such word.
_CAPS_NAME = r"(?:[A-Z]\.[ ]?)*(?:Ma?c)?[A-Z]{2,}(?:[ ](?:[A-Z]\.[ ]?)*(?:Ma?c)?[A-Z]{2,}){0,2}"
#: a signature in capitals closing a letter or an order: ``A. LINCOLN.``, ``L. THOMAS, Adjutant-General.``
CAPS_SIGNATURE_RE = re.compile(rf"(?m)(?:(?<=[.,:;!?)\]]\n)|(?<=\n\n))(?P<n>{_CAPS_NAME})[.,]?(?:[ ][A-Z][\w.' -]{{0,40}})?[ \t]*$")
#: a rank in capitals before a name in capitals: ``GENERAL G. B. McCLELLAN``, ``MAJOR-GENERAL McCLELLAN``.
CAPS_CUE_RE = re.compile(rf"\b(?:(?:{RANK.upper()}|{_RANK_ABBR.upper()}\.)(?:[ ]|-(?=[A-Z])))+(?P<n>{_CAPS_NAME})\b")
#: the person a foot note identifies: "1 Serge Ughet, Russian Financial Attaché at Washington."
NOTE_PERSON_RE = re.compile(rf"\s*(?:\d+\s+)?(?P<n>(?:[A-Z]\. ?)*{NAME_WORD}(?: (?:(?:[A-Z]\. ?)+|{PARTICLE} )*{NAME_WORD}){{1,3}}), "
                            r"(?!\d|[A-Z][^,\n]{0,60}, \d)")
#: endings of abstract nouns, the words a heading is made of (``Conclusion``, ``Epilogue``).
NOUN_SUFFIX_RE = re.compile(r"(?:ion|ions|ment|ness|ity|ure|ance|ence|logue|graphy|ary|ix|ice)$")
#: context that shows a name form is a person, or a place.
PERSON_AFTER_RE = re.compile(r"(?:['’]s)?,? (?:(?:the )?(?:[A-Z][a-z]+ )?(?:Secretary|Minister|Chancellor|Ambassador|"
                             r"Commissioner|Viceroy|Premier|Under-Secretary) (?:of|for)\b|and (?:his|her)|and others who|who|whom|whose|himself|herself|said|says|told|tells|wrote|writes|wired|"
                             r"wires|cabled|telegraphed|complained|replied|recalled|remarked|thought|believed|felt|"
                             r"explained|argued|informs|informed|states that|stated|added|noted|observed|warned|urged|"
                             r"suggested|asked|answered|admitted|insisted|hoped|feared|knew|realized|realised|"
                             r"died|resigned|personally)\b")
PERSON_BEFORE_RE = re.compile(rf"(?:\b(?:said|complained|wrote|added|replied|asked|remarked)|\b{_HONORIFIC}\.?) $"
                              r"|\b(?:he|him|she|her) \($")      # "he (Arguello) did not wait"
PERSON_POSSESSOR_RE = re.compile(r"\s+[a-z]+(?:ed|s)\s+(?:his|her)\b")
#: "Tamerlane became the head of his tribe": "his" later in the clause, no other name between.
PERSON_HIS_RE = re.compile(r"(?:['’]s)?(?:\s+[a-z]+[,;]?){1,7}\s+(?:his|himself)\b")
#: "Babar's vow", "the son of Akbar": kinship, a life's events and a reign belong to persons.
_LIFE = (r"(?:son|sons|daughter|daughters|wife|widow|husband|father|mother|brother|sister|grandson|granddaughter|"
         r"nephew|niece|uncle|aunt|heir|successor|death|birth|murder|assassination|accession|abdication|"
         r"coronation|reign|life|vow|memoirs|biography|funeral|tomb|own|attention|advice|opinion|views|mind|"
         r"eyes|words|speech|friend|friends|visit|arrival|departure)")
PERSON_LIFE_AFTER_RE = re.compile(rf"['’]s\s+{_LIFE}\b"          # "Babar's vow"; "Kant (1724–1804)", "(b. 1724)"
                                  r"|\s*\((?:(?:b|d|born|died|ob|fl|r|reigned)\.?\s*)?(?:c\.\s*)?1?\d{3}\s*[-–—]\s*"
                                  r"(?:c\.\s*)?1?\d{2,3}\)|\s*\((?:b|d|born|died)\.?\s+(?:c\.\s*)?1?\d{3}\)")
PERSON_LIFE_BEFORE_RE = re.compile(rf"\b(?:{_LIFE}|inauguration|presidency|impeachment|resignation|abdication|"
                                   rf"retirement|dismissal|nomination|candidacy|election)\s+of\s+$")
#: "Johnston's cavalry": a commander's troops (said of countries too, so not of a country's name).
PERSON_TROOPS_RE = re.compile(r"(?:['’]s|(?<=[sxz])['’])\s+(?:army|cavalry|troops|men|forces|command|staff|division|corps|headquarters|"
                              r"brigade|regiment|aide|aides|officers|flank|lines|fleet)\b")
#: "the Briand government": a government or cabinet named after its head (lower case).
LEADER_GOVERNMENT_RE = re.compile(r"\s+(?:government|cabinet|ministry|administration|regime)\b")
#: verbs whose subject is a person: "Napoleon was born", "Babar married".
PERSON_VERB_RE = re.compile(r",?\s+(?:was\s+(?:born|crowned|knighted|baptized|baptised|buried|assassinated|"
                            r"murdered|wounded|beheaded|executed|exiled|elected)|married|reigned|fled|smiled|"
                            r"laughed|wept|spoke|was\s+(?:then\s+)?(?:a|an)\s+(?:man|boy|youth|soldier|prince|"
                            r"king|queen|lawyer|general))\b")
#: "convince X to", "told X that": only persons are told, urged and instructed.
PERSON_OBJECT_RE = re.compile(r"\b(?:(?:signed|written|composed|painted|commanded|murdered|assassinated|knighted) by|"
                              r"told|tell|tells|telling|instructed|instructing|instructs|convince|convinced|"
                              r"persuade|persuaded|urged|urging|advised|reminded|assured|wired|cabled|"
                              r"telegraphed|(?:wrote|write|writes|writing|written) to|"
                              r"(?:man|woman|boy|girl|chief|leader|barbarian|warrior|prince|soldier|priest|monk|merchant|"
                              r"person|fellow|officer|one) (?:named|called)|"
                              r"(?:his|her|their) (?:brother|sister|son|daughter|father|mother|wife|husband|uncle|"
                              r"nephew|cousin|rival|successor|friend|ally|secretary)(?: and (?:rival|successor|"
                              r"friend|ally|heir))?,?) $")
PLACE_BEFORE_RE = re.compile(r"\b(?i:in|near|off|across|throughout|into|inside|via|within|occupied|occupy|occupying|"
                             r"crossed|cross|crossing|(?:up|down|along|beyond|beside) the|(?:banks?|mouth|"
                             r"valley|source|shores?) of(?: the)?|"
                             r"invaded|invade|annexed|(?:capital|occupation|invasion|annexation|north|south|east|"
                             r"west|part|parts|peoples?) of)(?: the)? $")
#: "governor of Surat", "the districts of Jhalor": a place whatever the words after it say.
PLACE_OF_BEFORE_RE = re.compile(r"\b(?:inhabitants|governor|governors|viceroy|province|provinces|district|districts|"
                                r"city|town|towns|village|villages|port|fort|coast|island|islands|kingdom|siege|"
                                r"garrison) of(?: the)? $")
#: "a Junker", "an uppish Junker": a word after an indefinite article (and its adjectives) is a noun.
INDEFINITE_BEFORE_RE = re.compile(r"(?<![\w.])(?:a|an|A|An)(?: (?!(?:named|called|from|for|by|at|on|over|against|under|"
                                  r"with|about|near|like|to|in|of|into|and|or|than|as|the|his|her|their|its)\b)"
                                  r"[a-z]+){0,2} $")
#: weaker: also said of persons ("at Kamenev", "from Chicherin").
PLACE_WEAK_BEFORE_RE = re.compile(r"\b(?:at|from|toward|towards|after|from the|to the) $")
#: "join the Comintern", "members of the League": bodies are joined and have members.
ORG_BEFORE_RE = re.compile(r"\b(?:(?:join|joined|joins|joining) the|members? of|membership (?:of|in)|leaders? of|"
                           r"leadership of|expelled from|congress of|delegates? (?:to|of)|officials? of)(?: the)? $")
#: words before a place that make a region of it (``Northern Caucasus``, ``Outer Mongolia``).
_DIRECTION = r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Outer|Inner|Upper|Lower)"
REGION_RE = re.compile(rf"\b{_DIRECTION}\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
DIRECTION_RE = re.compile(rf"{_DIRECTION}\s+")
#: "Lenin and Trotsky", "Estonia, Latvia, and Lithuania": coordinated names are usually of one type.
COORD_RE = re.compile(r"^(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?$")
#: a capitalised word, a comma: a sentence adverb (``Ironically,``) when it opens a sentence.
SENTENCE_OPEN_RE = re.compile(r"(?:^|[.!?:;]['\"”’]?\s+|\n\s*|[\"“]\s*)$")

_NAME = rf"(?:(?:[A-Z]\. ?)+ ?)?{NAME_WORD}(?: {NAME_WORD})?"
#: "Ullman, Anglo-Soviet Accord, 122": an author (or two) before the title of a cited work.
AUTHOR_RE = re.compile(rf"(?:^|(?<=\n)|(?<=[;:.(] )|(?<=\b[Ss]ee )|(?<=\b[Ii]n )|(?<=\bcf\. )|(?<=\d ))"
                       rf"(?P<a>{_NAME})(?: (?:and|&) (?P<b>{_NAME}))?(?:, eds?\.| et al\.)?,"
                       rf"(?= ?[\"“‘A-Z][^\n;]{{2,200}}?, \d)")
#: short references in brackets: "(Erman, p. 241; Forster, i. 114)", "[Mallat, ii, 240]".
SHORT_REF_RE = re.compile(rf"(?:(?<=\()|(?<=\[)|(?<=; ))(?P<a>{_NAME}),\s(?:[ivxlc]+[.,]\s*|vol\.\s*\w+,\s*)?"
                          r"(?:pp?\.\s*)?\d+(?:\s*[-–]\s*\d+)?(?=[;)\]])")
#: author-date references: "(Smith 1998, 45; Jones and Brown 2003)", "Pakenham (1991: 239)".
_YEAR_REF = r"(?:1[5-9]|20)\d\d[a-z]?(?=[,:;)\]])"
AUTHOR_DATE_RE = re.compile(rf"(?:(?<=\()|(?<=; )|(?<=\[))(?:(?:see|See|cf\.) )?(?P<a>{_NAME})(?: (?:and|&) (?P<b>{_NAME}))?"
                            rf"(?: et al\.)?,? {_YEAR_REF}"
                            rf"|(?P<c>{_NAME})(?: (?:and|&) (?P<d>{_NAME}))?(?: et al\.)? \({_YEAR_REF}")
#: before a name and a year in brackets, these make it a place (``born at Umarkot (1542)``).
PLACE_PREPOSITIONS = frozenset({"at", "in", "to", "of", "on", "from", "near", "into", "the", "a", "an"})
#: words that may stand before a year in brackets without being anybody (``(In 1998``).
NOT_AUTHORS = frozenset({"in", "by", "from", "after", "before", "since", "until", "circa", "c", "ca", "about", "see",
                         "cf", "and", "or", "the", "of", "ad", "bc", "vol", "no", "fig", "table", "chapter", "part"})
#: "(New York: Columbia University Press, 1957)": imprint place(s) and publisher.
IMPRINT_RE = re.compile(r"\((?:[^()\n]{0,80}?; )?(?P<place>[A-Z][A-Za-z. ]+?(?:, ?[A-Z][A-Za-z. ]+?)?): ?"
                        r"(?P<pub>[A-Z][^():;\n]{1,80}?),?\s(?:1[5-9]|20)\d\d[a-z]?\)")
#: "Stationery Office, 1958)": the tail of an imprint whose opening is on an earlier page.
PUBLISHER_TAIL_RE = re.compile(r"(?m)^(?P<pub>(?:[A-Z][\w.'’&-]* )*?"
                               r"(?:Press|Office|Publishers|Publishing|Verlag|Books)),\s(?:1[5-9]|20)\d\d[a-z]?\)")

#: names of treaties, events and periods: nothing inside them is a name.
EVENT_RE = re.compile(
    r"\b(?:World War(?: I{1,3}\b| One\b| Two\b| 1\b| 2\b)?|(?:Treaty|Peace|Convention|Congress|Conference|Pact|Protocol|Agreement|Battle|Siege|Declaration|"
    r"battle|siege|treaty|peace|"
    r"Revolution|War|Accords?) of(?: the)? [A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)*"
    r"|(?:Treaty|Peace|Convention|Pact|Protocol|Agreement) of 1\d{3}\b"
    r"|(?:[A-Z][\w'’-]+[ -])+(?:Treaty|Convention|Conference|Pact|Protocol|Accords?|Agreement|agreement|"
    r"treaty|pact|conference|system|putsch|Putsch|Revolution|Uprising|Rebellion|War|war|Congress|Era|era|"
    r"Period|Offensive|Crisis|Age|Ages|Alliance|Act|Edict|Decree|Doctrine|Plan|Manifesto|Riot|Riots|Massacre|"
    r"Mutiny|Revolt|Insurrection|Raid|Strike|Affair|Incident|Campaign)\b)")
#: a numbered legislature (``Sixty-ninth Congress``): a body, not the event a party congress is.
ORDINAL_BODY_RE = re.compile(r"\b(?:[A-Z][a-z]+-)?[A-Z]?[a-z]+(?:st|nd|rd|th) (?:Congress|Duma|Parliament|Reichstag|Sejm|"
                             r"(?:[A-Z][a-z]+ )?(?:Infantry|Cavalry|Artillery|Regiment|Division|Brigade|Corps|Army|"
                             r"Battalion|Volunteers|Fleet|Squadron))\b"
                             r"(?! of\b)")
#: months and days are dates, never names.
CALENDAR_RE = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                         r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")
#: a capitalised word that is an adjective or a collective designation, not a name.
ADJ_RE = re.compile(r"^(?:[A-Z][a-z]+-)*[A-Z][a-z]+(?:ian|ean|ese|ish|ic|ist|ists|ite|ites|ans|ians|ks|iks)$")
COLLECTIVE = frozenset({"soviet", "soviets", "allies", "allied", "entente", "whites", "reds", "axis",
                        "bolshevik", "bolsheviks", "communist", "communists", "western", "eastern",
                        "northern", "southern", "anglo", "powers", "great powers", "central powers",
                        "whig", "whigs", "tory", "tories", "jacobite", "jacobites", "royalist", "royalists",
                        "roundheads", "cavalier", "cavaliers", "federalists", "republicans", "democrats",
                        "liberals", "conservatives", "radicals", "loyalists", "patriots", "rebels", "confederate",
                        "confederates", "unionists", "jacobins", "girondins", "popery", "renaissance",
                        "reformation", "enlightenment", "restoration", "imperial", "royal", "national", "federal",
                        "provisional", "republican", "democratic", "armada", "bolsheviki", "mensheviki",
                        "menshevik", "mensheviks", "narodniki", "cadets", "junkers", "girondists", "montagnards",
                        "sans-culottes", "fenians", "chartists", "boers", "uitlanders", "osmanli", "osmanlis",
                        "ottomans", "european powers", "western powers", "associated powers", "allied powers"})
#: demonyms and collectives that no suffix rule catches: never names on their own.
DEMONYMS = frozenset({"french", "dutch", "greek", "greeks", "swiss", "czech", "czechs", "welsh", "scots", "scotch",
                      "thai", "basque", "basques", "breton", "bretons", "frenchman", "frenchmen", "englishman",
                      "englishmen", "dutchman", "dutchmen", "irishman", "irishmen", "scotsman", "scotsmen",
                      "arab", "arabs", "turk", "turks", "serb", "serbs", "croat", "croats", "slav", "slavs",
                      "pole", "poles", "dane", "danes", "swede", "swedes", "finn", "finns", "magyar", "magyars",
                      "jew", "jews", "moor", "moors", "kurd", "kurds", "tatar", "tatars", "tartar", "tartars",
                      "cossack", "cossacks", "uzbek", "uzbeks", "kazakh", "kazakhs", "tajik", "tajiks", "boer",
                      "boers", "zulu", "zulus", "huns", "goths", "saxons", "vikings", "hindu", "hindus", "sikh",
                      "sikhs", "muslim", "muslims", "moslem", "moslems", "catholic", "catholics", "protestant",
                      "protestants", "quaker", "quakers", "puritan", "puritans", "yankee", "yankees", "afghans",
                      "german", "germans", "american", "americans", "mexican", "mexicans", "african", "africans",
                      "spaniard", "spaniards", "filipino", "filipinos", "saxon", "dane", "islam", "christianity",
                      "judaism", "buddhism", "hinduism", "catholicism", "protestantism", "christendom"})
#: last words of the titles of journals and books cited in notes (``Pacific Affairs``, ``British Documents``):
#: a form ending so names a work, unless it has a body's head word (``Council on Foreign Relations``).
WORK_TITLE_TAILS = frozenset({"Review", "Affairs", "Quarterly", "Journal", "Studies", "Bulletin", "Magazine",
                              "Documents", "Papers", "Relations", "History", "Memoirs", "Letters", "Diaries",
                              "Works", "Proceedings", "Transactions", "Annals", "Yearbook", "Survey", "Diplomacy",
                              "Policy", "Politics", "Economics", "Experiment"})
#: a body's generic name alone refers back to one named before (``the Department``, ``the Government``).
GENERIC_BODIES = frozenset({"government", "department", "legation", "embassy", "ministry", "administration",
                            "commission", "council", "bureau", "office", "state", "consulate"})
#: a body named before and then by its head word alone, capitalised: ``the Convention``, ``the Committee``.
BARE_BODY_RE = re.compile(r"(?<=\b[Tt]he )(?:Committee|Commune|Company|Convention|Assembly|Directory|Board)\b"
                          r"(?![ \n]+(?:of\b|[A-Z]))")
#: after a first office word, these may follow in an office's name (``Secretary of State``).
OFFICE_TAIL = frozenset({"of", "the", "state", "war", "navy", "interior", "treasury", "exchequer", "commerce",
                         "imperial", "royal", "household", "customs", "police", "naval", "operations", "works",
                         "labor", "labour", "agriculture", "affairs", "rolls", "realm", "household"})
#: the last word of a titled phrase that names a body, not a person (``General Assembly``).
BODY_TAILS = frozenset({"Staff", "Headquarters", "Assembly", "Secretariat", "Strike", "Election", "Court"})
ORG_HEADS = frozenset({"Government", "Office", "Party", "Army", "Navy", "Press", "Committee", "Congress",
                       "Ministry", "Department", "Bank", "Council", "League", "Company", "Corporation",
                       "University", "Commission", "Bureau", "Agency", "Corps", "Movement", "Association",
                       "Society", "Institute", "Parliament", "Assembly", "Cabinet", "Court", "Senate",
                       "Guard", "Legion", "Federation", "International", "Club", "Times", "Post", "Herald",
                       "Chamber", "Board", "Academy", "Diet", "Duma", "Reichstag", "Exchange", "Church",
                       "Tribune", "Gazette", "Chronicle", "Telegraph", "Foundation", "Museum", "Library", "College",
                       "School", "Service"})
#: "Chamber of Deputies", "Board of Trade": a body's head word, then "of" and a capitalised name.
ORG_OF_RE = re.compile(r"\b(?:House|Chamber|Board|Ministry|Department|Bank|Council|Court|Academy|Society|Office|"
                       r"Committee|Commission|League|College|Bureau|Institute|University|Church|Order|Assembly|"
                       r"Federation|Association|Company|Corporation|Party|Army|Navy|Museum|Library|School|Legation|"
                       r"Embassy|Consulate)"
                       r"[ \n]of[ \n](?:the[ \n])?[A-Z][\w'’-]+(?:[ \n](?:(?:for|of|the)[ \n])*[A-Z][\w'’-]+){0,4}")
PLACE_HEADS = frozenset({"sea", "ocean", "republic", "kingdom", "empire", "mountains", "river", "gulf", "strait",
                         "straits", "province", "region", "island", "islands", "peninsula", "railway", "zone",
                         "states", "union", "east", "west", "asia", "europe", "africa", "america", "coast",
                         "lake", "valley", "desert", "basin", "khanate", "emirate", "caucasus", "territory",
                         "county", "creek", "ferry", "landing", "square", "street", "road", "avenue", "bay", "hill",
                         "hills", "harbor", "harbour", "station", "gap", "ford", "falls", "springs", "canal",
                         "channel", "bridge", "district", "parish", "mountain", "range", "plain", "plains",
                         "head", "point"})
#: first words that make a place of a name (``Fort Sumter``, ``Mount Vernon``, ``Lake Erie``).
PLACE_PREFIXES = frozenset({"Fort", "Mount", "Mt.", "Cape", "Lake", "Port", "Point", "Glen", "Camp", "Isle", "Gulf",
                            "Bay", "Mont", "Monte", "Rio", "Sierra", "River"})
#: a name and a place's head word: ``Otter Creek``, ``Alachua County``, ``Hudson River``.
HEADED_PLACE_RE = re.compile(r"\b[A-Z][a-z]+(?:[ \n][A-Z][a-z]+)?[ \n](?:County|Creek|River|Lake|Bay|Island|Islands|"
                             r"Mountains|Valley|Street|Square|Road|Avenue|Harbor|Harbour|Falls|Springs|Canal|Parish|"
                             r"Peninsula|Strait|Straits|Gulf)\b")
#: a colony named with its ruling nation (``British East Africa``, ``Dutch East Indies``).
COLONY_RE = re.compile(r"\b(?:British|French|German|Portuguese|Dutch|Belgian|Italian|Spanish|Danish)[ \n]"
                       r"(?:(?:North|South|East|West|Central|Southwest|South-West|Equatorial)[ \n])*"
                       r"(?:Africa|India|Indies|Guiana|Honduras|Somaliland|Congo|Guinea|Borneo|Columbia|Togoland|"
                       r"Cameroons|Indo-China|Indochina|New[ \n]Guinea|Samoa|Malaya|Sudan|Soudan|Morocco)\b")
#: a polity named by its people: ``Turkish Empire``, ``Roman Republic``, ``Mughal Empire``.
POLITY_RE = re.compile(r"\b(?P<q>[A-Z][a-z]+)[ \n](?:Empire|Kingdom|Republic|Khanate|Emirate|Sultanate|Caliphate|"
                       r"Commonwealth|Confederation|Dominion|Protectorate)\b(?![ \n]of\b)")
#: a place named for its owner (``Harper's Ferry``, ``Crump's Landing``).
POSSESSIVE_PLACE_RE = re.compile(r"\b(?:St\.? )?[A-Z][a-z]+['’]s[ \n](?:Ferry|Landing|Creek|Point|Island|Hill|Bay|Valley|Gap|Mills?|"
                                 r"Station|Crossing|Bluff|Run|Ford|Cove|Lake|Sound|Square|Inn|Church|Farm|Corner|"
                                 r"Corners|Wharf|Neck|Hole|Bridge)\b")
#: endings of East European surnames: weak evidence for a one-word name never used with "the".
SURNAME_SUFFIX_RE = re.compile(r"[a-z](?:ov|ev|off|eff|ova|eva|[b-df-hj-np-tv-z]in|ina|sky|ski|skii|vich|enko|dze|shvili|yan)$")
#: a comma or "and" between two capitalised names (not before a state's abbreviation: "Washington, D. C.").
LIST_SEP_RE = re.compile(r",\s+(?![A-Z][a-z]{0,4}\.)(?=[A-Z])|\s+and\s+(?=[A-Z])")
#: a given name, initials and a surname: a person, whatever the model ran it into (``Alfred E. Smith``).
PERSON_SHAPE_RE = re.compile(r"[A-Z][a-z]+ (?:[A-Z]\. ?)+[A-Z][a-z]+")
#: the District of Columbia after a city: part of the place's name (``Washington, D. C.``).
DC_RE = re.compile(r",\s*D\.\s?C\.")
REGION_TAIL_RE = re.compile(r" (?:states|region|republics|provinces)\b")
#: a regime qualifier that is part of a polity's conventional name (``Soviet Russia``, ``Tsarist Russia``).
REGIME_RE = re.compile(r"\b(?:Soviet|Tsarist|Czarist|Imperial|Weimar|Nazi|Fascist|Vichy|Nationalist|Communist) $")
COUNTRY_KINDS = frozenset({"country", "historic-country"})
#: a word joined to a place by a hyphen that stands for a dash (``on Earth-Great Britain``).
DASH_JOIN_RE = re.compile(r"(?P<w>[A-Z][a-z]+)-(?=[A-Z])")
FUNCTION_WORDS = frozenset({"and", "or", "with", "to", "in", "of", "the", "was", "is", "were", "are", "had", "has",
                            "which", "that", "by", "for", "on", "at", "as", "but", "from"})
LEAD_RE = re.compile(r"(?:[Tt]he|[Ss]ee|[Ii]n|[Aa]nd|[Oo]f|On|At|By|For|From|With|To|As|When|After|Before|During|"
                     r"Under|But|If|While|Since|Until|Then|This|That|These|Those|Yesterday|Today|A|An|Dear|Both|"
                     r"Although|Though|Once|Only|Even|Meanwhile|Here|There|Thus|Hence|Last|Next|Early|Late)\s+(?=\W*[A-Z])")
SENTENCE_START_RE = re.compile(r"[A-Z][a-z]+ (?=the )")
TAIL_RE = re.compile(r"(?:['’]s?|[\s.,;:)(\]\[\"“”‘’\d-])+$")
BREAK_RE = re.compile(r"\s*\n(?=\s*[^\w\s]|\s*\d)")
GLUE_RE = re.compile(r"[a-z](?=[A-Z][a-z])")
GLUED_LEADS = frozenset({"see", "in", "and", "of", "the", "by", "cf"})
ABBREV_END_RE = re.compile(r"(?:\b[A-Z]|\b(?:Jr|Sr|St|Co|Inc|Ltd|Bros|Govt|Print|Calif|Mass|Conn))$")
#: a lower-case word: a line with a few of them is prose.
PROSE_WORD_RE = re.compile(r"\b[a-z]{2,}\b")
#: capitals in prose: two or more words (``LLOYD GEORGE``), or one of five letters or more (``CREWE``).
CAPS_RUN_RE = re.compile(r"\b[A-Z]{2,}(?:[ '’-][A-Z]{2,})+\b|\b[A-Z]{5,}\b")
#: kinds of body in the plural: a class of bodies (``Military Revolutionary Committees``), none by name.
PLURAL_BODIES = frozenset({"committees", "commissars", "councils", "soviets", "parties", "governments", "ministries",
                           "armies", "commissions", "boards", "departments", "assemblies", "congresses", "legations",
                           "embassies", "cabinets", "consulates", "parliaments"})
#: a country's division named "head of Name": a place when the name is a place's, not a common word.
DIVISION_OF_RE = re.compile(r"(?:State|Department|District|Territory|County|Canton|Prefecture|Presidency|Governorate)"
                            r" of (?P<p>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)")
#: a common word's possessive opening a body's name (``World's Columbian Commission``, ``People's Party``).
KIND_OWNER_RE = re.compile(r"(?<![\w'’-])(?P<w>[A-Z][a-z]+)['’]s?[ \n]$")
#: a country and an office with no name after it (``U. S. Consul``, ``Italian Minister`` is left to the filters).
COUNTRY_OFFICE_RE = re.compile(r"(?P<p>(?:[A-Z]\.[ \n]?)+|[A-Z][a-z]+(?:[ \n][A-Z][a-z]+)?)[ \n](?P<o>[A-Z][\w.'’ \n-]+)")
#: marks that end a name: an em dash, a bullet, a bar.
STOP_MARK_RE = re.compile(r"[—•·|]")
#: function words and verbs ending a span: no name ends so (``Republican party`` may end lower-case).
LOWER_TAIL_RE = re.compile(r"(?:[ \n]+(?:of|the|and|or|to|in|on|at|by|for|with|which|who|whom|whose|where|when|while|"
                           r"that|as|shall|will|would|"
                           r"should|may|might|must|can|could|is|was|were|are|be|been|has|have|had|did|does|do))+"
                           r"[.,;:]?$")
#: the start of an office's name, before "of"/"for" (``Secretary of``, ``Minister for``).
OFFICE_OF_RE = re.compile(r"\b(?:Secretary|Under-Secretary|Minister|Commissioner|Chancellor|Lord|Lords|Master|Keeper)"
                          r"[ \n](?:of|for)[ \n](?:the[ \n])?$")
