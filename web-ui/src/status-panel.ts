import { getActivity, StatusClient, type Alert, type ConnectionOptions, type Metrics, type Status } from '@envstream/client';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { AlertList, kindLabel } from './alert-list.js';
import { ConnectionIndicator } from './connection-state.js';
import { h } from './dom.js';
import { addMarker, appendSample, markerColourVariable, markerLabel, markersPlugin, restartMarkers, themeColour, WINDOW_SECONDS, type Marker } from './status-chart.js';

/** Alerts listed in the panel; older ones drop off. */
const ALERTS = 10;

interface Chart {
  plot: uPlot;
  data: number[][];
}

/**
 * Live status and resource charts of one environment (uPlot, in the theme's colours): CPU %, memory MiB (the limit as
 * text), and network receive/send rates derived from the cumulative byte counters, over the last 15 minutes (the
 * gateway sends them on connect, so the charts open with history); state changes (restarts, exits) marked on the time
 * axis and listed in words below, with the restarts of the 15 minutes before the page opened (from the activity
 * endpoint, a minute each: the status stream keeps no past states); above them the alerts that fire while the panel is open (subscribed to `alerts`),
 * newest first.
 */
export class StatusPanel {
  readonly element: HTMLDivElement;
  readonly client: StatusClient;
  private readonly indicator: ConnectionIndicator;
  private readonly summary: HTMLDivElement;
  private readonly usage: HTMLSpanElement;
  private readonly alerts = new AlertList(ALERTS);
  private readonly alertBox: HTMLUListElement;
  private readonly events: HTMLOListElement;
  private readonly charts: Chart[] = [];
  private readonly resizeObserver: ResizeObserver;
  private markers: Marker[] = [];
  private previous: Metrics | undefined;
  private samples = 0;

  constructor(environmentId: string, connection: ConnectionOptions, onUnauthorized: () => void) {
    this.client = new StatusClient({ ...connection, environmentId, topics: ['status', 'metrics', 'alerts'] });
    this.indicator = new ConnectionIndicator('status', this.client, onUnauthorized);
    this.summary = h('div', { class: 'status-summary', 'data-testid': 'status-summary' }, 'waiting for the first status…');
    this.usage = h('span', { class: 'usage', 'data-testid': 'usage' });
    this.alertBox = h('ul', { class: 'alerts', 'data-testid': 'alerts', hidden: true });
    this.events = h('ol', { class: 'status-events', 'data-testid': 'status-events', 'aria-label': 'state changes in the last 15 minutes' });
    const chartsBox = h('div', { class: 'charts' });
    this.element = h('div', { class: 'status-panel' }, h('div', { class: 'status-line' }, this.summary, this.usage), this.alertBox, chartsBox, this.events, this.indicator.element);

    const text = themeColour('--muted', '#8b949e');
    const grid = themeColour('--border', '#2d333b');
    const axis = (extra: uPlot.Axis = {}): uPlot.Axis => ({ stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, ...extra });
    const series = (label: string, variable: string, fallback: string): uPlot.Series => ({ label, stroke: themeColour(variable, fallback), width: 1.5, points: { show: false } });
    const make = (title: string, testid: string, unit: string, lines: uPlot.Series[]): void => {
      const box = h('div', { class: 'chart', 'data-testid': testid });
      chartsBox.append(box);
      const data: number[][] = [[], ...lines.map(() => [])];
      const plot = new uPlot(
        {
          title, width: 480, height: 180, series: [{}, ...lines], axes: [axis(), axis({ label: unit, size: 60 })], legend: { live: false },
          scales: { x: { time: true, range: (_plot, min, max) => this.timeRange(min, max) } },
          plugins: [markersPlugin(() => this.markers)],
        },
        data as uPlot.AlignedData,
        box,
      );
      this.charts.push({ plot, data });
    };
    make('CPU', 'chart-cpu', '%', [series('cpu %', '--ansi-yellow', '#d29922')]);
    // the limit is text, not a line: without one Docker reports the host's memory, which would flatten the chart
    make('Memory', 'chart-memory', 'MiB', [series('used', '--accent', '#58a6ff')]);
    make('Network', 'chart-network', 'bytes/s', [series('rx', '--ansi-green', '#3fb950'), series('tx', '--ansi-magenta', '#bc8cff')]);

    this.resizeObserver = new ResizeObserver(() => {
      const width = Math.max(240, chartsBox.clientWidth - 16);
      this.charts.forEach((chart) => chart.plot.setSize({ width, height: 180 }));
    });
    this.resizeObserver.observe(chartsBox);
    this.client.onStatus((status) => this.showStatus(status));
    this.client.onMetrics((metrics) => this.addMetrics(metrics));
    this.client.onAlert((alert) => this.addAlert(alert));
    this.client.connect();
    void this.showRestartsBefore(environmentId, connection);
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.indicator.dispose();
    this.client.close();
    this.charts.forEach((chart) => chart.plot.destroy());
  }

  /** The samples' span, widened to the markers so that an exit after the last sample still shows. */
  private timeRange(min: number | null, max: number | null): uPlot.Range.MinMax {
    const times = [min, max, ...this.markers.map((marker) => marker.t)].filter((t): t is number => t !== null && Number.isFinite(t));
    if (times.length === 0) {
      const now = Date.now() / 1000;
      return [now - 60, now];
    }
    const [low, high] = [Math.min(...times), Math.max(...times)];
    return low === high ? [low - 30, high + 30] : [low, high];
  }

  /** Marks the restarts the activity counted in the charted window, which no status message will tell. */
  private async showRestartsBefore(environmentId: string, connection: ConnectionOptions): Promise<void> {
    const token = typeof connection.token === 'function' ? connection.token() : connection.token;
    if (!token) return;
    const to = new Date();
    try {
      const activity = await getActivity({ token, baseUrl: connection.baseUrl, environmentId, from: new Date(to.getTime() - WINDOW_SECONDS * 1000).toISOString(), to: to.toISOString(), step: '1m' });
      const now = Date.now() / 1000;
      const restarts = restartMarkers(activity);
      restarts.forEach((marker) => (this.markers = addMarker(this.markers, marker, Math.max(now, this.markers.at(-1)?.t ?? now))));
      this.showMarkers();
      this.element.dataset.restartsBefore = String(restarts.length);
    } catch (error) {
      // the live changes are still marked; the list says what is missing
      this.events.append(h('li', { class: 'hint', 'data-testid': 'status-history-error' }, `restarts before the page opened unavailable: ${(error as Error).message}`));
    }
  }

  private showStatus(status: Status): void {
    const extra = [status.exitCode !== undefined ? `exit code ${status.exitCode}` : '', status.health ?? ''].filter(Boolean).join(', ');
    this.summary.replaceChildren(
      h('span', { class: `badge ${status.status}`, 'data-testid': 'status-badge' }, status.status),
      ` since ${new Date(status.timestamp).toLocaleTimeString()}${extra ? ` (${extra})` : ''}`,
    );
    const marker: Marker = { t: Date.parse(status.timestamp) / 1000, status: status.status, exitCode: status.exitCode };
    this.markers = addMarker(this.markers, marker, Math.max(marker.t, Date.now() / 1000));
    this.showMarkers();
  }

  private showMarkers(): void {
    this.events.replaceChildren(
      ...this.markers.map((each) => each.restarts !== undefined
        ? h('li', { 'data-status': 'restarted', 'data-source': 'activity', style: `border-color: var(${markerColourVariable(each.status)})` },
          h('time', {}, new Date(each.t * 1000).toLocaleTimeString()), ` ${markerLabel(each)} within this minute`)
        : h('li', { 'data-status': each.status, style: `border-color: var(${markerColourVariable(each.status)})` },
          h('time', {}, new Date(each.t * 1000).toLocaleTimeString()), ' ', markerLabel(each))),
    );
    this.charts.forEach((chart) => chart.plot.redraw(true));
  }

  private addAlert(alert: Alert): void {
    if (!this.alerts.add(alert)) return;
    this.alertBox.replaceChildren(
      ...this.alerts.shown.map((shown) =>
        h(
          'li',
          { class: 'alert', 'data-testid': 'alert', title: `${shown.rule}: observed ${shown.observed}, threshold ${shown.threshold}` },
          h('span', { class: 'alert-time' }, new Date(shown.fired).toLocaleTimeString()),
          h('span', { class: 'alert-kind' }, kindLabel(shown.kind)),
          shown.summary,
        ),
      ),
    );
    this.alertBox.hidden = false;
  }

  private addMetrics(metrics: Metrics): void {
    const t = Date.parse(metrics.timestamp) / 1000;
    const seconds = this.previous ? t - Date.parse(this.previous.timestamp) / 1000 : 0;
    const rate = (now: number, before: number | undefined) => (before !== undefined && seconds > 0 && now >= before ? (now - before) / seconds : 0);
    const rows = [
      [t, metrics.cpu],
      [t, metrics.memory],
      [t, rate(metrics.network.rx, this.previous?.network.rx), rate(metrics.network.tx, this.previous?.network.tx)],
    ];
    // the history comes again after a reconnect: what is held already is skipped
    if (!this.charts.every((chart, i) => appendSample(chart.data, rows[i]!))) return;
    this.previous = metrics;
    this.samples++;
    this.usage.textContent = `CPU ${metrics.cpu.toFixed(1)} % · memory ${metrics.memory.toFixed(1)} of ${Math.round(metrics.memoryLimit).toLocaleString()} MiB`;
    this.charts.forEach((chart) => chart.plot.setData(chart.data as uPlot.AlignedData));
    this.element.dataset.samples = String(this.samples);
    this.element.dataset.firstSample = new Date(this.charts[0]!.data[0]![0]! * 1000).toISOString();
  }
}
