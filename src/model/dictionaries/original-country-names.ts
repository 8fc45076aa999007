/**
 * The country names of the original's dictionaries (the spelling of its worldcities.csv), where they differ from
 * the runtime's ICU English name: a CITY's linked country and a COUNTRY value read as the original's did ("USA",
 * "UK", "Congo (Kinshasa)"), so a model filtered with "USA" links "USA". Every other country's ICU name already is
 * the original's ("Czechia", "South Korea", "France").
 */
export const ORIGINAL_COUNTRY_NAMES: Readonly<Record<string, string>> = {
  US: 'USA', GB: 'UK', TR: 'Turkey', CI: "Côte d'Ivoire", HK: 'Hong Kong', MO: 'Macau', MK: 'Macedonia', RE: 'Reunion',
  SZ: 'Swaziland', IM: 'Isle Of Man', AG: 'Antigua And Barbuda', BA: 'Bosnia And Herzegovina', CV: 'Cabo Verde',
  CG: 'Congo (Brazzaville)', CD: 'Congo (Kinshasa)', FK: 'Falkland Islands (Islas Malvinas)', FM: 'Federated States of Micronesia',
  MM: 'Myanmar', PN: 'Pitcairn Islands', BL: 'Saint Barthelemy', SH: 'Saint Helena  Ascension  And Tristan Da Cunha',
  KN: 'Saint Kitts And Nevis', LC: 'Saint Lucia', MF: 'Saint Martin', PM: 'Saint Pierre And Miquelon',
  VC: 'Saint Vincent And The Grenadines', ST: 'Sao Tome And Principe', GS: 'South Georgia And South Sandwich Islands',
  SJ: 'Svalbard', BS: 'The Bahamas', GM: 'The Gambia', TT: 'Trinidad And Tobago', TC: 'Turks And Caicos Islands',
  WF: 'Wallis And Futuna',
};

/**
 * Other spellings of the original's dictionaries that name a country, accepted in filters: the Palestinian
 * territories were two entries there (a city there links the ICU name, as one code cannot give back both), and its
 * names.csv and country-dico.txt spelt a few countries their own way.
 */
export const ORIGINAL_COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  'Gaza Strip': 'PS', 'West Bank': 'PS', Arabia: 'SA', 'Czech Republic': 'CZ', Korea: 'KR', 'Antigua and Deps': 'AG',
  'Bosnia Herzegovina': 'BA', Burkina: 'BF', 'Central African Rep': 'CF', Congo: 'CG', 'Korea North': 'KP', 'Korea South': 'KR',
  'St Kitts and Nevis': 'KN', 'St Lucia': 'LC', 'Saint Vincent & the Grenadines': 'VC',
};
