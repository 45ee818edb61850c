// The only bridge between the sandboxed renderer and the main process: one function per
// contract method, each invoking `api:<method>`, and a listener for the menu's commands.
// Nothing else is exposed — no ipcRenderer, no generic send — so the renderer can call exactly
// the contract and hear exactly the allow-listed menu commands.
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from '../../shared/api/bridge';
import { METHODS_CHANNEL } from '../../shared/api/channels';
import { createMenuCommandReceiver, MENU_COMMAND_CHANNEL } from '../../shared/api/menuCommands';

// The methods' names come from the main process, which derives them from the ledgers' registry.
const methods: unknown = ipcRenderer.sendSync(METHODS_CHANNEL);
contextBridge.exposeInMainWorld('cunji', buildBridge(methods, (channel, input) => ipcRenderer.invoke(channel, input)));

const menuCommands = createMenuCommandReceiver();
ipcRenderer.on(MENU_COMMAND_CHANNEL, (_event, message: unknown) => menuCommands.receive(message));
contextBridge.exposeInMainWorld('cunjiShell', menuCommands.bridge);
