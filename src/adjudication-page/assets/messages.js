// @ts-check
// Every word the adjudication page shows, in each language it speaks. The French tables are
// typed with the English keys, so a string missing in one language does not compile.

export const en = {
  title: 'Adjudication of scanned papers',
  signedInAs: 'Signed in as {name} ({role})',
  signOut: 'Sign out',
  language: 'Language',
  loading: 'Loading…',

  signInHeading: 'Sign in',
  email: 'E-mail',
  password: 'Password',
  signIn: 'Sign in',
  signInFailed: 'Sign-in failed.',
  signedOutAgain: 'Your session ended. Sign in again to go on: every decision recorded is kept.',

  chooseHeading: 'Which pages?',
  election: 'Election',
  noElection: 'No election is being counted.',
  batch: 'Batch',
  allBatches: 'All batches',
  batchOption: '{label} ({count} in adjudication)',
  openQueue: 'Show the pages',
  changeQueue: 'Change election or batch',

  queueLine: '{election} · {batch}',
  inAdjudication: 'Pages in adjudication: {count}',
  waitingForPages: 'Clean pages waiting for the rest of their paper: {count}',
  position: 'Page {n} of {count}',
  queueEmpty: 'No page waits for a decision here.',
  refresh: 'Look again',
  skip: 'Skip to the next page',

  imageHeading: 'The scanned page',
  zoom: 'Zoom',
  fitWidth: 'Fit to width',
  actualSize: '100 %',
  imageAlt: 'Scan of the ballot paper with each answer box outlined and its fill written beside it.',
  imageLegend: 'Outlines: green = marked, orange = unsure, blue = empty.',
  imageMissing: 'The image of this page could not be shown.',

  reasonsHeading: 'Why this page needs a person',
  readingHeading: 'What the machine measured',
  col_answer: 'Answer',
  col_fill: 'Ink',
  col_trace: 'Trace',
  col_verdict: 'Machine verdict',
  blankBox: 'Blank vote box',
  verdict_marked: 'marked',
  verdict_marginal: 'unsure',
  verdict_empty: 'empty',
  noBoxes: 'No box could be measured on this page.',
  thresholds: 'Thresholds this page was read with: empty below {empty}, marked from {marked} of ink; in between a person decides.',
  proposal: 'The machine proposes: {proposal}',
  proposal_none: 'nothing (it could not read the page)',
  proposal_blank: 'a blank paper',
  proposal_invalid: 'an invalid paper ({reason})',
  noAnswer: 'no answer',

  decisionHeading: 'Your decision',
  outcome: 'What does this paper say?',
  outcome_choices: 'Count the answers ticked below',
  outcome_blank: 'Blank paper (no mark at all)',
  outcome_invalid: 'Invalid paper',
  outcome_discard: 'Discard this scan (not counted: duplicate scan, photocopy…)',
  questionLegend: '{question} (choose {min} to {max})',
  questionUpTo: '{question} (choose at most {max})',
  questionExactly: '{question} (choose {max})',
  invalidReason: 'Why is it invalid?',
  paperId: 'Paper ID printed under the barcode',
  paperIdHint: 'The machine could not read the barcode. Type the ID printed under it. Not needed to discard, nor for “not genuine”, “barcode missing” or “no ballot paper”.',
  note: 'Reason for your decision (required)',
  noteHint: 'What you saw, for the record (3 to 500 characters).',
  submit: 'Record the decision',
  supervisorOnly: 'You can look at this queue, but only a count supervisor can record a decision.',
  shortcuts: 'Keys: F fit to width, Z 100 %, N next page (not while typing); Ctrl+Enter records.',

  discardHeading: 'Discard this scan?',
  discardText: 'Nothing will be counted from this page. Do this for a second scan of a paper already counted, or a photocopy.',
  discardConfirm: 'Discard the scan',
  cancel: 'Go back',

  recordedNotice: 'Decision recorded ({kind}).',
  discardedNotice: 'Scan discarded: nothing counted from it.',
  kind_valid: 'valid paper',
  kind_blank: 'blank paper',
  kind_invalid: 'invalid paper',

  noteMissing: 'Write the reason for your decision (at least 3 characters).',
  err_paper_already_used: 'This paper is already counted: a photocopy, or the same paper scanned twice. Discard this scan, or record it as invalid (not genuine).',
  err_paper_not_printed: 'This paper ID was not printed for this election. Check the ID; otherwise record the paper as invalid (not genuine).',
  err_paper_id_required: 'The barcode could not be read: type the paper ID printed under it, or record the paper as invalid (barcode missing).',
  err_paper_id_invalid: 'This is not a paper ID: check what you typed.',
  err_paper_id_not_expected: 'No paper ID is needed for this decision: leave the field empty.',
  err_paper_in_dispute: 'This paper is being keyed by hand in a batch and waits for a supervisor there. Settle that first.',
  err_paper_awaiting_other_batch: 'This paper was keyed in another batch and waits for its second entry there.',
  err_scan_page_settled: 'Someone has decided this page already. The list has been reloaded.',
  err_forbidden: 'Only a count supervisor can record a decision. Your account can look but not decide.',
  err_batch_closed: 'This batch is closed: nothing can be recorded in it.',
  err_election_not_counting: 'This election is not being counted any more.',
  err_scan_page_not_found: 'This page is no longer in the queue. The list has been reloaded.',
  err_validation: 'The decision was refused: {message}',
  error: 'Something went wrong: {message}',
};

/** @typedef {keyof typeof en} MessageKey */

/** @type {Record<MessageKey, string>} */
export const fr = {
  title: 'Arbitrage des bulletins scannés',
  signedInAs: 'Connecté·e : {name} ({role})',
  signOut: 'Se déconnecter',
  language: 'Langue',
  loading: 'Chargement…',

  signInHeading: 'Connexion',
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  signInFailed: 'La connexion a échoué.',
  signedOutAgain: 'Votre session a pris fin. Reconnectez-vous pour continuer : chaque décision enregistrée est conservée.',

  chooseHeading: 'Quelles pages ?',
  election: 'Scrutin',
  noElection: 'Aucun scrutin n’est en cours de dépouillement.',
  batch: 'Lot',
  allBatches: 'Tous les lots',
  batchOption: '{label} ({count} à arbitrer)',
  openQueue: 'Afficher les pages',
  changeQueue: 'Changer de scrutin ou de lot',

  queueLine: '{election} · {batch}',
  inAdjudication: 'Pages à arbitrer : {count}',
  waitingForPages: 'Pages lues sans doute, en attente des autres pages de leur bulletin : {count}',
  position: 'Page {n} sur {count}',
  queueEmpty: 'Aucune page n’attend de décision ici.',
  refresh: 'Vérifier de nouveau',
  skip: 'Passer à la page suivante',

  imageHeading: 'La page scannée',
  zoom: 'Zoom',
  fitWidth: 'Pleine largeur',
  actualSize: '100 %',
  imageAlt: 'Scan du bulletin, chaque case de réponse encadrée avec son remplissage écrit à côté.',
  imageLegend: 'Cadres : vert = cochée, orange = incertaine, bleu = vide.',
  imageMissing: 'L’image de cette page n’a pas pu être affichée.',

  reasonsHeading: 'Pourquoi cette page demande une personne',
  readingHeading: 'Ce que la machine a mesuré',
  col_answer: 'Réponse',
  col_fill: 'Encre',
  col_trace: 'Trace',
  col_verdict: 'Avis de la machine',
  blankBox: 'Case « vote blanc »',
  verdict_marked: 'cochée',
  verdict_marginal: 'incertaine',
  verdict_empty: 'vide',
  noBoxes: 'Aucune case n’a pu être mesurée sur cette page.',
  thresholds: 'Seuils appliqués à cette page : vide sous {empty}, cochée à partir de {marked} d’encre ; entre les deux, une personne décide.',
  proposal: 'La machine propose : {proposal}',
  proposal_none: 'rien (elle n’a pas pu lire la page)',
  proposal_blank: 'un bulletin blanc',
  proposal_invalid: 'un bulletin nul ({reason})',
  noAnswer: 'aucune réponse',

  decisionHeading: 'Votre décision',
  outcome: 'Que dit ce bulletin ?',
  outcome_choices: 'Compter les réponses cochées ci-dessous',
  outcome_blank: 'Bulletin blanc (aucune marque)',
  outcome_invalid: 'Bulletin nul',
  outcome_discard: 'Écarter ce scan (non compté : scan en double, photocopie…)',
  questionLegend: '{question} (de {min} à {max} choix)',
  questionUpTo: '{question} ({max} choix au plus)',
  questionExactly: '{question} ({max} choix)',
  invalidReason: 'Pourquoi est-il nul ?',
  paperId: 'Identifiant imprimé sous le code-barres',
  paperIdHint: 'La machine n’a pas pu lire le code-barres. Tapez l’identifiant imprimé dessous. Inutile pour écarter le scan, ni pour « pas authentique », « code-barres absent » ou « pas de bulletin ».',
  note: 'Motif de votre décision (obligatoire)',
  noteHint: 'Ce que vous avez vu, pour le procès-verbal (3 à 500 caractères).',
  submit: 'Enregistrer la décision',
  supervisorOnly: 'Vous pouvez consulter cette file, mais seul·e un·e superviseur·e du dépouillement peut enregistrer une décision.',
  shortcuts: 'Touches : F pleine largeur, Z 100 %, N page suivante (hors saisie) ; Ctrl+Entrée enregistre.',

  discardHeading: 'Écarter ce scan ?',
  discardText: 'Rien ne sera compté de cette page. À faire pour un second scan d’un bulletin déjà compté, ou une photocopie.',
  discardConfirm: 'Écarter le scan',
  cancel: 'Retour',

  recordedNotice: 'Décision enregistrée ({kind}).',
  discardedNotice: 'Scan écarté : rien n’en est compté.',
  kind_valid: 'bulletin valable',
  kind_blank: 'bulletin blanc',
  kind_invalid: 'bulletin nul',

  noteMissing: 'Écrivez le motif de votre décision (3 caractères au moins).',
  err_paper_already_used: 'Ce bulletin est déjà compté : une photocopie, ou le même bulletin scanné deux fois. Écartez ce scan, ou enregistrez-le comme nul (pas authentique).',
  err_paper_not_printed: 'Cet identifiant n’a pas été imprimé pour ce scrutin. Vérifiez-le ; sinon enregistrez le bulletin comme nul (pas authentique).',
  err_paper_id_required: 'Le code-barres est illisible : tapez l’identifiant imprimé dessous, ou enregistrez le bulletin comme nul (code-barres absent).',
  err_paper_id_invalid: 'Ce n’est pas un identifiant de bulletin : vérifiez la saisie.',
  err_paper_id_not_expected: 'Aucun identifiant n’est nécessaire pour cette décision : laissez le champ vide.',
  err_paper_in_dispute: 'Ce bulletin est saisi à la main dans un lot et y attend un·e superviseur·e. Réglez cela d’abord.',
  err_paper_awaiting_other_batch: 'Ce bulletin a été saisi dans un autre lot et y attend sa seconde saisie.',
  err_scan_page_settled: 'Quelqu’un a déjà décidé de cette page. La liste a été rechargée.',
  err_forbidden: 'Seul·e un·e superviseur·e du dépouillement peut enregistrer une décision. Votre compte peut consulter, pas décider.',
  err_batch_closed: 'Ce lot est clos : on ne peut plus rien y enregistrer.',
  err_election_not_counting: 'Ce scrutin n’est plus en cours de dépouillement.',
  err_scan_page_not_found: 'Cette page n’est plus dans la file. La liste a été rechargée.',
  err_validation: 'La décision a été refusée : {message}',
  error: 'Une erreur est survenue : {message}',
};

export const messages = { en, fr };

// Every reason the reader or the scan service gives (AdjudicationReason, src/scan/read/types.ts),
// said as a supervisor needs to hear it: what happened and what to do.
export const reasonSentences = {
  en: {
    registration_not_found: 'The four corner marks were not found: a folded or cut corner, a cropped scan, or not one of our ballot papers.',
    barcode_unreadable: 'The corner marks were found but the barcode could not be read: type the paper ID printed under it.',
    barcode_not_a_paper_id: 'There is a barcode, but it is not one of our paper IDs.',
    ballot_page_unknown: 'The barcode names a page this election’s ballot paper does not have: probably another election’s paper.',
    upside_down: 'The page was fed upside down. It was read anyway: check the reading.',
    sideways: 'The page was fed sideways. It was read anyway: check the reading.',
    marginal_mark: 'At least one box is neither clearly marked nor clearly empty (a faint pencil line, a small tick): look at it.',
    over_vote: 'More answers are marked than the question allows.',
    under_vote: 'Fewer answers are marked than the question asks for.',
    paper_not_printed: 'This paper ID was not printed for this election: another election’s paper, or a forgery.',
    paper_already_used: 'This paper is already counted: a photocopy, or the same paper scanned twice.',
    ballot_page_already_read: 'This page of the paper was read before and still waits.',
  },
  fr: {
    registration_not_found: 'Les quatre repères d’angle sont introuvables : coin plié ou coupé, scan rogné, ou ce n’est pas un de nos bulletins.',
    barcode_unreadable: 'Les repères sont trouvés mais le code-barres est illisible : tapez l’identifiant imprimé dessous.',
    barcode_not_a_paper_id: 'Il y a un code-barres, mais ce n’est pas un de nos identifiants de bulletin.',
    ballot_page_unknown: 'Le code-barres désigne une page que le bulletin de ce scrutin n’a pas : sans doute le bulletin d’un autre scrutin.',
    upside_down: 'La page a été passée à l’envers. Elle a été lue quand même : vérifiez la lecture.',
    sideways: 'La page a été passée de travers (sur le côté). Elle a été lue quand même : vérifiez la lecture.',
    marginal_mark: 'Au moins une case n’est ni nettement cochée ni nettement vide (trait de crayon léger, petite coche) : regardez-la.',
    over_vote: 'Plus de réponses sont cochées que la question n’en permet.',
    under_vote: 'Moins de réponses sont cochées que la question n’en demande.',
    paper_not_printed: 'Cet identifiant n’a pas été imprimé pour ce scrutin : bulletin d’un autre scrutin, ou contrefaçon.',
    paper_already_used: 'Ce bulletin est déjà compté : une photocopie, ou le même bulletin scanné deux fois.',
    ballot_page_already_read: 'Cette page du bulletin a déjà été lue et attend encore.',
  },
};

// The keyed-entry vocabulary of invalid papers (INVALID_REASONS, src/count/paper-content.ts).
export const invalidReasonLabels = {
  en: {
    over_vote: 'too many answers marked',
    under_vote: 'too few answers marked',
    identifying_marks: 'marks that identify the voter',
    unclear_intent: 'the voter’s intent is unclear',
    not_genuine: 'not genuine (photocopy, forgery)',
    paper_missing_barcode: 'barcode missing or torn off',
    no_ballot_paper: 'no ballot paper (empty envelope, something else)',
  },
  fr: {
    over_vote: 'trop de réponses cochées',
    under_vote: 'pas assez de réponses cochées',
    identifying_marks: 'signes permettant d’identifier l’électeur',
    unclear_intent: 'l’intention de l’électeur n’est pas claire',
    not_genuine: 'pas authentique (photocopie, contrefaçon)',
    paper_missing_barcode: 'code-barres absent ou arraché',
    no_ballot_paper: 'pas de bulletin (enveloppe vide, autre chose)',
  },
};

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
