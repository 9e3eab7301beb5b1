"use strict";
// The battle report: the dashboard's page fed from the run's data inlined in the file. The metrics are computed
// by the report writer (exact decimals, as text); the page draws the charts and replays the events with the same
// Market model as the live page, so that the book, the tape and the accounts can be seen at any event.

/** Replay positions kept every this many events, so that a jump anywhere replays at most this many. */
const CHECKPOINT_EVERY = 500;

function startReport(data) {
  const format = new Format(data.decimals);
  document.body.classList.add("report");
  $("title").textContent = "Bourse battle report";
  $("subtitle").textContent = data.title;
  $("summary").textContent = data.summary;
  const notes = $("notes");
  for (const note of data.notes) {
    notes.append(el("li", null, note));
  }
  notes.hidden = data.notes.length === 0;

  drawMetrics(data.metrics);
  const colors = new Map(data.traders.map((t, i) => [t, TRADER_COLORS[i % TRADER_COLORS.length]]));
  const colorOf = (t) => colors.get(t);

  const replay = data.events ? new Replay(data.events) : null;
  const marker = markerPlugin(() => (replay ? replay.time() / 1000 : null));
  const charts = [];
  const sides = ["buy", "sell", "unknown"].filter((side) => data.trades.side.some((s) => sideOf(s) === side));
  // smaller dots for a busy battle, so that the line under them (and the fundamental's) still shows
  const dotSize = data.trades.t.length <= 500 ? 6 : data.trades.t.length <= 2000 ? 4 : 3;
  const price = priceChart($("price-chart"), format,
    { plugins: [marker], sides, fundamental: data.fundamental !== null, height: 380, dotSize });
  price.setData(priceColumns(data.trades, sides, data.fundamental));
  drawTracking(data.fundamental, data.trades.t.length);
  charts.push([price, $("price-chart")]);
  const series = [["equity-chart", "equity", (v) => format.money(v)],
    ["drawdown-chart", "drawdown", (v) => format.money(v)], ["position-chart", "position", (v) => String(v)]];
  for (const [id, name, valueFormat] of series) {
    if (data.traders.length === 0) {
      $(id).closest("section").hidden = true; // no bot: an empty chart says nothing
      continue;
    }
    const chart = tradersChart($(id), data.traders, colorOf, valueFormat, [marker]);
    chart.setData(alignSteps(data.traders, data.series[name], data.span));
    charts.push([chart, $(id)]);
  }
  charts.forEach(([chart, container]) => fitWidth(chart, container));

  // the top of the book belongs to the replay here: it shows the market at the chosen event
  $("top-panel").hidden = true;
  if (!replay) {
    $("replay").hidden = true;
    $("price-click-hint").hidden = true;
    return;
  }
  $("replay").insertBefore($("top"), document.querySelector(".replay-grid"));
  const isBackground = (trader) => trader.startsWith(data.backgroundPrefix);
  new Scrubber(replay, format, isBackground, () => charts.forEach(([chart]) => chart.redraw(false, false)));
  price.over.addEventListener("click", () => {
    const left = price.cursor.left;
    if (left >= 0) {
      replay.scrubber.jumpToTradeNear(price.posToVal(left, "x") * 1000);
    }
  });
}

/** The bots' metrics, then the crowd's total, with each of the crowd's traders in a section opened on demand. */
function drawMetrics(metrics) {
  const table = metricsTable(metrics.columns, metrics.rows);
  $("metrics").append(table);
  if (metrics.rows.length === 0) {
    $("metrics").append(el("p", "hint", "No bot traded in this run" + (metrics.crowd ? ", only the background crowd"
      : "") + ": there are no equity, drawdown or position charts."));
  }
  if (!metrics.crowd) {
    return;
  }
  const total = metricsRow(metrics.columns, metrics.crowd.total);
  total.classList.add("crowd-total");
  total.title = "the background crowd as one: its traders' final equity, PnL, trades and volume added up (a trade "
    + "between two of them counts for both)";
  table.tBodies[0].append(total);
  const details = el("details", "crowd");
  details.id = "crowd-metrics";
  details.append(el("summary", null, "The crowd's " + metrics.crowd.rows.length + " background traders, one by one"),
    metricsTable(metrics.columns, metrics.crowd.rows));
  $("metrics").append(details);
}

function metricsTable(columns, rows) {
  const table = el("table", "metrics");
  const head = el("tr");
  head.append(el("th", null, "trader"));
  for (const c of columns) {
    const th = el("th", null, c.label);
    th.title = c.title;
    head.append(th);
  }
  table.appendChild(el("thead")).append(head);
  const body = el("tbody");
  rows.forEach((row) => body.append(metricsRow(columns, row)));
  table.append(body);
  return table;
}

/** A row of the metrics table; a metric the row does not have is shown as "—". */
function metricsRow(columns, row) {
  const tr = el("tr");
  tr.dataset.trader = row.trader;
  tr.append(el("td", "name", row.trader));
  for (const c of columns) {
    const value = row.cells[c.key];
    const td = el("td", c.numeric ? "num" : "text", value === undefined ? "—" : value);
    td.dataset.metric = c.key;
    if (value === "n/a" || value === undefined) {
      td.classList.add("na");
    }
    tr.append(td);
  }
  return tr;
}

function sideOf(aggressor) {
  return aggressor === "buy" || aggressor === "sell" ? aggressor : "unknown";
}

/**
 * uPlot's columns: time, trade price, a column per dot series, then the fundamental when there is one. Trades and
 * the fundamental's steps are merged in time order; each row has only its own values (the lines span the gaps).
 */
function priceColumns(trades, sides, fundamental) {
  const columns = [[], []].concat(sides.map(() => []), fundamental ? [[]] : []);
  const row = (ms, price, value, side) => {
    columns[0].push(ms / 1000);
    columns[1].push(price);
    sides.forEach((s, k) => columns[2 + k].push(side === s ? price : null));
    if (fundamental) {
      columns[2 + sides.length].push(value);
    }
  };
  const steps = fundamental ? fundamental.t.length : 0;
  let f = 0;
  for (let i = 0; i < trades.t.length; i++) {
    for (; f < steps && fundamental.t[f] <= trades.t[i]; f++) {
      row(fundamental.t[f], null, fundamental.value[f], null);
    }
    row(trades.t[i], trades.price[i], null, sideOf(trades.side[i]));
  }
  for (; f < steps; f++) {
    row(fundamental.t[f], null, fundamental.value[f], null);
  }
  return columns;
}

/** How closely the trades tracked the fundamental, beside the price chart; or why there is no fundamental. */
function drawTracking(fundamental, tradeCount) {
  const box = $("tracking");
  box.hidden = false;
  if (!fundamental) {
    box.textContent = "No fundamental value: this run folder has no fundamental.csv (a battle without a "
      + "scenario's market, or one recorded before scenarios).";
    return;
  }
  if (!fundamental.tracking) {
    box.textContent = "The dashed line is the scenario's hidden fundamental value; no trade to compare with it.";
    return;
  }
  box.textContent = "";
  box.append(el("span", null, "Tracking: the trades were on average "),
    el("strong", null, fundamental.tracking.mean_gap), el("span", null, " away from the hidden fundamental value "
      + "(the dashed line): the mean of |trade price − fundamental at that time| over "
      + (fundamental.tracking.trades === tradeCount ? "all " : fundamental.tracking.trades.toLocaleString("en-US")
        + " of ") + tradeCount.toLocaleString("en-US") + " trades."));
  box.querySelector("strong").id = "tracking-gap";
}

/**
 * uPlot wants one x column shared by every series: each trader's steps ([time, value] points) carried forward
 * over the union of all their times, from the battle's start to its end.
 */
function alignSteps(traders, byTrader, span) {
  const times = new Set([span.start, span.end]);
  for (const t of traders) {
    for (const [time] of byTrader[t]) {
      times.add(time);
    }
  }
  const xs = Array.from(times).sort((a, b) => a - b);
  const columns = [xs.map((ms) => ms / 1000)];
  for (const t of traders) {
    const points = byTrader[t];
    const column = new Array(xs.length);
    let j = -1;
    for (let i = 0; i < xs.length; i++) {
      while (j + 1 < points.length && points[j + 1][0] <= xs[i]) {
        j++;
      }
      column[i] = j >= 0 ? points[j][1] : null;
    }
    columns.push(column);
  }
  return columns;
}

/** The market after any number of the run's events, replayed from the nearest checkpoint. */
class Replay {
  constructor(events) {
    this.events = events;
    this.checkpoints = [new Market()];
    const market = new Market();
    for (let i = 0; i < events.length; i++) {
      market.apply(events[i]);
      if ((i + 1) % CHECKPOINT_EVERY === 0) {
        this.checkpoints.push(market.copy());
      }
    }
    this.index = 0;
    this.market = new Market();
    this.tradeIndexes = [];
    events.forEach((e, i) => {
      if (e.type === "trade") {
        this.tradeIndexes.push(i + 1);
      }
    });
  }

  /** Moves to the state after the first {@code index} events. */
  moveTo(index) {
    index = Math.max(0, Math.min(this.events.length, index));
    let from = this.index;
    if (index < this.index || index - this.index > CHECKPOINT_EVERY) {
      const checkpoint = Math.floor(index / CHECKPOINT_EVERY);
      this.market = this.checkpoints[checkpoint].copy();
      from = checkpoint * CHECKPOINT_EVERY;
    }
    for (let i = from; i < index; i++) {
      this.market.apply(this.events[i]);
    }
    this.index = index;
  }

  /** The time of the last event applied (the first event's before any). */
  time() {
    if (this.events.length === 0) {
      return null;
    }
    return this.events[Math.max(0, this.index - 1)].timestamp;
  }
}

/** The replay's controls: a slider over the events, steps by event or by trade, a jump to a seq. */
class Scrubber {
  constructor(replay, format, isBackground, moved) {
    this.replay = replay;
    this.format = format;
    this.moved = moved;
    replay.scrubber = this;
    this.ladder = new Ladder($("replay-ladder"), 10);
    this.tape = new Tape($("replay-tape"), 12);
    this.traders = new Traders($("replay-accounts"), null, isBackground);
    const slider = $("scrub");
    slider.max = String(replay.events.length);
    slider.addEventListener("input", () => this.go(Number(slider.value)));
    $("first").addEventListener("click", () => this.go(0));
    $("last-event").addEventListener("click", () => this.go(replay.events.length));
    $("prev-event").addEventListener("click", () => this.go(replay.index - 1));
    $("next-event").addEventListener("click", () => this.go(replay.index + 1));
    $("prev-trade").addEventListener("click", () => this.go(this.trade(-1)));
    $("next-trade").addEventListener("click", () => this.go(this.trade(+1)));
    $("goto").addEventListener("submit", (e) => {
      e.preventDefault();
      this.goToSeq(Number($("goto-seq").value));
    });
    document.addEventListener("keydown", (e) => {
      if (e.target.tagName === "INPUT") {
        return;
      }
      if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
        const step = e.key === "ArrowLeft" ? -1 : 1;
        this.go(e.shiftKey ? this.trade(step) : replay.index + step);
        e.preventDefault();
      }
    });
    // the market as the last trade left it: after it, the bots' final cancels often empty the book
    const trades = replay.tradeIndexes;
    this.go(trades.length > 0 ? trades[trades.length - 1] : replay.events.length);
  }

  /** The index just after the previous (-1) or next (+1) trade. */
  trade(direction) {
    const trades = this.replay.tradeIndexes;
    const now = this.replay.index;
    if (direction > 0) {
      const next = trades.find((i) => i > now);
      return next === undefined ? now : next;
    }
    for (let k = trades.length - 1; k >= 0; k--) {
      if (trades[k] < now) {
        return trades[k];
      }
    }
    return now;
  }

  goToSeq(seq) {
    const events = this.replay.events;
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (events[mid].seq <= seq) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    this.go(lo);
  }

  jumpToTradeNear(ms) {
    const events = this.replay.events;
    let best = null;
    for (const i of this.replay.tradeIndexes) {
      if (best === null || Math.abs(events[i - 1].timestamp - ms) < Math.abs(events[best - 1].timestamp - ms)) {
        best = i;
      }
    }
    if (best !== null) {
      this.go(best);
    }
  }

  go(index) {
    const replay = this.replay;
    replay.moveTo(index);
    const market = replay.market;
    $("scrub").value = String(replay.index);
    const event = replay.index > 0 ? replay.events[replay.index - 1] : null;
    $("scrub-position").textContent = event
      ? "event " + replay.index.toLocaleString("en-US") + " of " + replay.events.length.toLocaleString("en-US")
        + " · seq " + event.seq + " · " + Format.time(event.timestamp)
      : "before the first event";
    $("scrub-event").textContent = event ? describe(event, this.format) : "the book is empty";
    $("replay-halted").hidden = !market.halted;
    this.ladder.draw(market, this.format);
    this.tape.draw(market, this.format);
    this.traders.draw(market, this.format, null);
    drawTop(market, this.format);
    this.moved();
  }
}

/** One event in words. */
function describe(e, format) {
  switch (e.type) {
    case "trade":
      return "trade " + e.trade_id + ": " + e.qty + " @ " + format.money(e.price) + ", " + e.buy_trader_id
        + " bought from " + e.sell_trader_id + " (" + (e.aggressor_side === "buy" ? "buyer" : "seller")
        + " aggressed)";
    case "book_update":
      return "book update: best bid " + format.money(e.best_bid) + ", best ask " + format.money(e.best_ask);
    case "position_update":
      return "account of " + e.trader_id + ": position " + e.position + ", total equity "
        + format.money(e.total_equity);
    case "liquidation":
      return "liquidation of " + e.trader_id + ": " + e.side + " " + e.qty + " (" + e.reason.replaceAll("_", " ")
        + ")";
    case "trading_status":
      return e.halted ? "trading halted" : "trading resumed";
    default:
      return e.type;
  }
}
