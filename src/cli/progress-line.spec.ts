import { progressBar, progressText } from 'src/cli/progress-line';
import { PrintProgressDto } from 'src/packs/packs.dto';

const at = (done: number, over: Partial<PrintProgressDto> = {}): PrintProgressDto => ({
  done,
  total: 160_000,
  batches: 160,
  batchesDone: done / 1000,
  packsPerSecond: 250,
  etaSeconds: (160_000 - done) / 250,
  failures: 0,
  failing: [],
  ...over,
});

describe('print run progress line', () => {
  it('draws a bar proportional to the packs done, with the rate and the time left', () => {
    expect(progressBar(at(40_000))).toBe('[######..................]  25% 40,000/160,000 packs, batch 40/160, 250 packs/s, ETA 8m00s');
    expect(progressBar(at(160_000))).toMatch(/^\[#{24}\] 100% .* ETA 0s$/);
  });

  it('says when batches are failing, and has no ETA before the first batch', () => {
    expect(progressText(at(0, { etaSeconds: null, packsPerSecond: 0, failures: 2 }))).toBe('packs: 0/160,000 packs, batch 0/160, 0 packs/s, ETA –, 2 batch(es) failing');
  });

  it('counts hours for a long run and a full bar for a run with nothing to print', () => {
    expect(progressText(at(0, { etaSeconds: 8000 }))).toContain('ETA 2h13m');
    expect(progressBar(at(0, { total: 0, batches: 0, etaSeconds: 0 }))).toMatch(/^\[#{24}\] 100%/);
  });
});
