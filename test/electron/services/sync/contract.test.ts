// The valid neighbours of the sync methods' bad inputs are accepted (a schema refusing
// everything would pass the bad-input table).
import { describe, expect, it } from 'vitest';
import { contract } from '../../../../shared/api/contract';

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
