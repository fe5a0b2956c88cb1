import { neutraliseCell } from 'src/roll/csv/csv-safety';

describe(neutraliseCell.name, () => {
  it.each(['=1+1', '+441234', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://evil")'])('prefixes %j with an apostrophe', (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
  });

  it.each(['', 'Alice', "O'Brien", '1970-01-01', ' =x', 'a=b'])('leaves %j alone', (v) => {
    expect(neutraliseCell(v)).toBe(v);
  });
});
