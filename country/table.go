package country

// The ISO 3166-1 table itself (alpha-2, alpha-3 and the English names)
// comes from github.com/biter777/countries. This file adds what the
// publishers actually write: short and official forms, inverted forms,
// demonyms in nationality columns, historical states, regions that stand
// for a country, French (Canada SEMA) and Japanese (METI) names, and the
// misspellings found in the published lists. Every string here is folded
// (see fold) before it goes into the lookup map, so case, accents, dots,
// hyphens and apostrophes do not matter.
//
// Decisions on odd values, in one place:
//
//   - Historical states map to the code ISO gave them, not to one successor:
//     "USSR", "Soviet Union", OpenSanctions "suhh" → SU; "Yugoslavia",
//     "yucs" → YU; "Czechoslovakia", "cshh" → CS (OpenSanctions also treats
//     "cs" as Czechoslovakia); "German Democratic Republic", "ddde" → DD;
//     "Netherlands Antilles" → AN.
//   - "Serbia and Montenegro" (the OFAC SDN list uses it for ~30 places of
//     birth, about a third of them in Kosovo or Montenegro) → YU: it is the
//     Federal Republic of Yugoslavia renamed in 2003, which had the code YU
//     until then. Its later code CS is kept for Czechoslovakia, and mapping
//     it to RS would put Kosovo and Montenegro births in Serbia.
//   - A former Soviet republic maps to its successor state ("Ukrainian SSR"
//     → UA, "Kazakh Soviet Socialist Republic" → KZ), autonomous republics
//     of the RSFSR to RU ("Komi ASSR"). Where a value names the union and a
//     successor ("USSR (now Russian Federation)", "USSR (Uzbekistan)",
//     "Former USSR, now Azerbaijan"), the successor wins (see Code).
//   - Kosovo → XK (user-assigned, used by the EU, UK, OFAC and
//     OpenSanctions). Palestinian territories, "Palestinian" (OFAC's
//     nationality), "Gaza", "Gaza Strip", "West Bank", "Region: Gaza" → PS.
//   - Crimea, Sevastopol, Donetsk, Luhansk (the occupied regions OFAC
//     writes as "Region: Crimea") → UA. Abkhazia and South Ossetia (FtM
//     "ge-ab", "ge-os") → GE. Any ISO 3166-2 subdivision code ("UA-43",
//     "ge-ab") maps to its country.
//   - "EU" / "European Union" → EU (ISO exceptionally reserved; FtM Sanction
//     entities carry country "eu"). "UK" → GB.
//   - Not a country, so Code reports false: "Unknown", EU FSF's "00",
//     "None Identified", "undetermined", "stateless", OpenSanctions "zz";
//     disputed areas with no single code ("Region: Kafia Kingi", "Abyei",
//     "Region: Jammu and Kashmir"); groupings ("Region: Commonwealth of
//     Independent States", "Europe"); Canada's regime names in its Country
//     column ("Justice for Victims of Corrupt Foreign Officials Regulations",
//     "Hamas Terrorist Attacks", "Extremist Settler Violence"); cities and
//     provinces ("Tehran", "Hebron", "Jalisco").
//   - "na" in lower case is "not available" in the UN list (NATIONALITY)
//     and in DFAT places of birth, so it is not Namibia; upper-case "NA" is.
//   - Bare "Korea" is ambiguous and left unrecognised.
//   - US state names that contain a country name never resolve to it
//     ("New Mexico", "New Jersey"); "Georgia" is the country.

// aliases maps variants to ISO 3166-1 alpha-2 codes (or the reserved and
// historical codes above).
var aliases = map[string]string{
	// --- Short, common and official English forms ---
	"Afghanistan, Islamic Republic of": "AF", "Islamic Republic of Afghanistan": "AF", "Islamic Emirate of Afghanistan": "AF",
	"Aland Islands": "AX",
	"Antigua":       "AG",
	"Bahamas, The":  "BS", "The Bahamas": "BS", "Commonwealth of the Bahamas": "BS",
	"Bolivia, Plurinational State of": "BO", "Plurinational State of Bolivia": "BO",
	"Bosnia": "BA", "Bosnia-Herzegovina": "BA", "Bosnia Herzegovina": "BA",
	"Brunei": "BN", "Brunei Darussalam": "BN",
	"Burma": "MM", "Myanmar (Burma)": "MM", "Republic of the Union of Myanmar": "MM",
	"Cabo Verde": "CV", "Cape Verde": "CV", "Republic of Cabo Verde": "CV",
	"Cabo Verde. Previously Cape Verde.": "CV", // OFAC SDN remark text, verbatim
	"China, People's Republic of":        "CN", "People's Republic of China": "CN", "PRC": "CN", "Mainland China": "CN",
	"Comoros Islands": "KM", "Union of the Comoros": "KM",
	"Congo, Democratic Republic of the": "CD", "Congo, The Democratic Republic of the": "CD",
	"Democratic Republic of the Congo": "CD", "Democratic Republic of Congo": "CD", "DR Congo": "CD",
	"DRC": "CD", "Congo (Democratic Republic)": "CD", "Congo-Kinshasa": "CD", "Congo Kinshasa": "CD", "Zaire": "CD",
	"Congo, Republic of the": "CG", "Republic of the Congo": "CG", "Republic of Congo": "CG",
	"Congo-Brazzaville": "CG", "Congo Brazzaville": "CG", "Congo (Republic)": "CG",
	"Cote d'Ivoire": "CI", "Côte d'Ivoire": "CI", "Ivory Coast": "CI", "Republic of Cote d'Ivoire": "CI",
	"Czech Republic": "CZ", "Czechia": "CZ",
	"Egypt, Arab Republic of": "EG", "Arab Republic of Egypt": "EG",
	"Eswatini": "SZ", "Kingdom of Eswatini": "SZ", "Swaziland": "SZ",
	"Falkland Islands":                "FK",
	"Micronesia, Federated States of": "FM", "Federated States of Micronesia": "FM", "Micronesia": "FM",
	"Gambia, The": "GM", "The Gambia": "GM", "Republic of the Gambia": "GM",
	"Guinea Bissau": "GW",
	"Holy See":      "VA", "Vatican": "VA", "Vatican City": "VA", "Vatican City State": "VA",
	"Hong Kong": "HK", "Hong Kong SAR": "HK", "Hong Kong, China": "HK", "Hong Kong Special Administrative Region": "HK",
	"China, Hong Kong Special Administrative Region": "HK", "Hong Kong SAR, China": "HK",
	"Iran": "IR", "Iran, Islamic Republic of": "IR", "Islamic Republic of Iran": "IR", "Persia": "IR",
	"Isle of Man": "IM", "Man, Isle of": "IM",
	"State of Israel": "IL",
	"Korea, North":    "KP", "North Korea": "KP", "DPRK": "KP", "D.P.R.K.": "KP", "D.P.R. Korea": "KP", "DPR Korea": "KP",
	"Democratic People's Republic of Korea": "KP", "Korea, Democratic People's Republic of": "KP",
	"Korea, DPR": "KP", "Korea (North)": "KP", "Korea North": "KP",
	"Korea, South": "KR", "South Korea": "KR", "Republic of Korea": "KR", "Korea, Republic of": "KR",
	"Korea (South)": "KR", "Korea South": "KR", "ROK": "KR",
	"Kyrgyz Republic": "KG", "Kirghizia": "KG", "Kirgizia": "KG",
	"Laos": "LA", "Lao PDR": "LA", "Lao People's Democratic Republic": "LA",
	"Lebanese Republic": "LB", "Republic of Lebanon": "LB",
	"Libya": "LY", "State of Libya": "LY", "Libyan Arab Jamahiriya": "LY", "Great Socialist People's Libyan Arab Jamahiriya": "LY",
	"Macau": "MO", "Macao": "MO", "Macao SAR": "MO", "Macau SAR": "MO", "Macao Special Administrative Region": "MO",
	"China, Macao Special Administrative Region": "MO",
	"Macedonia": "MK", "North Macedonia": "MK", "Republic of North Macedonia": "MK",
	"North Macedonia, The Republic of": "MK", "North Macedonia, Republic of": "MK",
	"Macedonia, The Former Yugoslav Republic of": "MK", "The former Yugoslav Republic of Macedonia": "MK",
	"Former Yugoslav Republic of Macedonia": "MK", "FYROM": "MK",
	"Moldova": "MD", "Moldova, Republic of": "MD", "Republic of Moldova": "MD",
	"Netherlands, The": "NL", "The Netherlands": "NL", "Holland": "NL", "Kingdom of the Netherlands": "NL",
	"Oman, Sultanate of": "OM", "Sultanate of Oman": "OM",
	"Islamic Republic of Pakistan": "PK",
	"Palestine":                    "PS", "State of Palestine": "PS", "Palestine, State of": "PS", "Palestinian": "PS",
	"Palestinian Territories": "PS", "Palestinian Territory": "PS", "Occupied Palestinian Territories": "PS",
	"Occupied Palestinian Territory": "PS", "Palestinian Authority": "PS", "Palestinian Territory, Occupied": "PS",
	"Gaza": "PS", "Gaza Strip": "PS", "West Bank": "PS", "West Bank and Gaza": "PS",
	"Region: Gaza": "PS", "Region: West Bank": "PS", "Region: North Gaza": "PS", "Region: Northern Gaza": "PS",
	"North Gaza": "PS", "Northern Gaza": "PS", "possibly Palestinian": "PS",
	"Philippines, The": "PH", "The Philippines": "PH", "Republic of the Philippines": "PH",
	"Russia": "RU", "Russian Federation": "RU", "The Russian Federation": "RU", "Russia Federation": "RU",
	"Region: Russia":        "RU",
	"Saint Kitts and Nevis": "KN", "St Kitts and Nevis": "KN", "St Kitts & Nevis": "KN", "Saint Christopher and Nevis": "KN",
	"Saint Lucia": "LC", "St Lucia": "LC",
	"Saint Vincent and the Grenadines": "VC", "St Vincent and the Grenadines": "VC",
	"Sao Tome and Principe":    "ST",
	"Republic of Serbia":       "RS",
	"Slovak Republic":          "SK",
	"Republic of South Africa": "ZA",
	"Republic of South Sudan":  "SS",
	"Republic of the Sudan":    "SD", "The Sudan": "SD",
	"Syria": "SY", "Syrian Arab Republic": "SY", "Syrian Arab Rep": "SY",
	"Taiwan": "TW", "Taiwan, Province of China": "TW", "Taiwan, China": "TW", "Chinese Taipei": "TW",
	"Republic of China (Taiwan)": "TW",
	"Tanzania":                   "TZ", "Tanzania, United Republic of": "TZ", "United Republic of Tanzania": "TZ",
	"East Timor": "TL", "Timor-Leste": "TL",
	"Trinidad": "TT",
	"Turkey":   "TR", "Türkiye": "TR", "Turkiye": "TR", "Republic of Turkey": "TR", "Republic of Türkiye": "TR",
	"UAE": "AE", "U.A.E.": "AE", "United Arab Emirates": "AE", "Emirates": "AE",
	"UK": "GB", "U.K.": "GB", "United Kingdom": "GB", "Great Britain": "GB", "Britain": "GB",
	"United Kingdom of Great Britain and Northern Ireland": "GB", "United Kingdom of Great Britain": "GB",
	"England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB", "England and Wales": "GB",
	"USA": "US", "U.S.A.": "US", "United States": "US", "United States of America": "US",
	"Vatican City (Holy See)": "VA",
	"Venezuela":               "VE", "Venezuela, Bolivarian Republic of": "VE", "Bolivarian Republic of Venezuela": "VE",
	"Vietnam": "VN", "Viet Nam": "VN", "Socialist Republic of Vietnam": "VN",
	"Virgin Islands, British": "VG", "British Virgin Islands": "VG", "BVI": "VG",
	"Virgin Islands, U.S.": "VI", "US Virgin Islands": "VI", "U.S. Virgin Islands": "VI",
	"Republic of Yemen": "YE",
	"Kosovo":            "XK", "Republic of Kosovo": "XK",
	"Wallis and Futuna": "WF", "Svalbard and Jan Mayen": "SJ",
	"Curacao": "CW", "Reunion": "RE", "Saint Barthelemy": "BL", "Saint Martin": "MF", "Sint Maarten": "SX",
	"Republic of Belarus": "BY",

	// --- Reserved and historical codes (see the decisions above) ---
	"European Union": "EU",
	"USSR":           "SU", "U.S.S.R.": "SU", "Soviet Union": "SU", "Former Soviet Union": "SU",
	"Former USSR": "SU", "ex-USSR": "SU", "Union of Soviet Socialist Republics": "SU",
	"Czechoslovakia": "CS", "Czecho-Slovakia": "CS", "Czechoslovak Socialist Republic": "CS",
	"Yugoslavia": "YU", "Former Yugoslavia": "YU", "ex-Yugoslavia": "YU",
	"Federal Republic of Yugoslavia": "YU", "Socialist Federal Republic of Yugoslavia": "YU", "SFR Yugoslavia": "YU",
	"FR Yugoslavia": "YU", "Serbia and Montenegro": "YU", "Serbia & Montenegro": "YU",
	"German Democratic Republic": "DD", "East Germany": "DD",
	"Former German Democratic Republic": "DD",
	"West Germany":                      "DE", "Federal Republic of Germany": "DE",
	"Netherlands Antilles": "AN",
	"Upper Volta":          "BF", "Rhodesia": "ZW", "Dahomey": "BJ", "Ceylon": "LK",

	// --- Soviet republics → successor states; RSFSR autonomies → RU ---
	"Russian SFSR": "RU", "RSFSR": "RU", "Russian Soviet Federative Socialist Republic": "RU",
	"Russian Soviet Federative Socialist Republic (RSFSR)": "RU",
	"Ukrainian SSR": "UA", "Ukrainian Soviet Socialist Republic": "UA",
	"Belarusian SSR": "BY", "Byelorussian SSR": "BY", "Belorussian SSR": "BY", "Belarusian SFSR": "BY",
	"Byelorussian Soviet Socialist Republic": "BY", "Byelorussia": "BY", "Belorussia": "BY",
	"Kazakh SSR": "KZ", "Kazakh Soviet Socialist Republic": "KZ",
	"Kyrgyz SSR": "KG", "Kirghiz SSR": "KG", "Kirgiz SSR": "KG", "Kirghiz Soviet Socialist Republic": "KG",
	"Uzbek SSR": "UZ", "Uzbekistan SSR": "UZ", "Uzbek Soviet Socialist Republic": "UZ",
	"Tajik SSR": "TJ", "Tadzhik SSR": "TJ", "Turkmen SSR": "TM",
	"Moldavian SSR": "MD", "Moldovan SSR": "MD", "Moldovian SSR": "MD", "Moldavia": "MD",
	"Georgian SSR": "GE", "Armenian SSR": "AM", "Azerbaijan SSR": "AZ", "Azerbaijani SSR": "AZ",
	"Estonian SSR": "EE", "Latvian SSR": "LV", "Latvian Soviet Socialist Republic": "LV", "Lithuanian SSR": "LT",
	"Komi ASSR": "RU", "Yakut ASSR": "RU", "Yakut Autonomous SSR": "RU", "Buryat ASSR": "RU",
	"North Ossetian ASSR": "RU", "Chechen-Ingush ASSR": "RU", "Chechen Ingush": "RU", "Chechen-Ingush": "RU",
	"Chechen Republic": "RU", "Dagestan Republic": "RU", "Republic of Dagestan": "RU", "Tatarstan": "RU",
	"Republic of Tatarstan": "RU", "Kaliningrad": "RU", "Khakassia": "RU",

	// --- Regions that stand for a country ---
	"Crimea": "UA", "Region: Crimea": "UA", "Autonomous Republic of Crimea": "UA", "Republic of Crimea": "UA",
	"Sevastopol": "UA", "Donetsk": "UA", "Donetsk Region": "UA", "Donetsk Oblast": "UA",
	"Donetsk People's Republic": "UA", "Luhansk": "UA", "Lugansk": "UA", "Luhansk Region": "UA",
	"Luhansk Oblast": "UA", "Luhansk People's Republic": "UA", "Lugansk People's Republic": "UA",
	"Abkhazia": "GE", "South Ossetia": "GE",
	"Northern Cyprus": "CY", "Region: Northern Mali": "ML", "Northern Mali": "ML",
	"Somaliland": "SO", "Transnistria": "MD", "Nagorno-Karabakh": "AZ",

	// --- Demonyms found in nationality columns ---
	"Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "Armenian": "AM", "Australian": "AU",
	"Austrian": "AT", "Azerbaijani": "AZ", "Bahraini": "BH", "Bangladeshi": "BD", "Belarusian": "BY",
	"Belgian": "BE", "Bosnian": "BA", "British": "GB", "Bulgarian": "BG", "Burmese": "MM", "Burundian": "BI",
	"Cambodian": "KH", "Cameroonian": "CM", "Canadian": "CA", "Central African": "CF", "Chadian": "TD",
	"Chinese": "CN", "Colombian": "CO", "Croatian": "HR", "Cuban": "CU", "Cypriot": "CY", "Czech": "CZ",
	"Danish": "DK", "Dutch": "NL", "Egyptian": "EG", "Emirati": "AE", "Eritrean": "ER", "Estonian": "EE",
	"Ethiopian": "ET", "Finnish": "FI", "French": "FR", "Georgian": "GE", "German": "DE", "Greek": "GR",
	"Haitian": "HT", "Hungarian": "HU", "Indonesian": "ID", "Iranian": "IR", "Iraqi": "IQ",
	"Irish": "IE", "Israeli": "IL", "Italian": "IT", "Japanese": "JP", "Jordanian": "JO", "Kazakh": "KZ",
	"Kazakhstani": "KZ", "Kenyan": "KE", "Kosovar": "XK", "Kuwaiti": "KW", "Kyrgyz": "KG", "Latvian": "LV",
	"Lebanese": "LB", "Libyan": "LY", "Lithuanian": "LT", "Malaysian": "MY", "Malian": "ML", "Maltese": "MT",
	"Mauritanian": "MR", "Mexican": "MX", "Moldovan": "MD", "Mongolian": "MN", "Montenegrin": "ME",
	"Moroccan": "MA", "Nicaraguan": "NI", "Nigerian": "NG", "Nigerien": "NE", "North Korean": "KP",
	"Norwegian": "NO", "Omani": "OM", "Pakistani": "PK", "Panamanian": "PA", "Filipino": "PH",
	"Polish": "PL", "Portuguese": "PT", "Qatari": "QA", "Romanian": "RO", "Russian": "RU", "Rwandan": "RW",
	"Saudi": "SA", "Saudi Arabian": "SA", "Senegalese": "SN", "Serbian": "RS", "Singaporean": "SG",
	"Slovak": "SK", "Slovenian": "SI", "Somali": "SO", "South African": "ZA", "South Korean": "KR",
	"South Sudanese": "SS", "Spanish": "ES", "Sri Lankan": "LK", "Sudanese": "SD", "Swedish": "SE",
	"Swiss": "CH", "Syrian": "SY", "Taiwanese": "TW", "Tajik": "TJ", "Tanzanian": "TZ", "Thai": "TH",
	"Tunisian": "TN", "Turkish": "TR", "Turkmen": "TM", "Ugandan": "UG", "Ukrainian": "UA", "Uzbek": "UZ",
	"Venezuelan": "VE", "Vietnamese": "VN", "Yemeni": "YE", "Zimbabwean": "ZW",

	// --- French (Canada SEMA's bilingual Country column, EU and UN texts) ---
	"Afrique du Sud": "ZA", "Algérie": "DZ", "Allemagne": "DE", "Arabie saoudite": "SA", "Arménie": "AM",
	"Autriche": "AT", "Azerbaïdjan": "AZ", "Bélarus": "BY", "Biélorussie": "BY", "Belgique": "BE",
	"Birmanie": "MM", "Myanmar (Birmanie)": "MM", "Bosnie-Herzégovine": "BA", "Bulgarie": "BG",
	"Cambodge": "KH", "Cameroun": "CM", "Chine": "CN", "Chypre": "CY", "Colombie": "CO",
	"Corée du Nord": "KP", "République populaire démocratique de Corée": "KP", "Corée du Sud": "KR",
	"Croatie": "HR", "Égypte": "EG", "Émirats arabes unis": "AE", "Érythrée": "ER", "Espagne": "ES",
	"Estonie": "EE", "États-Unis": "US", "États-Unis d'Amérique": "US", "Éthiopie": "ET", "Finlande": "FI",
	"Géorgie": "GE", "Grèce": "GR", "Guinée": "GN", "Haïti": "HT", "Hongrie": "HU", "Inde": "IN",
	"Indonésie": "ID", "Irak": "IQ", "Irlande": "IE", "Islande": "IS", "Italie": "IT",
	"Japon": "JP", "Jordanie": "JO", "Koweït": "KW", "Lettonie": "LV", "Liban": "LB", "Libye": "LY",
	"Lituanie": "LT", "Malaisie": "MY", "Maroc": "MA", "Mauritanie": "MR", "Mexique": "MX",
	"Moldavie": "MD", "République de Moldova": "MD", "Mongolie": "MN", "Monténégro": "ME", "Norvège": "NO",
	"Nouvelle-Zélande": "NZ", "Ouganda": "UG", "Ouzbékistan": "UZ", "Pays-Bas": "NL", "Pérou": "PE",
	"Pologne": "PL", "République centrafricaine": "CF", "République démocratique du Congo": "CD",
	"République tchèque": "CZ", "Tchéquie": "CZ", "Roumanie": "RO", "Royaume-Uni": "GB", "Russie": "RU",
	"Fédération de Russie": "RU", "Serbie": "RS", "Singapour": "SG", "Slovaquie": "SK", "Slovénie": "SI",
	"Somalie": "SO", "Soudan": "SD", "Soudan du Sud": "SS", "Suède": "SE", "Suisse": "CH", "Syrie": "SY",
	"République arabe syrienne": "SY", "Tadjikistan": "TJ", "Tanzanie": "TZ", "Tchad": "TD",
	"Thaïlande": "TH", "Tunisie": "TN", "Turkménistan": "TM", "Turquie": "TR",
	"Vénézuela": "VE", "Viêt Nam": "VN", "Yémen": "YE", "Kirghizistan": "KG",
	"Cisjordanie": "PS", "Bande de Gaza": "PS", "Territoires palestiniens": "PS",

	// --- Japanese (METI End User List, Country or Region column) ---
	"アフガニスタン": "AF", "アラブ首長国連邦": "AE", "イエメン": "YE", "イスラエル": "IL", "イラン": "IR",
	"インド": "IN", "エジプト": "EG", "シリア": "SY", "パキスタン": "PK", "レバノン": "LB", "ロシア": "RU",
	"中国": "CN", "北朝鮮": "KP", "台湾": "TW", "香港": "HK",
	// Further names METI and other Japanese lists use for sanctioned and
	// transit countries.
	"イラク": "IQ", "ウクライナ": "UA", "ベラルーシ": "BY", "トルコ": "TR", "ミャンマー": "MM", "キューバ": "CU",
	"ベネズエラ": "VE", "マカオ": "MO", "シンガポール": "SG", "マレーシア": "MY", "タイ": "TH", "ベトナム": "VN",
	"韓国": "KR", "大韓民国": "KR", "朝鮮民主主義人民共和国": "KP", "中華人民共和国": "CN", "ロシア連邦": "RU",
	"イラン・イスラム共和国": "IR", "シリア・アラブ共和国": "SY", "アメリカ": "US", "アメリカ合衆国": "US", "米国": "US",
	"英国": "GB", "イギリス": "GB", "日本": "JP", "カザフスタン": "KZ", "ウズベキスタン": "UZ", "アルメニア": "AM",
	"アゼルバイジャン": "AZ", "ジョージア": "GE", "グルジア": "GE", "キルギス": "KG", "タジキスタン": "TJ",
	"サウジアラビア": "SA", "カタール": "QA", "オマーン": "OM", "クウェート": "KW", "バーレーン": "BH", "ヨルダン": "JO",
	"リビア": "LY", "スーダン": "SD", "ソマリア": "SO", "エリトリア": "ER", "ドイツ": "DE", "フランス": "FR",
	"イタリア": "IT", "スイス": "CH", "キプロス": "CY", "オランダ": "NL", "インドネシア": "ID", "フィリピン": "PH",
	"パレスチナ": "PS", "コソボ": "XK", "ニカラグア": "NI",

	// --- Misspellings found in the published lists (kept verbatim) ---
	"Belrus":                            "BY", // UK ConList Nationality
	"Bosina-Herzegovina":                "BA", // OFAC SDN POB
	"Deomocratic Republic of the Congo": "CD", // DFAT Place of Birth
	"Guinea-Bisau":                      "GW", // DFAT Citizenship
	"Phillipines":                       "PH", // OFAC SDN POB
	"Phillippines":                      "PH", // DFAT
	"Repubic of Moldova":                "MD", // UK ConList
	"Republic of Moldovia":              "MD", // UK ConList
	"Russi":                             "RU", // DFAT Address (cut off)
	"Sundan":                            "SD", // UK ConList
	"Uzbekhistan":                       "UZ", // UK ConList
	"Tunisi":                            "TN", // OFAC SDN "Tunisi (Tunisia)"
	"Kyrgystan":                         "KG",
	"Kirgizstan":                        "KG",
	"Kazakstan":                         "KZ",
	"Byelarus":                          "BY",
	"Lybia":                             "LY",
	"Syrian Arab":                       "SY", // DFAT Address, "Syrian Arab\nRepublic" split by a parser
	"Arab Republic of Syria":            "SY",
}

// codes are further code-like keys: reserved and historical ISO codes and
// their ISO 3166-3 and OpenSanctions four-letter forms. Like the library's
// alpha-2 and alpha-3 codes they only match a whole value or the last
// comma-separated part, never a trailing word ("an", "su").
var codes = map[string]string{
	"EU": "EU", "SU": "SU", "SUHH": "SU", "CS": "CS", "CSHH": "CS", "YU": "YU", "YUG": "YU", "YUCS": "YU",
	"CSXX": "YU", "SCG": "YU", "DD": "DD", "DDDE": "DD", "DDR": "DD", "AN": "AN", "ANT": "AN", "ANHH": "AN",
	"XK": "XK", "XKX": "XK",
}

// notCountries are values that must never resolve, not even through the
// word-suffix fallback ("New Mexico" must not become Mexico).
var notCountries = []string{
	"Unknown", "Not known", "Not Available", "N/A", "00", "ZZ", "XX", "None", "None Identified",
	"Undetermined", "Stateless", "Various", "International", "Worldwide", "Global",
	"New Mexico", "New Jersey", "New England", "New South Wales",
	"Inner Mongolia", "British Columbia", // China, Canada
	"West Azerbaijan", "East Azerbaijan", "West Azerbaijan Province", "East Azerbaijan Province", // Iranian provinces
	"Kafia Kingi", "Region: Kafia Kingi", "Abyei", "Jammu and Kashmir", "Region: Jammu and Kashmir",
	"Kashmir", "Commonwealth of Independent States", "Region: Commonwealth of Independent States",
	"Europe", "Africa", "Asia", "Middle East", "Online", "Duty Free Zone",
	"Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)",
	"Hamas Terrorist Attacks", "Attaques terroristes du Hamas",
	"Extremist Settler Violence", "Violence extrémiste des colons",
}

// names are display names where the library's is not what a reader
// expects ("Iran (Islamic Republic of)", "Swaziland") or where the code is
// not in the library.
var names = map[string]string{
	"AN": "Netherlands Antilles",
	"AX": "Åland Islands",
	"BL": "Saint Barthélemy",
	"BN": "Brunei",
	"BO": "Bolivia",
	"CD": "Democratic Republic of the Congo",
	"CG": "Republic of the Congo",
	"CI": "Côte d'Ivoire",
	"CS": "Czechoslovakia",
	"CV": "Cabo Verde",
	"CW": "Curaçao",
	"DD": "East Germany",
	"EU": "European Union",
	"FK": "Falkland Islands",
	"FM": "Micronesia",
	"GB": "United Kingdom",
	"GS": "South Georgia and the South Sandwich Islands",
	"HK": "Hong Kong",
	"IM": "Isle of Man",
	"IR": "Iran",
	"KP": "North Korea",
	"KR": "South Korea",
	"LA": "Laos",
	"LY": "Libya",
	"MD": "Moldova",
	"MF": "Saint Martin",
	"MK": "North Macedonia",
	"MO": "Macao",
	"PS": "Palestine",
	"RE": "Réunion",
	"RU": "Russia",
	"SJ": "Svalbard and Jan Mayen",
	"SU": "Soviet Union",
	"SX": "Sint Maarten",
	"SY": "Syria",
	"SZ": "Eswatini",
	"TL": "Timor-Leste",
	"TR": "Türkiye",
	"TW": "Taiwan",
	"TZ": "Tanzania",
	"US": "United States",
	"VA": "Holy See",
	"VE": "Venezuela",
	"VG": "British Virgin Islands",
	"VI": "U.S. Virgin Islands",
	"VN": "Vietnam",
	"WF": "Wallis and Futuna",
	"XK": "Kosovo",
	"YU": "Yugoslavia",
}
