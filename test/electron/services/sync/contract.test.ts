// The valid neighbours of the sync methods' bad inputs are accepted (a schema refusing
// everything would pass the bad-input table), and the outputs' added fields are where a screen expects them.
import { describe, expect, it } from 'vitest';
import { contract } from '../../../../shared/api/contract';
import { syncRunCounts } from '../../../../shared/domain/sync';

const KEY = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n';
const UUID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('sync inputs', () => {
  it.each([
    ['sync.exportFile', { path: '/tmp' }],
    ['sync.exportFile', { path: 'C:\\Users\\李明\\U盘', full: true }],
    ['sync.importFiles', { paths: ['/tmp/a.cunji', '\\\\nas\\share\\b.cunji'] }],
    ['sync.now', { folder: 'D:/坚果云/村记' }],
    ['sync.targets', undefined],
    ['sync.status', {}],
    ['sync.online', undefined],
    ['sync.saveTarget', { kind: 'webdav', name: '坚果云', url: 'https://dav.jianguoyun.com/dav/村记/', username: 'li@example.cn', password: 'app-password' }],
    ['sync.saveTarget', { kind: 'webdav', name: '家里的NAS', url: 'http://192.168.1.5:5005/cunji', username: null, auto: false }],
    ['sync.saveTarget', { id: UUID, kind: 'webdav', name: '坚果云', url: 'https://dav.jianguoyun.com/dav/', username: 'li', password: null, intervalMinutes: 1440 }],
    ['sync.saveTarget', { kind: 'folder', name: 'U盘', folder: 'E:\\村记同步', intervalMinutes: 1 }],
    ['sync.deleteTarget', { id: UUID }],
    ['sync.run', { id: UUID, full: true }],
    ['sync.importFiles', { paths: ['/tmp/a.cunji'], passphrase: '另一个乡镇的口令' }],
    ['sync.importFiles', { paths: ['/tmp/a.cunji'], passphrase: ' 12345678 ' }],
    ['sync.setPassphrase', { passphrase: '青石镇的同步口令' }],
    ['sync.setPassphrase', { passphrase: '12345678' }],
    ['sync.setPassphrase', { passphrase: null }],
    ['sync.encryption', undefined],
    ['sync.encryption', {}],
    ['devices.list', undefined],
    ['devices.trust', { deviceId: '0123456789abcdef', publicKey: KEY, name: '王芳', role: 'coordinator', township: '青石镇' }],
    ['conflicts.list', {}],
    ['conflicts.resolve', { tbl: 'households', rowId: UUID, col: '_row', value: 'alive' }],
    ['conflicts.resolve', { tbl: 'plans', rowId: UUID, col: 'target_value', value: 1.5 }],
    ['conflicts.resolve', { tbl: 'plans', rowId: UUID, col: 'target_value', value: null }],
  ] as const)('%s accepts %j', (method, input) => {
    expect(contract[method].input.safeParse(input).success).toBe(true);
  });
});

describe('sync outputs', () => {
  it('read a run recorded before released changes or skipped refusals were counted as having none', () => {
    const stored = { filesOut: 1, changesOut: 3, filesIn: 0, changesIn: 0, conflicts: 0, refused: 0 };
    expect(syncRunCounts.parse(stored)).toEqual({ ...stored, released: 0, skippedRefused: 0 });
  });

  it('say how many held changes were released by an import or a trust, and whether a file was encrypted', () => {
    expect(contract['sync.importFiles'].output.safeParse({ receipts: [] }).success).toBe(false);
    expect(contract['sync.importFiles'].output.safeParse({ receipts: [], released: 2 }).success).toBe(true);
    const device = { deviceId: '0123456789abcdef', name: '王芳', role: 'secretary', township: null, villages: [], fingerprint: 'ab', trustedAt: null };
    expect(contract['devices.trust'].output.safeParse(device).success).toBe(false);
    expect(contract['devices.trust'].output.safeParse({ ...device, released: 0 }).success).toBe(true);
    expect(contract['sync.encryption'].output.parse({ passphraseSet: true, passwordProtected: false, passphrase: 'leak' })).toEqual({ passphraseSet: true, passwordProtected: false });
  });

  it('keep the edited column of each head of a delete-vs-edit conflict, so a screen can name the edits', () => {
    const head = { changeId: 'c1', value: 'deleted', origin: '0123456789abcdef', originName: '李明', at: '2026-11-27T08:00:00.000Z', shown: true };
    const edit = { ...head, changeId: 'c2', value: '赵后进', shown: false, col: 'head_name' };
    const list = { items: [{ tbl: 'households', rowId: UUID, villageId: UUID, col: '_row', heads: [head, edit] }] };
    expect(contract['conflicts.list'].output.parse(list).items[0]!.heads.map((h) => h.col)).toEqual([undefined, 'head_name']);
  });
});
