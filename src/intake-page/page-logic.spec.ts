import * as fs from 'node:fs';
import * as path from 'node:path';
import { entryKind, KeystrokeClock, SCANNER_MAX_GAP_MS } from 'src/intake-page/assets/entry-kind.js';
import { ScanQueue, type PendingScan, type SendOutcome } from 'src/intake-page/assets/scan-queue.js';
import type { ScanResult } from 'src/intake-page/assets/api.js';
import { newScanId } from 'src/intake-page/assets/scan-id.js';
import { TONES } from 'src/intake-page/assets/sound.js';
import { sessionCounts, verdictView } from 'src/intake-page/assets/view.js';
import { ASSETS_DIR } from 'src/intake-page/page-assets';

// The scan page's decisions, without a browser: the Playwright test (test/http/intake-page.spec.ts)
// then checks they are wired to the page.

describe(entryKind.name, () => {
  const at = (...gaps: number[]) => gaps.reduce<number[]>((times, gap) => [...times, times[times.length - 1] + gap], [1000]);

  it('calls a burst of keys a barcode', () => {
    expect(entryKind(at(...Array<number>(24).fill(3)))).toBe('barcode');
    expect(entryKind(at(SCANNER_MAX_GAP_MS - 1))).toBe('barcode');
  });

  it('calls it keyed as soon as one gap is as long as a person’s', () => {
    expect(entryKind(at(3, 3, SCANNER_MAX_GAP_MS, 3))).toBe('keyed');
    expect(entryKind(at(120, 95, 180))).toBe('keyed');
  });

  it('calls a single key or nothing keyed (no timing to go by)', () => {
    expect(entryKind([])).toBe('keyed');
    expect(entryKind([5])).toBe('keyed');
  });
});

describe(KeystrokeClock.name, () => {
  it('judges each code on its own keys, then starts afresh', () => {
    const clock = new KeystrokeClock();
    [0, 120, 250].forEach((t) => clock.key(t));
    expect(clock.finish()).toBe('keyed');
    [1000, 1004, 1008].forEach((t) => clock.key(t));
    expect(clock.finish()).toBe('barcode');
  });

  it('calls an edited code keyed however fast its keys came', () => {
    const clock = new KeystrokeClock();
    [0, 2, 4].forEach((t) => clock.key(t));
    clock.edit();
    expect(clock.finish()).toBe('keyed');
    [10, 12].forEach((t) => clock.key(t));
    expect(clock.finish()).toBe('barcode');
  });
});

describe(ScanQueue.name, () => {
  const result = (scan: PendingScan, over: Partial<ScanResult> = {}): ScanResult => ({
    scanId: scan.scanId,
    sessionId: 's',
    verdict: 'accept',
    reason: null,
    message: 'Accepted.',
    tray: 'D2-A01',
    position: 1,
    packSerial: 1,
    firstScan: null,
    entry: 'barcode',
    scannedAt: '2026-12-01T10:00:00.000Z',
    replayed: false,
    undone: false,
    ...over,
  });

  function harness(outcomes: Array<(scan: PendingScan) => SendOutcome>) {
    const sent: string[] = [];
    const events: string[] = [];
    const queue = new ScanQueue({
      send: async (scan) => {
        sent.push(scan.scanId);
        const next = outcomes.shift();
        return next ? next(scan) : { kind: 'verdict', body: result(scan) };
      },
      onVerdict: (scan, body) => events.push(`verdict ${scan.scanId} ${body.replayed ? 'replayed' : 'new'}`),
      onRefused: (scan, r) => events.push(`refused ${scan.scanId} ${r.code}`),
      onRetrying: (scan, why, waiting) => events.push(`retrying ${scan.scanId} ${why} ${waiting}`),
      onSignedOut: () => events.push('signed out'),
      sleep: async () => undefined,
    });
    return { queue, sent, events };
  }

  it('sends a scan again with the same scanId after a network failure, and never a second scanId', async () => {
    const { queue, sent, events } = harness([
      () => ({ kind: 'retry', why: 'network' }),
      () => ({ kind: 'retry', why: 'network' }),
      (scan) => ({ kind: 'verdict', body: result(scan, { replayed: true }) }),
    ]);
    queue.push({ scanId: 'scan-0001', code: 'X', entry: 'barcode' });
    await queue.drained();
    expect(sent).toEqual(['scan-0001', 'scan-0001', 'scan-0001']);
    expect(events).toEqual(['retrying scan-0001 network 1', 'retrying scan-0001 network 1', 'verdict scan-0001 replayed']);
  });

  it('sends scans one at a time in the order they were scanned, a failing one holding the rest back', async () => {
    const { queue, sent, events } = harness([() => ({ kind: 'retry', why: 'network' })]);
    for (const id of ['scan-a', 'scan-b', 'scan-c']) queue.push({ scanId: id, code: id, entry: 'barcode' });
    expect(queue.waiting).toBe(3);
    await queue.drained();
    expect(sent).toEqual(['scan-a', 'scan-a', 'scan-b', 'scan-c']);
    expect(events.filter((e) => e.startsWith('verdict'))).toEqual(['verdict scan-a new', 'verdict scan-b new', 'verdict scan-c new']);
    expect(queue.waiting).toBe(0);
  });

  it('drops a refused scan and goes on with the next', async () => {
    const { queue, events } = harness([() => ({ kind: 'refused', status: 409, code: 'session_closed', message: 'closed' })]);
    queue.push({ scanId: 'scan-a', code: 'a', entry: 'keyed' });
    queue.push({ scanId: 'scan-b', code: 'b', entry: 'keyed' });
    await queue.drained();
    expect(events).toEqual(['refused scan-a session_closed', 'verdict scan-b new']);
  });

  it('pauses on a lost sign-in and, once resumed, sends the same scan with the same scanId', async () => {
    const { queue, sent, events } = harness([() => ({ kind: 'signed_out' })]);
    queue.push({ scanId: 'scan-a', code: 'a', entry: 'barcode' });
    await queue.drained();
    expect(events).toEqual(['signed out']);
    expect(queue.waiting).toBe(1);
    queue.resume();
    await queue.drained();
    expect(sent).toEqual(['scan-a', 'scan-a']);
    expect(events).toEqual(['signed out', 'verdict scan-a new']);
  });
});

describe(newScanId.name, () => {
  const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('makes a version 4 UUID without randomUUID (plain HTTP on a local network)', () => {
    const noRandomUUID = { getRandomValues: crypto.getRandomValues.bind(crypto) };
    const ids = new Set(Array.from({ length: 50 }, () => newScanId(noRandomUUID)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(uuidV4);
  });

  it('uses randomUUID when the browser has it', () => {
    expect(newScanId()).toMatch(uuidV4);
  });
});

describe(verdictView.name, () => {
  const scan: ScanResult = {
    scanId: 'x',
    sessionId: 's',
    verdict: 'reject',
    reason: 'duplicate_return',
    message: 'This pack’s return is already recorded.',
    tray: 'D2-R01',
    position: 3,
    packSerial: 12,
    firstScan: { tray: 'D2-A01', position: 7, scannedAt: '2026-12-01T10:00:00.000Z' },
    entry: 'keyed',
    scannedAt: '2026-12-01T10:05:00.000Z',
    replayed: false,
    undone: false,
  };

  it('says the verdict, where the envelope goes, why, and where the first one is', () => {
    const v = verdictView(scan, 'en');
    expect(v).toMatchObject({ verdict: 'reject', word: 'REJECT', place: 'Tray D2-R01 · position 3', message: scan.message });
    expect(v.first).toMatch(/^First one: tray D2-A01 · position 7, /);
    expect(v.announcement).toMatch(/^REJECT\. Tray D2-R01 · position 3\. This pack’s return is already recorded\. First one: tray D2-A01/);
  });

  it('gives the reason in French from the reason code, and keeps the API’s words for a code it does not know', () => {
    expect(verdictView(scan, 'fr').message).toBe('Un retour de ce pli est déjà enregistré.');
    expect(verdictView({ ...scan, verdict: 'accept', reason: null }, 'fr').message).toMatch(/^Ce vote par correspondance compte/);
    expect(verdictView({ ...scan, reason: 'some_new_reason' }, 'fr').message).toBe(scan.message);
  });

  it('speaks French', () => {
    expect(verdictView({ ...scan, verdict: 'hold', firstScan: null }, 'fr')).toMatchObject({ word: 'GARDER', place: 'Bac D2-R01 · position 3', first: '' });
  });
});

describe(sessionCounts.name, () => {
  it('reads the counts per verdict and per tray of GET …/sessions/:id', () => {
    const s = sessionCounts({
      counts: { accept: 2, hold: 1, reject: 3, undone: 1, total: 7 },
      trays: [{ tray: 'D2-A01', verdict: 'accept', envelopes: 2 }],
      closedAt: null,
    });
    expect(s.counts).toEqual({ accept: 2, hold: 1, reject: 3, undone: 1, total: 7 });
    expect([...s.trays]).toEqual([['D2-A01', 2]]);
    expect(s.closed).toBe(false);
    expect(sessionCounts({ closedAt: '2026-12-01T10:00:00.000Z' }).closed).toBe(true);
  });

  it('shows zeros rather than failing on an answer it does not understand', () => {
    expect(sessionCounts(null).counts).toEqual({ accept: 0, hold: 0, reject: 0, undone: 0, total: 0 });
    expect(sessionCounts({ counts: { accept: 'x', hold: 1 } }).counts).toEqual({ accept: 0, hold: 1, reject: 0, undone: 0, total: 1 });
  });
});

describe('verdict sounds', () => {
  it('has a different sound for each verdict; reject is two low beeps', () => {
    const signature = (v: keyof typeof TONES) => JSON.stringify(TONES[v].map((t) => [t.hz, t.wave]));
    expect(new Set([signature('accept'), signature('hold'), signature('reject')]).size).toBe(3);
    expect(TONES.reject).toHaveLength(2);
    for (const tone of TONES.reject) expect(tone.hz).toBeLessThan(300);
    expect(TONES.accept[0].hz).toBeGreaterThan(TONES.hold[0].hz);
  });
});

describe('scan page colours', () => {
  // WCAG 2.x relative luminance and contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
  const css = fs.readFileSync(path.join(ASSETS_DIR, 'intake.css'), 'utf8');
  const colour = (name: string): string => {
    const m = new RegExp(`--${name}:\\s*(#[0-9a-f]{6});`, 'i').exec(css);
    if (!m) throw new Error(`--${name} is not a #rrggbb colour in intake.css`);
    return m[1];
  };
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };

  it.each([
    ['accept-fg', 'accept-bg'],
    ['hold-fg', 'hold-bg'],
    ['reject-fg', 'reject-bg'],
    ['not-recorded-fg', 'not-recorded-bg'],
    ['idle-fg', 'idle-bg'],
    ['button-fg', 'button-bg'],
    ['page-fg', 'page-bg'],
    ['muted-fg', 'page-bg'],
    ['muted-fg', 'idle-bg'],
    ['error-fg', 'page-bg'],
    ['focus', 'page-bg'],
  ])('%s on %s meets WCAG AA for normal text (4.5:1)', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
  });
});
