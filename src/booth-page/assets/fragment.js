// @ts-check
// The letter's QR code opens /vote/<election>#vid=<Voting ID>&cred=<credential>: a fragment,
// which browsers never send to the server. The page reads it once, keeps the credential in
// memory for the last step, and clears the address bar.

/**
 * @param {string} hash location.hash, with or without the leading '#'
 * @returns {{ votingId: string, credential: string }} empty strings for what is absent
 */
export function parseFragment(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  // URLSearchParams reads '+' as a space; neither code contains one, so trimming is enough.
  const votingId = (params.get('vid') ?? '').trim().slice(0, 64);
  const credential = (params.get('cred') ?? '').trim().slice(0, 64);
  return { votingId, credential };
}
