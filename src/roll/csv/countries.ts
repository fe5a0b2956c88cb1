// ISO 3166-1 alpha-2 officially assigned codes (249), and what we can check of postcodes cheaply.
const ASSIGNED =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
  'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
  'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
  'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

export const COUNTRY_CODES: ReadonlySet<string> = new Set(ASSIGNED.split(' '));

// Countries whose mail needs no postcode (Universal Postal Union address data). Ireland's
// Eircode is optional in practice, so it is here too.
const NO_POSTCODE =
  'AE AG AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GQ GY HK IE JM KI KM KN KP LY ML MO MR ' +
  'MW NR NU QA RW SB SC SL SO SR SS ST SY TD TF TG TK TL TO TV UG VU YE ZW';

export const POSTCODE_OPTIONAL: ReadonlySet<string> = new Set(NO_POSTCODE.split(' '));

// Formats for the largest member populations, after normalisation (upper case, single spaces).
// Anchored, no nested quantifiers: linear time whatever the input.
export const POSTCODE_FORMATS: Readonly<Record<string, RegExp>> = {
  GB: /^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$/,
  US: /^[0-9]{5}(-[0-9]{4})?$/,
  CA: /^[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]$/,
  DE: /^[0-9]{5}$/,
  FR: /^[0-9]{5}$/,
  IT: /^[0-9]{5}$/,
  ES: /^[0-9]{5}$/,
  NL: /^[0-9]{4} ?[A-Z]{2}$/,
  BE: /^[0-9]{4}$/,
  AT: /^[0-9]{4}$/,
  CH: /^[0-9]{4}$/,
  DK: /^[0-9]{4}$/,
  NO: /^[0-9]{4}$/,
  AU: /^[0-9]{4}$/,
  NZ: /^[0-9]{4}$/,
  SE: /^[0-9]{3} ?[0-9]{2}$/,
  PL: /^[0-9]{2}-[0-9]{3}$/,
  PT: /^[0-9]{4}-[0-9]{3}$/,
  JP: /^[0-9]{3}-?[0-9]{4}$/,
};

/** Any postcode elsewhere: letters, digits, spaces and hyphens, starting with a letter or digit. */
export const POSTCODE_GENERIC = /^[A-Z0-9][A-Z0-9 -]{1,11}$/;
