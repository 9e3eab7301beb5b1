"use strict";
// What the page shows, built once and updated in place: the book's ladder, the tape, the traders' table and the
// charts. Shared by the live dashboard and the report's replay. Everything is drawn from a Market when asked; no
// drawing happens per event.

const COLORS = {
  text: "#e6edf3", muted: "#8b949e", grid: "#262c36", buy: "#3fb950", sell: "#f85149", price: "#58a6ff",
  neutral: "#d2a8ff", fundamental: "#f0883e",
};
/** One colour per trader, in rank order of the first time they are drawn. */
const TRADER_COLORS = ["#58a6ff", "#3fb950", "#f0883e", "#d2a8ff", "#f85149", "#e3b341", "#39c5cf", "#ff7b72",
  "#a5d6ff", "#7ee787", "#ffa657", "#bc8cff"];

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function $(id) {
  return document.getElementById(id);
}

/** Numbers printed as the exchange prints them: prices and money with the tick's decimals. */
class Format {
  constructor(decimals) {
    this.dp = decimals;
  }

  money(x) {
    return x === null || x === undefined ? "—" : x.toFixed(this.dp);
  }

  /** An average price: the tick's decimals and up to 4 more, without trailing zeros beyond the tick's. */
  ratio(x) {
    if (x === null || x === undefined) {
      return "—";
    }
    let s = x.toFixed(this.dp + 4);
    const keep = s.length - 4;
    while (s.length > keep && s.endsWith("0")) {
      s = s.slice(0, -1);
    }
    return s.endsWith(".") ? s.slice(0, -1) : s;
  }

  /** An amount in whole units of its last decimal (cents for a tick of 0.01): sums of these are exact. */
  units(x) {
    return Math.round(x * 10 ** this.dp);
  }

  /** Whole units back to an amount, to print with money(). */
  fromUnits(n) {
    return n / 10 ** this.dp;
  }

  signedMoney(x) {
    return x > 0 ? "+" + this.money(x) : this.money(x);
  }

  /** The mid of two prices: the tick's decimals, one more when it falls between two ticks. */
  mid(bid, ask) {
    if (bid === null || ask === null) {
      return "—";
    }
    const s = ((bid + ask) / 2).toFixed(this.dp + 1);
    return s.endsWith("0") ? (this.dp === 0 ? s.slice(0, -2) : s.slice(0, -1)) : s;
  }

  static time(ms) {
    if (ms === null || ms === undefined) {
      return "—";
    }
    const d = new Date(ms);
    const two = (n) => String(n).padStart(2, "0");
    return two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds()) + "."
      + String(d.getMilliseconds()).padStart(3, "0");
  }
}

/** The depth ladder: asks above (best lowest), bids below, a bar for each level's size. */
class Ladder {
  constructor(container, depth) {
    this.rows = { asks: [], bids: [] };
    const table = el("div", "ladder");
    const make = (side) => {
      const row = el("div", "level " + side);
      const bar = el("span", "bar");
      const price = el("span", "price");
      const qty = el("span", "qty");
      row.append(bar, price, qty);
      return { row, bar, price, qty };
    };
    for (let i = 0; i < depth; i++) {
      this.rows.asks.push(make("ask"));
    }
    this.spread = el("div", "level spread");
    for (let i = 0; i < depth; i++) {
      this.rows.bids.push(make("bid"));
    }
    // asks from the deepest shown down to the best, then the spread, then bids from the best down
    for (let i = depth - 1; i >= 0; i--) {
      table.append(this.rows.asks[i].row);
    }
    table.append(this.spread);
    this.rows.bids.forEach((r) => table.append(r.row));
    container.append(table);
  }

  draw(market, format) {
    const shown = (levels, rows) => Math.min(levels.length, rows.length);
    let max = 1;
    for (let i = 0; i < shown(market.asks, this.rows.asks); i++) {
      max = Math.max(max, market.asks[i][1]);
    }
    for (let i = 0; i < shown(market.bids, this.rows.bids); i++) {
      max = Math.max(max, market.bids[i][1]);
    }
    const fill = (levels, rows) => {
      rows.forEach((r, i) => {
        const level = levels[i];
        r.price.textContent = level ? format.money(level[0]) : "";
        r.qty.textContent = level ? String(level[1]) : "";
        r.bar.style.width = level ? (100 * level[1] / max).toFixed(1) + "%" : "0";
      });
    };
    fill(market.asks, this.rows.asks);
    fill(market.bids, this.rows.bids);
    if (market.bestBid !== null && market.bestAsk !== null) {
      this.spread.textContent = "spread " + format.money(market.bestAsk - market.bestBid);
    } else {
      this.spread.textContent = market.bestBid === null && market.bestAsk === null ? "empty book"
        : "one-sided book";
    }
  }
}

/** The last trades, newest on top, coloured by the aggressor's side. */
class Tape {
  constructor(container, length) {
    this.length = length;
    const table = el("table", "tape");
    const head = el("tr");
    ["time", "price", "qty", "buyer", "seller"].forEach((h) => head.append(el("th", null, h)));
    table.appendChild(el("thead")).append(head);
    this.body = el("tbody");
    table.append(this.body);
    this.rows = [];
    for (let i = 0; i < length; i++) {
      const tr = el("tr");
      const cells = ["time", "price", "qty", "buyer", "seller"].map((c) => tr.appendChild(el("td", c)));
      this.rows.push({ tr, cells });
      this.body.append(tr);
    }
    container.append(table);
  }

  draw(market, format) {
    const trades = market.recentTrades(this.length);
    this.rows.forEach((r, i) => {
      const t = trades[i];
      r.tr.className = t ? (t.aggressor_side === "buy" ? "buy" : t.aggressor_side === "sell" ? "sell" : "") : "empty";
      r.tr.title = t ? "trade " + t.trade_id + ", seq " + t.seq + ", aggressor: " + (t.aggressor_side || "?") : "";
      const values = t ? [Format.time(t.timestamp), format.money(t.price), String(t.qty), t.buy_trader_id,
        t.sell_trader_id] : ["", "", "", "", ""];
      r.cells.forEach((c, j) => {
        c.textContent = values[j];
      });
    });
  }
}

/** A tiny equity chart for one trader's row. */
class Sparkline {
  constructor(container, color) {
    this.plot = new uPlot({
      width: 120, height: 28, pxAlign: false, cursor: { show: false }, legend: { show: false },
      select: { show: false }, axes: [{ show: false }, { show: false }],
      scales: { x: { time: false }, y: { range: (u, min, max) => (min === max ? [min - 1, max + 1] : [min, max]) } },
      series: [{}, { stroke: color, width: 1.5, paths: uPlot.paths.stepped({ align: 1 }), points: { show: false } }],
    }, [[], []], container);
  }

  /** Draws the steps up to {@code now} (seconds): the last value holds until something changes it. */
  draw(times, values, now) {
    if (times.length > 0 && now > times[times.length - 1]) {
      this.plot.setData([times.concat([now]), values.concat([values[values.length - 1]])]);
    } else {
      this.plot.setData([times, values]);
    }
  }
}

/** The key of the background crowd's own row and sparkline (no trader id has brackets). */
const CROWD_ROW = "[crowd]";
const NO_BOTS_ROW = "[no bots]";
const ACCOUNT_FIELDS = ["position", "cash", "avg_entry_price", "realized_pnl", "unrealized_pnl", "total_equity"];

/**
 * The leaderboard: the bots' accounts ranked by total equity, then the background crowd as one row (its traders'
 * positions and amounts added up), which opens to list each of them, ranked among themselves.
 */
class Traders {
  /**
   * @param sparkData (trader or CROWD_ROW) → [times, values], or null for no sparklines
   * @param isBackground (trader) → whether the trader is one of the crowd's
   */
  constructor(container, sparkData, isBackground) {
    this.sparkData = sparkData;
    this.isBackground = isBackground;
    this.showCrowd = false;
    this.rows = new Map();
    const table = el("table", "traders");
    const head = el("tr");
    const columns = ["#", "trader", "position", "cash", "avg entry", "realized", "unrealized", "total equity"];
    if (sparkData) {
      columns.push("equity");
    }
    columns.forEach((h) => head.append(el("th", null, h)));
    table.appendChild(el("thead")).append(head);
    this.body = el("tbody");
    table.append(this.body);
    container.append(table);
    this.colors = new Map();
    this.crowdToggle = el("button", "crowd-toggle");
    this.crowdToggle.type = "button";
    this.crowdToggle.addEventListener("click", () => {
      this.showCrowd = !this.showCrowd;
      if (this.lastDraw) {
        this.draw(...this.lastDraw);
      }
    });
  }

  color(trader) {
    if (!this.colors.has(trader)) {
      this.colors.set(trader, TRADER_COLORS[this.colors.size % TRADER_COLORS.length]);
    }
    return this.colors.get(trader);
  }

  row(key, sparkline) {
    let row = this.rows.get(key);
    if (!row) {
      const tr = el("tr");
      const cell = (field) => {
        const td = el("td", field ? "num" : null);
        if (field) {
          td.dataset.field = field;
        }
        tr.append(td);
        return td;
      };
      row = { tr, rank: cell(null), name: cell(null) };
      ACCOUNT_FIELDS.forEach((f) => {
        row[f] = cell(f);
      });
      row.name.className = "name";
      if (this.sparkData) {
        const td = el("td", "spark");
        tr.append(td);
        if (sparkline) {
          row.spark = new Sparkline(td, key === CROWD_ROW ? COLORS.muted : this.color(key));
          row.sparkVersion = -1;
        }
      }
      this.rows.set(key, row);
    }
    return row;
  }

  /** @param versions (trader or CROWD_ROW) → a number that changes when its sparkline data changes */
  draw(market, format, versions) {
    this.lastDraw = [market, format, versions];
    const bots = [];
    const crowd = [];
    for (const a of market.ranked()) {
      (this.isBackground(a.trader_id) ? crowd : bots).push(a);
    }
    const shown = [];
    bots.forEach((a, i) => shown.push(this.account(a, i + 1, format)));
    if (bots.length === 0) {
      shown.push(this.noBots());
    }
    if (crowd.length > 0) {
      shown.push(this.crowdTotal(crowd, format));
      if (this.showCrowd) {
        crowd.forEach((a, i) => shown.push(this.account(a, i + 1, format)));
      }
    }
    shown.forEach((row, i) => {
      if (this.body.children[i] !== row.tr) {
        this.body.insertBefore(row.tr, this.body.children[i] || null);
      }
    });
    const keys = new Set(shown.map((row) => row.key));
    for (const [key, row] of this.rows) {
      if (!keys.has(key)) {
        row.tr.remove();
        this.rows.delete(key);
      }
    }
    for (const row of shown) {
      if (row.spark && versions && versions(row.key) !== row.sparkVersion) {
        row.sparkVersion = versions(row.key);
        const [t, v] = this.sparkData(row.key);
        row.spark.draw(t, v, market.timestamp / 1000);
      }
    }
  }

  /** Says why the table has no bot: better than an empty table above the crowd's row. */
  noBots() {
    let row = this.rows.get(NO_BOTS_ROW);
    if (!row) {
      const tr = el("tr", "no-bots");
      const td = el("td", null, "no bot has joined the market yet");
      td.colSpan = this.body.parentElement.tHead.rows[0].cells.length;
      tr.append(td);
      row = { tr, key: NO_BOTS_ROW };
      this.rows.set(NO_BOTS_ROW, row);
    }
    return row;
  }

  /** A trader's row, with the exchange's own figures. */
  account(a, rank, format) {
    const background = this.isBackground(a.trader_id);
    const row = this.row(a.trader_id, !background);
    row.key = a.trader_id;
    row.tr.dataset.trader = a.trader_id;
    row.tr.classList.toggle("crowd-member", background);
    row.rank.textContent = String(rank);
    row.name.textContent = a.trader_id + (a.status === "bankrupt" ? " (bankrupt)" : "");
    row.tr.classList.toggle("bankrupt", a.status === "bankrupt");
    row.position.textContent = String(a.position);
    row.cash.textContent = format.money(a.cash);
    row.avg_entry_price.textContent = format.ratio(a.avg_entry_price);
    row.realized_pnl.textContent = format.money(a.realized_pnl);
    row.unrealized_pnl.textContent = format.money(a.unrealized_pnl);
    row.total_equity.textContent = format.money(a.total_equity);
    return row;
  }

  /** The crowd's row: the sums of its traders' figures, exact to the tick; an average entry does not add up. */
  crowdTotal(crowd, format) {
    const row = this.row(CROWD_ROW, true);
    row.key = CROWD_ROW;
    row.tr.className = "crowd-total";
    row.rank.textContent = "";
    this.crowdToggle.textContent = (this.showCrowd ? "▾ " : "▸ ") + "crowd (" + crowd.length + " bg_ traders)";
    this.crowdToggle.title = (this.showCrowd ? "hide" : "list") + " the background crowd's traders one by one";
    this.crowdToggle.setAttribute("aria-expanded", String(this.showCrowd));
    if (row.name.firstChild !== this.crowdToggle) {
      row.name.replaceChildren(this.crowdToggle);
    }
    let position = 0;
    for (const a of crowd) {
      position += a.position;
    }
    row.position.textContent = String(position);
    for (const f of ["cash", "realized_pnl", "unrealized_pnl", "total_equity"]) {
      let units = 0;
      for (const a of crowd) {
        units += format.units(a[f]);
      }
      row[f].textContent = format.money(format.fromUnits(units));
    }
    row.avg_entry_price.textContent = "—";
    return row;
  }
}

/** A vertical line at a time of the replay on a chart. */
function markerPlugin(timeOf) {
  return {
    hooks: {
      draw: (u) => {
        const t = timeOf();
        if (t === null) {
          return;
        }
        const x = u.valToPos(t, "x", true);
        const ctx = u.ctx;
        ctx.save();
        ctx.setLineDash([]); // a dashed series may have left its dash on the context
        ctx.strokeStyle = "#e3b341";
        ctx.lineWidth = 1.5 * devicePixelRatio;
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.restore();
      },
    },
  };
}

/** The time axis: ticks far enough apart that labels like ":46.500" never touch. */
function timeAxis() {
  return Object.assign(axis(), { space: 80 });
}

function axis(label, values, size) {
  const a = { stroke: COLORS.muted, grid: { stroke: COLORS.grid, width: 1 }, ticks: { stroke: COLORS.grid } };
  if (size) {
    a.size = size;
  }
  if (label) {
    a.label = label;
  }
  if (values) {
    a.values = values;
  }
  return a;
}

/** The dot series of the price chart, by the aggressor side of the trades they mark. */
const TRADE_DOTS = { buy: ["taker bought", COLORS.buy], sell: ["taker sold", COLORS.sell],
  unknown: ["trade (taker unknown)", COLORS.neutral] };

/**
 * The price of every trade, with each trade a dot in its aggressor's colour; {@code sides} are the dot series to
 * draw, among "buy", "sell" and "unknown" (a report made from CSV files knows no aggressor). With
 * {@code fundamental}, a dashed line of the scenario's hidden value too (the report's; the live feed never has it).
 * Times in seconds; {@code height} and {@code dotSize} (6 unless told) in pixels.
 */
function priceChart(container, format, { plugins, sides, fundamental, height, dotSize }) {
  const dot = (side) => ({ label: TRADE_DOTS[side][0], stroke: TRADE_DOTS[side][1], fill: TRADE_DOTS[side][1],
    width: 0, paths: () => null, value: (u, v) => format.money(v),
    points: { show: true, size: dotSize || 6, stroke: TRADE_DOTS[side][1], fill: TRADE_DOTS[side][1] } });
  const price = { label: "trade price", stroke: COLORS.price, width: 1, paths: uPlot.paths.stepped({ align: 1 }),
    value: (u, v) => format.money(v), points: { show: false }, spanGaps: true };
  // last, so that it is drawn over the dots of a busy market
  const value = fundamental ? [{ label: "fundamental (hidden)", stroke: COLORS.fundamental, width: 2, dash: [6, 4],
    paths: uPlot.paths.stepped({ align: 1 }), value: (u, v) => format.money(v), points: { show: false },
    spanGaps: true }] : [];
  return new uPlot({
    width: Math.max(300, container.clientWidth), height, plugins: plugins || [],
    scales: { x: { time: true } },
    axes: [timeAxis(), axis(null, (u, vals) => vals.map((v) => format.money(v)), 72)],
    legend: { show: true },
    series: [{ value: (u, v) => (v === null ? "—" : Format.time(v * 1000)) }, price].concat(sides.map(dot), value),
  }, [[], []].concat(sides.map(() => []), value.map(() => [])), container);
}

/** One line per trader over time: equity, drawdown or position. */
function tradersChart(container, traders, colors, valueFormat, plugins) {
  return new uPlot({
    width: Math.max(300, container.clientWidth), height: 220, plugins: plugins || [],
    scales: { x: { time: true } },
    axes: [timeAxis(), axis(null, (u, vals) => vals.map(valueFormat), 80)],
    series: [{ value: (u, v) => (v === null ? "—" : Format.time(v * 1000)) }].concat(traders.map((t) => ({
      label: t, stroke: colors(t), width: 1.5, paths: uPlot.paths.stepped({ align: 1 }),
      value: (u, v) => (v === null ? "—" : valueFormat(v)), points: { show: false } }))),
  }, [[]].concat(traders.map(() => [])), container);
}

/** Keeps charts as wide as their container. */
function fitWidth(plot, container) {
  new ResizeObserver(() => {
    const width = Math.max(300, container.clientWidth);
    if (Math.abs(width - plot.width) > 2) {
      plot.setSize({ width, height: plot.height });
    }
  }).observe(container);
}
