// The only bridge between the sandboxed renderer and the main process: one function per
// contract method, each invoking `api:<method>`. Nothing else is exposed — no ipcRenderer,
// no generic send — so the renderer can call exactly the contract and nothing more.
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from '../../shared/api/bridge';

contextBridge.exposeInMainWorld('cunji', buildBridge((channel, input) => ipcRenderer.invoke(channel, input)));
