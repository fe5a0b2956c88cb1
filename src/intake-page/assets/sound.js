// @ts-check
// Each verdict has its own sound, so the operator knows it without looking up: one high beep to
// accept, two rising tones to hold, two low beeps to reject. Generated with the Web Audio API:
// no audio files to load or to be blocked.

/** @typedef {import('./api.js').Verdict} Verdict */
/** @typedef {{ hz: number, at: number, seconds: number, wave: OscillatorType }} Tone */

/** @type {Record<Verdict, Tone[]>} */
export const TONES = {
  accept: [{ hz: 1046, at: 0, seconds: 0.14, wave: 'sine' }],
  hold: [
    { hz: 523, at: 0, seconds: 0.14, wave: 'triangle' },
    { hz: 784, at: 0.18, seconds: 0.2, wave: 'triangle' },
  ],
  reject: [
    { hz: 196, at: 0, seconds: 0.2, wave: 'square' },
    { hz: 196, at: 0.3, seconds: 0.2, wave: 'square' },
  ],
};

/** @type {AudioContext | null} */
let context = null;

/** Browsers start audio only after a user gesture: call this from a key or click handler. */
export function unlockAudio() {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  if (context.state === 'suspended') void context.resume();
}

/** @param {Verdict} verdict */
export function playVerdict(verdict) {
  if (!context) return;
  const start = context.currentTime + 0.01;
  for (const tone of TONES[verdict]) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.type = tone.wave;
    osc.frequency.value = tone.hz;
    // A short ramp in and out: no click at either end.
    gain.gain.setValueAtTime(0, start + tone.at);
    gain.gain.linearRampToValueAtTime(0.25, start + tone.at + 0.01);
    gain.gain.setValueAtTime(0.25, start + tone.at + tone.seconds - 0.02);
    gain.gain.linearRampToValueAtTime(0, start + tone.at + tone.seconds);
    osc.connect(gain).connect(context.destination);
    osc.start(start + tone.at);
    osc.stop(start + tone.at + tone.seconds);
  }
}
