import { TerminalClient, type ConnectionOptions } from '@envstream/client';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { ConnectionIndicator } from './connection-state.js';
import { h } from './dom.js';

/**
 * An interactive shell in the environment: xterm.js fitted to the panel; the PTY follows every size change of the
 * window or the panel (the fit addon computes columns and rows, the client sends `resize`).
 */
export class TerminalPanel {
  readonly element: HTMLDivElement;
  private readonly terminal: Terminal;
  private readonly fit = new FitAddon();
  private readonly client: TerminalClient;
  private readonly indicator: ConnectionIndicator;
  private readonly resizeObserver: ResizeObserver;

  constructor(environmentId: string, connection: ConnectionOptions, onUnauthorized: () => void) {
    const screen = h('div', { class: 'terminal-screen', 'data-testid': 'terminal' });
    this.terminal = new Terminal({ cursorBlink: true, fontFamily: 'DejaVu Sans Mono, monospace', fontSize: 13, scrollback: 5000 });
    this.terminal.loadAddon(this.fit);
    this.client = new TerminalClient({ ...connection, environmentId });
    this.indicator = new ConnectionIndicator('terminal', this.client, onUnauthorized);
    this.element = h('div', { class: 'terminal-panel' }, screen, this.indicator.element);

    this.client.onOutput((data) => this.terminal.write(data));
    this.client.onExit((code) => this.terminal.write(`\r\n\x1b[2m[shell exited with code ${code}]\x1b[0m\r\n`));
    let session: string | undefined;
    this.client.onReady((ready) => {
      // a drop ends the shell unless it was detached: say so when the server started a new one
      if (session !== undefined && ready !== session) this.terminal.write('\r\n\x1b[2m[reconnected: a new shell]\x1b[0m\r\n');
      session = ready;
      this.terminal.focus();
    });
    this.terminal.onData((data) => this.client.input(data));
    this.terminal.onResize(({ cols, rows }) => this.client.resize(cols, rows));
    this.resizeObserver = new ResizeObserver(() => this.fitNow());
    // opened once the panel is in the document, so the first size (cols/rows of the URL) is the real one
    requestAnimationFrame(() => {
      this.terminal.open(screen);
      this.fitNow();
      this.resizeObserver.observe(screen);
      this.client.resize(this.terminal.cols, this.terminal.rows);
      this.client.connect();
    });
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.indicator.dispose();
    this.client.close();
    this.terminal.dispose();
  }

  private fitNow(): void {
    if (this.element.isConnected && this.element.offsetParent !== null) this.fit.fit();
  }
}
