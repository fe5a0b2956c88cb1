import { createHash } from 'node:crypto';
import { credentialList } from 'src/ballot-box/credential-list';

const hex = (c: string) => c.repeat(64);

describe(credentialList.name, () => {
  it('sorts the credentials and writes them bare when every weight is 1', () => {
    const list = credentialList(
      [
        { serial: 1, publicCredential: hex('b'), memberWeight: 1 },
        { serial: 2, publicCredential: hex('0'), memberWeight: null },
        { serial: 3, publicCredential: hex('a'), memberWeight: 1 },
      ],
      3,
    );
    expect(list.raw).toBe(`["${hex('0')}","${hex('a')}","${hex('b')}"]`);
    expect(list).toMatchObject({ count: 3, weighted: false, sha256: createHash('sha256').update(list.raw).digest('hex') });
  });

  it('writes every entry with its weight when one member weighs more, and a spare handed to a member still weighs 1', () => {
    const list = credentialList(
      [
        { serial: 1, publicCredential: hex('c'), memberWeight: 3 },
        { serial: 2, publicCredential: hex('1'), memberWeight: 1 },
        // A spare given to a member of weight 5 by a reissue after opening.
        { serial: 3, publicCredential: hex('2'), memberWeight: 5 },
      ],
      3,
    );
    expect(list.raw).toBe(`["${hex('1')},1","${hex('2')},1","${hex('c')},3"]`);
    expect(list.weighted).toBe(true);
  });
});
