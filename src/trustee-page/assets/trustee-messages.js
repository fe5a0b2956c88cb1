// @ts-check
// Every word the trustee page shows, in each language it speaks. The French table is typed with
// the English keys, so a string missing in one language does not compile.

export const en = {
  language: 'Language',
  heading: 'Trustee tools',
  intro: 'As a trustee you hold a key without which the online ballots cannot be counted. Here you create that key before the election opens, check that the election uses it, and decrypt the tally when voting is over.',
  neverSent: 'Your private key is created, read and used in this browser only. It is never sent to the server: only your public key and your proven partial decryption are.',
  accountHeading: 'Your staff account',
  accountIntro: 'Checking your key and uploading your decryption need a staff account with the trustee or administrator role. Creating a key does not.',
  email: 'E-mail address',
  password: 'Password',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signedInAs: 'Signed in as {name} ({role}).',
  signInMissing: 'Enter your e-mail address and your password.',
  signInFailed: 'Sign-in failed: {message}',
  keygenHeading: '1. Create your key',
  keygenIntro: 'Do this once, before the election opens. Keep the private key file offline (on a USB stick in a safe place, for example): without it your part of the tally cannot be decrypted, and no one can make you a new one once the election is open.',
  generate: 'Create a key',
  keyCreated: 'Your key is ready. Save the private key now: it is shown only once.',
  savePrivate: 'Save your private key file and keep it secret.',
  downloadPrivate: 'Download the private key ({file})',
  publicKey: 'Your public key, for the election administrator',
  publicKeyHint: 'Send it to the administrator, who registers it for the election. It can be shared freely.',
  copy: 'Copy the public key',
  copied: 'Public key copied.',
  copyFailed: 'Could not copy: select the text and copy it yourself.',
  downloadPublic: 'Download the public key',
  checkHeading: '2. Check that the election uses your key',
  checkIntro: 'Before the election opens, choose your private key file: the page computes its public part here and looks for it among the election’s trustees.',
  keyFile: 'Your private key file (.privkey or .share)',
  keyFileHint: 'The file is read by this page only; it is not uploaded.',
  keyMissing: 'Choose your private key file.',
  keyInvalid: 'This file is not a trustee key ({detail}). Choose the .privkey or .share file you saved.',
  checkButton: 'Check my key',
  checking: 'Checking…',
  checkFound: 'Your key is in this election: trustee {owner} ({name}).',
  checkFoundShare: 'Your share is in this election: member {member} of the group {name} ({threshold} of {size} needed), trustee {owner}.',
  checkMissing: 'Your key is NOT among this election’s trustees (your public key: {publicKey}). Do not let the election open: tell the administrator.',
  decryptHeading: '3. Decrypt the tally',
  decryptIntro: 'When voting is over and the administrator has started the tally, choose your private key file. This page computes your partial decryption, checks it, and uploads it with its proof.',
  decryptButton: 'Decrypt and upload',
  decrypting: 'Decrypting… this can take a few seconds.',
  decryptDone: 'Your partial decryption (trustee {owner}) was accepted. {decrypted} of {needed} needed decryptions are in.',
  decryptDoneReady: 'Your partial decryption (trustee {owner}) was accepted. That was enough: the result is being computed.',
  decryptAlready: 'Your partial decryption (trustee {owner}) had already been accepted.',
  decryptNotUploaded: 'Your partial decryption (trustee {owner}) is computed and verified, but the server did not take it: {reason}. Download it below and give it to the administrator, or try again.',
  downloadPartial: 'Download my partial decryption',
  notSignedIn: 'sign in above first (trustee or administrator account)',
  tallyNotReady: 'The encrypted tally is not ready yet. Try again once the administrator has closed voting and started the tally.',
  notATrustee: 'This key is not one of this election’s trustees. Check that you chose the right file and the right election.',
  electionMismatch: 'The server’s tally data is inconsistent ({detail}). Do not upload anything; tell the administrator and the observers.',
  selfCheckFailed: 'The decryption computed here does not verify. Do not upload it; try again, or on another computer.',
  error: 'Something went wrong: {message}',
  networkFailed: 'No connection to the server. Check your connection and try again.',
};

/** @typedef {keyof typeof en} MessageKey */

/** @type {Record<MessageKey, string>} */
export const fr = {
  language: 'Langue',
  heading: 'Outils des gardiens de clé',
  intro: 'En tant que gardien ou gardienne de clé, vous détenez une clé sans laquelle les bulletins en ligne ne peuvent pas être dépouillés. Ici, vous créez cette clé avant l’ouverture du scrutin, vérifiez que le scrutin l’utilise, et déchiffrez le résultat une fois le vote terminé.',
  neverSent: 'Votre clé privée est créée, lue et utilisée dans ce navigateur uniquement. Elle n’est jamais envoyée au serveur : seuls votre clé publique et votre déchiffrement partiel prouvé le sont.',
  accountHeading: 'Votre compte',
  accountIntro: 'Vérifier votre clé et envoyer votre déchiffrement demandent un compte avec le rôle gardien de clé ou administrateur. Créer une clé, non.',
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  signOut: 'Se déconnecter',
  signedInAs: 'Connecté·e en tant que {name} ({role}).',
  signInMissing: 'Saisissez votre adresse e-mail et votre mot de passe.',
  signInFailed: 'Connexion impossible : {message}',
  keygenHeading: '1. Créer votre clé',
  keygenIntro: 'À faire une fois, avant l’ouverture du scrutin. Gardez le fichier de clé privée hors ligne (sur une clé USB en lieu sûr, par exemple) : sans lui, votre part du résultat ne peut pas être déchiffrée, et personne ne peut vous en refaire une une fois le scrutin ouvert.',
  generate: 'Créer une clé',
  keyCreated: 'Votre clé est prête. Enregistrez la clé privée maintenant : elle n’est affichée qu’une fois.',
  savePrivate: 'Enregistrez votre fichier de clé privée et gardez-le secret.',
  downloadPrivate: 'Télécharger la clé privée ({file})',
  publicKey: 'Votre clé publique, pour l’administrateur du scrutin',
  publicKeyHint: 'Envoyez-la à l’administrateur, qui l’enregistre pour le scrutin. Elle peut être partagée librement.',
  copy: 'Copier la clé publique',
  copied: 'Clé publique copiée.',
  copyFailed: 'Copie impossible : sélectionnez le texte et copiez-le vous-même.',
  downloadPublic: 'Télécharger la clé publique',
  checkHeading: '2. Vérifier que le scrutin utilise votre clé',
  checkIntro: 'Avant l’ouverture du scrutin, choisissez votre fichier de clé privée : la page en calcule ici la partie publique et la cherche parmi les gardiens de clé du scrutin.',
  keyFile: 'Votre fichier de clé privée (.privkey ou .share)',
  keyFileHint: 'Le fichier est lu par cette page uniquement ; il n’est pas envoyé.',
  keyMissing: 'Choisissez votre fichier de clé privée.',
  keyInvalid: 'Ce fichier n’est pas une clé de gardien ({detail}). Choisissez le fichier .privkey ou .share que vous avez enregistré.',
  checkButton: 'Vérifier ma clé',
  checking: 'Vérification…',
  checkFound: 'Votre clé est dans ce scrutin : gardien {owner} ({name}).',
  checkFoundShare: 'Votre part est dans ce scrutin : membre {member} du groupe {name} ({threshold} sur {size} nécessaires), gardien {owner}.',
  checkMissing: 'Votre clé n’est PAS parmi les gardiens de ce scrutin (votre clé publique : {publicKey}). Ne laissez pas le scrutin ouvrir : prévenez l’administrateur.',
  decryptHeading: '3. Déchiffrer le résultat',
  decryptIntro: 'Une fois le vote terminé et le dépouillement lancé par l’administrateur, choisissez votre fichier de clé privée. Cette page calcule votre déchiffrement partiel, le vérifie, et l’envoie avec sa preuve.',
  decryptButton: 'Déchiffrer et envoyer',
  decrypting: 'Déchiffrement… cela peut prendre quelques secondes.',
  decryptDone: 'Votre déchiffrement partiel (gardien {owner}) a été accepté. {decrypted} sur {needed} déchiffrements nécessaires sont arrivés.',
  decryptDoneReady: 'Votre déchiffrement partiel (gardien {owner}) a été accepté. C’était le dernier nécessaire : le résultat est en cours de calcul.',
  decryptAlready: 'Votre déchiffrement partiel (gardien {owner}) avait déjà été accepté.',
  decryptNotUploaded: 'Votre déchiffrement partiel (gardien {owner}) est calculé et vérifié, mais le serveur ne l’a pas pris : {reason}. Téléchargez-le ci-dessous et remettez-le à l’administrateur, ou réessayez.',
  downloadPartial: 'Télécharger mon déchiffrement partiel',
  notSignedIn: 'connectez-vous d’abord ci-dessus (compte gardien de clé ou administrateur)',
  tallyNotReady: 'Le résultat chiffré n’est pas encore prêt. Réessayez quand l’administrateur aura clos le vote et lancé le dépouillement.',
  notATrustee: 'Cette clé n’est pas celle d’un gardien de ce scrutin. Vérifiez que vous avez choisi le bon fichier et le bon scrutin.',
  electionMismatch: 'Les données de dépouillement du serveur sont incohérentes ({detail}). N’envoyez rien ; prévenez l’administrateur et les observateurs.',
  selfCheckFailed: 'Le déchiffrement calculé ici ne se vérifie pas. Ne l’envoyez pas ; réessayez, ou sur un autre ordinateur.',
  error: 'Une erreur s’est produite : {message}',
  networkFailed: 'Pas de connexion au serveur. Vérifiez votre connexion et réessayez.',
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

/**
 * Puts each `data-i18n` key's words into its element, in the page's language.
 * @param {ParentNode} root
 * @param {string} lang
 */
export function applyTranslations(root, lang) {
  for (const el of Array.from(root.querySelectorAll('[data-i18n]'))) {
    el.textContent = translate(lang, /** @type {MessageKey} */ (el.getAttribute('data-i18n')));
  }
}
