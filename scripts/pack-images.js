#!/usr/bin/env node
// Renders the sample packs shown in docs/images/packs/ (A4 at 100 dpi, one PNG per page kind):
// `npm run build && node scripts/pack-images.js [outDir]`. Needs pdftoppm (poppler-utils).
// Fixed codes, so re-running after a layout change shows only the layout change in the diff.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadTemplate, PackRenderer } = require('../dist/src/packs/render');
const { makeIdentityCode } = require('../dist/src/packs/codes');
const { dammCheckSymbol } = require('../dist/src/packs/codes/damm32');

const out = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'docs', 'images', 'packs'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-images-'));
const key = new Uint8Array(32).fill(3);

function election(title, questions) {
  return {
    electionId: 'Xy7Kq2mN9pRsTu',
    title,
    publicUrl: 'https://vote.example.org',
    questions,
    onlineClosesAt: '2027-03-14T17:00:00Z',
    postalDeadline: '2027-03-12T17:00:00Z',
    timeZone: 'Europe/Paris',
  };
}

const candidates = ['Alice Martin', 'Bertrand Okafor', 'Chloé Dubois', 'Dmitri Novak', 'Élodie Laurent'];
const samples = [
  {
    suffix: 'en',
    lang: 'en',
    election: election('Leadership election 2027', [{ question: 'Who should lead the party?', answers: candidates, min: 1, max: 1, blank: true }]),
    member: { memberName: 'Jeanne Dupont-Lefèvre', addressLines: ['17 rue des Lilas', '69003 Lyon', 'FRANCE'] },
  },
  {
    suffix: 'fr',
    lang: 'fr',
    election: election('Élection à la présidence 2027', [{ question: 'Qui doit diriger le parti ?', answers: candidates, min: 1, max: 1, blank: true }]),
    member: { memberName: 'Jeanne Dupont-Lefèvre', addressLines: ['17 rue des Lilas', '69003 Lyon', 'FRANCE'] },
  },
  {
    // Members abroad: names and addresses in Polish, Czech, Greek and Cyrillic (assets/fonts/).
    suffix: 'unicode',
    lang: 'en',
    election: election('Leadership election 2027', [
      { question: 'Who should lead the party?', answers: ['Łukasz Żółć', 'Antonín Dvořák', 'Σωκράτης Παπαδόπουλος', 'Пётр Ильич Чайковский', 'Nguyễn Thị Minh Khai'], min: 1, max: 1, blank: true },
    ]),
    member: { memberName: 'Σωκράτης Παπαδόπουλος', addressLines: ['Οδός Ερμού 25', '105 63 Αθήνα', 'GREECE / ΕΛΛΑΔΑ'] },
  },
];

fs.mkdirSync(out, { recursive: true });
(async () => {
  for (const s of samples) {
    const renderer = PackRenderer.create(s.election, loadTemplate('default', s.lang));
    const pdf = path.join(tmp, `${s.suffix}.pdf`);
    fs.writeFileSync(
      pdf,
      await renderer.renderPack({
        packSerial: 1234,
        ...s.member,
        votingId: 'K7M2Q9XR4TNP',
        credential: '3Kq7ZbW9xT2mPfR8sNvL4c',
        identityCode: makeIdentityCode({ electionCode: 'EK01', packSerial: 1234 }, key),
        paperId: 'P4X7K2M9QR3TN' + dammCheckSymbol('P4X7K2M9QR3TN'),
      }),
    );
    ['letter', 'return-slip', 'ballot-paper'].forEach((kind, i) => {
      execFileSync('pdftoppm', ['-r', '100', '-f', String(i + 1), '-l', String(i + 1), '-singlefile', '-png', pdf, path.join(out, `${kind}-${s.suffix}`)]);
    });
    console.log(`${s.suffix}: ${path.join(out, `{letter,return-slip,ballot-paper}-${s.suffix}.png`)}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
