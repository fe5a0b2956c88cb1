// @ts-check
// Every word the scan page shows, in each language it speaks. The French table is typed with
// the English keys, so a string missing in one language does not compile (npm run check).

export const en = {
  title: 'Envelope intake',
  noscript: 'This page needs JavaScript.',
  signedInAs: 'Signed in as {name} ({role})',
  signOut: 'Sign out',
  language: 'Language',
  loading: 'Loading…',

  signInHeading: 'Sign in',
  email: 'E-mail',
  password: 'Password',
  signIn: 'Sign in',
  signInFailed: 'Sign-in failed.',
  signedOutAgain: 'Your session ended. Sign in again to go on: nothing scanned is lost.',

  setupHeading: 'Start scanning',
  election: 'Election',
  noElection: 'No election is open for postal returns.',
  station: 'Station code',
  stationHint: 'The code on your desk, for example D2 (1 to 8 letters or digits).',
  startSession: 'Start',
  joinedSession: 'Station {station} already had a session open (since {time}): you are scanning in it.',

  scanLabel: 'Scan the barcode, or type the identity code and press Enter',
  sessionLine: '{election} · station {station}',
  waiting: 'Ready: scan the first envelope.',
  sending: 'Checking…',
  retrying: 'No connection: retrying ({count} waiting). Keep the envelope aside until its verdict shows.',
  queued: '{count} waiting',
  notRecorded: 'NOT RECORDED',
  notRecordedHint: 'Scan this envelope again.',

  verdict_accept: 'ACCEPT',
  verdict_hold: 'HOLD',
  verdict_reject: 'REJECT',
  place: 'Tray {tray} · position {position}',
  firstScan: 'First one: tray {tray} · position {position}, {time}',
  announce: '{verdict}. {place}. {message}',

  countsHeading: 'This session',
  count_accept: 'Accepted',
  count_hold: 'Held',
  count_reject: 'Rejected',
  count_undone: 'Undone',
  count_total: 'All scans',
  trayCount: 'Envelopes in tray {tray}: {count}',
  historyHeading: 'Last scans',
  historyEmpty: 'Nothing scanned yet.',
  undone: 'undone',
  entry_barcode: 'scanned',
  entry_keyed: 'typed',

  undo: 'Undo last scan',
  askSupervisor: 'To undo a scan, ask a supervisor.',
  undoHeading: 'Undo the last scan',
  undoReason: 'Reason (required, at least 3 characters)',
  undoConfirm: 'Undo',
  cancel: 'Cancel',
  undoneNotice: 'Undone: take the envelope out of tray {tray}, position {position}.',

  closeSession: 'Close session',
  closeHeading: 'Close this session?',
  closeText: 'No more envelopes can be scanned in it.',
  closeConfirm: 'Close session',
  closedNotice: 'Session {station} closed. Scans: {total}.',

  error: 'Something went wrong: {message}',
};

/** @typedef {keyof typeof en} MessageKey */

/** @type {Record<MessageKey, string>} */
export const fr = {
  title: 'Réception des enveloppes',
  noscript: 'Cette page a besoin de JavaScript.',
  signedInAs: 'Connecté·e : {name} ({role})',
  signOut: 'Se déconnecter',
  language: 'Langue',
  loading: 'Chargement…',

  signInHeading: 'Connexion',
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  signInFailed: 'La connexion a échoué.',
  signedOutAgain: 'Votre session a pris fin. Reconnectez-vous pour continuer : rien de ce qui a été scanné n’est perdu.',

  setupHeading: 'Commencer à scanner',
  election: 'Scrutin',
  noElection: 'Aucun scrutin n’est ouvert aux retours postaux.',
  station: 'Code du poste',
  stationHint: 'Le code de votre table, par exemple D2 (1 à 8 lettres ou chiffres).',
  startSession: 'Commencer',
  joinedSession: 'Le poste {station} avait déjà une session ouverte (depuis {time}) : vous scannez dans celle-ci.',

  scanLabel: 'Scannez le code-barres, ou tapez le code d’identification puis Entrée',
  sessionLine: '{election} · poste {station}',
  waiting: 'Prêt : scannez la première enveloppe.',
  sending: 'Vérification…',
  retrying: 'Pas de connexion : nouvel essai ({count} en attente). Gardez l’enveloppe de côté jusqu’à son verdict.',
  queued: '{count} en attente',
  notRecorded: 'NON ENREGISTRÉ',
  notRecordedHint: 'Scannez de nouveau cette enveloppe.',

  verdict_accept: 'ACCEPTER',
  verdict_hold: 'GARDER',
  verdict_reject: 'REJETER',
  place: 'Bac {tray} · position {position}',
  firstScan: 'La première : bac {tray} · position {position}, {time}',
  announce: '{verdict}. {place}. {message}',

  countsHeading: 'Cette session',
  count_accept: 'Acceptées',
  count_hold: 'Gardées',
  count_reject: 'Rejetées',
  count_undone: 'Annulées',
  count_total: 'Tous les scans',
  trayCount: 'Enveloppes dans le bac {tray} : {count}',
  historyHeading: 'Derniers scans',
  historyEmpty: 'Rien de scanné pour l’instant.',
  undone: 'annulé',
  entry_barcode: 'scanné',
  entry_keyed: 'tapé',

  undo: 'Annuler le dernier scan',
  askSupervisor: 'Pour annuler un scan, demandez à un·e superviseur·e.',
  undoHeading: 'Annuler le dernier scan',
  undoReason: 'Motif (obligatoire, 3 caractères au moins)',
  undoConfirm: 'Annuler le scan',
  cancel: 'Retour',
  undoneNotice: 'Annulé : retirez l’enveloppe du bac {tray}, position {position}.',

  closeSession: 'Fermer la session',
  closeHeading: 'Fermer cette session ?',
  closeText: 'On ne pourra plus y scanner d’enveloppes.',
  closeConfirm: 'Fermer la session',
  closedNotice: 'Session {station} fermée. Scans : {total}.',

  error: 'Une erreur est survenue : {message}',
};

export const messages = { en, fr };

// The API explains each verdict in English (`message`). In French the page says it from the
// verdict and the reason code instead; a code it does not know yet keeps the API's words.
/** @type {Record<string, string>} */
export const frVerdictMessages = {
  accept: 'Ce vote par correspondance compte : l’enveloppe pourra être ouverte au dépouillement.',
  hold: 'Garder l’enveloppe fermée : un vote en ligne peut encore la remplacer jusqu’à la clôture du vote en ligne.',
  unknown_format: 'Ce n’est pas un code d’identification. Scannez le code-barres du coupon-réponse, ou tapez le code imprimé dessous.',
  letter_qr_code: 'C’est le QR code de la lettre, pas celui du coupon-réponse. Scannez le code-barres du coupon-réponse.',
  bad_check_characters: 'Code mal tapé (le caractère de contrôle ne correspond pas). Tapez-le de nouveau avec soin.',
  unknown_election: 'Code non valable : aucun scrutin n’a ce code.',
  other_election: 'Cette enveloppe appartient à un autre scrutin. Mettez-la de côté pour ce scrutin.',
  bad_mac: 'Code non valable : il n’a pas été émis pour ce scrutin.',
  unknown_pack: 'Code non valable : aucun pli de ce scrutin ne porte ce numéro.',
  voided_pack: 'Ce pli a été remplacé par un nouveau ; son retour ne compte pas.',
  duplicate_return: 'Un retour de ce pli est déjà enregistré.',
  not_eligible: 'Ce membre ne peut pas voter à ce scrutin.',
  channel_not_allowed: 'Ce membre ne peut pas voter par correspondance.',
  online_not_open: 'Le vote en ligne n’est pas ouvert.',
  online_closed: 'Le vote en ligne est clos.',
  election_not_open: 'Le scrutin n’est pas ouvert aux retours.',
  late: 'Arrivée après la date limite : ce vote ne compte pas.',
  already_voted_online: 'Ce membre a déjà voté en ligne : ce vote par correspondance ne compte pas.',
  already_voted_by_post: 'Ce membre a déjà voté par correspondance.',
  revoting_not_allowed: 'Ce scrutin ne permet pas de voter une seconde fois.',
};

/** @typedef {keyof typeof messages} Language */

/**
 * The string for `key` with each `{name}` replaced; an unknown language falls back to English.
 * @param {string} lang
 * @param {MessageKey} key
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function translate(lang, key, params = {}) {
  const table = lang === 'fr' ? fr : en;
  return table[key].replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
