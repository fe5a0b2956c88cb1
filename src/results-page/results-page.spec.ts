import { renderMissingResultsPage, renderResultsPage } from 'src/results-page/results-page';
import { postalOnlyResult, PUBLISHED_ELECTION_ID, publishedResult } from 'test/support/published-result';

/** The text of the table rows of question `n` (1-based): each row's cells, tags removed. */
function tableRows(html: string, n: number): string[][] {
  const section = html.split(`<section class="question-result" aria-labelledby="q${n}-heading">`)[1].split('</table>')[0];
  return [...section.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]));
}

describe(renderResultsPage.name, () => {
  const r = publishedResult();

  it('tabulates each question: answer, online, postal, total and share of the answer votes', () => {
    const rows = tableRows(renderResultsPage(r, 'en'), 1);
    expect(rows).toEqual([
      ['Answer', 'Online', 'Postal', 'Total', 'Share'],
      ['Alice Martin', '4,210', '1,873', '6,083', '48.2%'],
      ['Bruno Okafor', '3,127', '2,004', '5,131', '40.7%'],
      ['Chloé Dvořák', '988', '415', '1,403', '11.1%'],
      ['Blank vote', '152', '61', '213', '—'],
    ]);
  });

  it('has a blank row only for a question that allows a blank vote', () => {
    const html = renderResultsPage(r, 'en');
    expect(tableRows(html, 1).map((row) => row[0])).toContain('Blank vote');
    expect(tableRows(html, 2).map((row) => row[0])).toEqual(['Answer', 'Dev Patel', 'Eva Novak', 'Farid Haddad']);
  });

  it('draws one accessible SVG chart per question, its bars proportional to the totals and split by channel', () => {
    const html = renderResultsPage(r, 'en');
    const charts = html.match(/<svg class="chart" role="img"[^>]*>/g) ?? [];
    expect(charts).toHaveLength(2);
    expect(charts[0]).toContain('aria-labelledby="q1-chart-title q1-chart-desc"');
    expect(html).toContain('<title id="q1-chart-title">Votes per answer, online and postal — Who should lead the party?</title>');
    expect(html).toMatch(/<desc id="q1-chart-desc">Alice Martin: 6,083 \(Online 4,210, Postal 1,873\), 48.2%;/);
    const chart = html.split('<svg class="chart"')[1].split('</svg>')[0];
    // The longest bar (Alice, 6,083) is 60% wide: online 4,210/6,083 of it, then postal.
    const widths = [...chart.matchAll(/<rect x="([\d.]+)%?" y="\d+" width="([\d.]+)%"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(widths[0][1]).toBeCloseTo((4210 / 6083) * 60, 2);
    expect(widths[1][0]).toBeCloseTo((4210 / 6083) * 60, 2);
    expect(widths[1][1]).toBeCloseTo((1873 / 6083) * 60, 2);
  });

  it('shows turnout per channel against the eligible members', () => {
    const html = renderResultsPage(r, 'en');
    expect(html).toContain('Eligible members: <strong>20,000</strong>');
    expect(html).toContain('<th scope="row">Online</th><td class="num">8,477</td><td class="num">42.4%</td>');
    expect(html).toContain('<th scope="row">Postal</th><td class="num">4,391</td><td class="num">22.0%</td>');
    expect(html).toContain('<tr class="total-row"><th scope="row">Total</th><td class="num">12,868</td><td class="num">64.3%</td>');
  });

  it('lists invalid papers and refused returns by reason, largest first, in words', () => {
    const html = renderResultsPage(r, 'en');
    expect(html).toMatch(/too many answers marked<\/th><td class="num">21<.*identifying marks<\/th><td class="num">9<.*no ballot paper in the envelope<\/th><td class="num">8</);
    expect(html).toMatch(/already voted online<\/th><td class="num">112<.*arrived late<\/th><td class="num">57<.*replaced \(voided\) pack<\/th><td class="num">6</s);
  });

  it('explains the precedence rule and counts what it did', () => {
    const html = renderResultsPage(r, 'en');
    expect(html).toContain('Online overrides postal: a member who voted online had their postal envelope set aside unopened.');
    expect(html).toContain('Postal envelopes set aside because the member then voted online</th><td class="num">240<');
  });

  it('links the record, each of its files, the report, and says how to verify', () => {
    const html = renderResultsPage(r, 'en');
    expect(html).toContain(`<p class="hash mono">${r.record.manifestSha256}</p>`);
    expect(html).toContain(`href="/elections/${PUBLISHED_ELECTION_ID}/record/download"`);
    for (const f of r.record.files) expect(html).toContain(`href="/elections/${PUBLISHED_ELECTION_ID}/record/files/${f.path}"`);
    expect(html).toContain(`href="/elections/${PUBLISHED_ELECTION_ID}/report.pdf"`);
    expect(html).toContain('<code>npx hybrid-ballot verify record.zip</code>');
    expect(html).toContain('online/0e4a1c9f.bel');
    expect(html).toContain('<code>npx sirona election verify</code>');
  });

  it('drops what a postal-only election cannot have: the online column, key and Sirona', () => {
    const html = renderResultsPage(postalOnlyResult(), 'en');
    expect(tableRows(html, 1).slice(0, 2)).toEqual([
      ['Answer', 'Postal', 'Total', 'Share'],
      ['Alice Martin', '1,873', '1,873', '43.6%'],
    ]);
    expect(html).not.toContain('sirona');
    expect(html).not.toContain('>Online<');
  });

  it('escapes a hostile title, description, question and answer', () => {
    const evil = '<script>alert("x")</script>';
    const html = renderResultsPage(
      publishedResult({
        title: evil,
        description: `${evil} & more`,
        questions: [{ ...r.questions[0], question: `<img src=x onerror=alert(1)>`, answers: ['"><svg onload=alert(1)>', 'B', 'C'] }, r.questions[1]],
      }),
      'en',
    );
    expect(html).not.toMatch(/<script>|<img |"><svg onload/);
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(html).toContain('&#34;&#62;&#60;svg onload=alert(1)&#62;');
    // In the chart's accessible title too.
    expect(html).toContain('<title id="q1-chart-title">Votes per answer, online and postal — &#60;img src=x onerror=alert(1)&#62;</title>');
  });

  it('speaks French: labels, number and percent formats, the rule, dates in the election’s zone', () => {
    const html = renderResultsPage(r, 'fr');
    expect(html).toContain('<html lang="fr">');
    expect(tableRows(html, 1)[0]).toEqual(['Réponse', 'En ligne', 'Par corres\u00ADpondance', 'Total', 'Part']);
    expect(tableRows(html, 1)[1]).toEqual(['Alice Martin', '4\u202f210', '1\u202f873', '6\u202f083', '48,2\u00a0%']);
    expect(tableRows(html, 1)[4][0]).toBe('Vote blanc');
    expect(html).toContain('Le vote en ligne l’emporte');
    expect(html).toContain('Publié le 15 mars 2027 à 10:05 (Europe/Paris)');
  });

  it('loads only the site’s own style sheets and no script', () => {
    const html = renderResultsPage(r, 'en');
    expect([...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1])).toEqual(['/booth/assets/booth.css', '/results/assets/results.css']);
    expect(html).not.toMatch(/<script|style="|https?:\/\//);
  });
});

describe(renderMissingResultsPage.name, () => {
  it('says in both languages that there is no published result', () => {
    const html = renderMissingResultsPage('fr');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1>Aucun résultat publié</h1>');
    expect(html).toContain('This address does not lead to a published result.');
  });
});
