"use strict";
// The live dashboard: an ordinary subscriber of the relay's feed (status, snapshot, then every event). A tab that
// cannot keep up is resynced by the relay with a fresh snapshot, like any subscriber; a gap in seq makes the page
// reconnect for one. Events are applied as they come; drawing happens at most 30 times a second. The relay sends a
// heartbeat after every quiet second: a page that hears nothing at all for ?stale-after=SECONDS (3 by default) says
// STALE, as whoever is behind the feed is stuck.

const FRAME_MILLIS = 33;
const CHART_TRADES = 3000;
const SPARK_POINTS = 400;
const DEFAULT_STALE_AFTER_SECONDS = 3;

/** The page's ?stale-after=SECONDS, or the default with why the one given cannot be used. */
function staleAfter() {
  const asked = new URLSearchParams(location.search).get("stale-after");
  const seconds = asked === null ? DEFAULT_STALE_AFTER_SECONDS : Number(asked);
  if (!(seconds > 0 && seconds <= 86400)) {
    return { millis: DEFAULT_STALE_AFTER_SECONDS * 1000, problem: "stale-after=" + asked + " is not a number of "
      + "seconds (up to 86400); using " + DEFAULT_STALE_AFTER_SECONDS };
  }
  return { millis: seconds * 1000, problem: null };
}

/**
 * What the charts remember of the battle, bounded: the last trades, and the last equity points of each bot and of
 * the background crowd as a whole (the sum of its traders' equities, kept exact in whole units of the tick).
 */
class History {
  constructor(format, isBackground) {
    this.format = format;
    this.isBackground = isBackground;
    this.t = [];
    this.price = [];
    this.side = [];
    this.lastTradeId = 0;
    this.equity = new Map();
    this.version = 0;
    this.crowdUnits = new Map();
    this.crowdTotal = 0;
  }

  trade(e) {
    if (e.trade_id <= this.lastTradeId) {
      return;
    }
    this.lastTradeId = e.trade_id;
    this.t.push(e.timestamp / 1000);
    this.price.push(e.price);
    this.side.push(e.aggressor_side);
    if (this.t.length > CHART_TRADES * 1.5) {
      this.t = this.t.slice(-CHART_TRADES);
      this.price = this.price.slice(-CHART_TRADES);
      this.side = this.side.slice(-CHART_TRADES);
    }
    this.version++;
  }

  /** A trader's equity as the exchange stated it; a crowd trader's counts in the crowd's sum (see crowdStep). */
  account(trader, timestamp, equity) {
    if (this.isBackground(trader)) {
      const units = this.format.units(equity);
      this.crowdTotal += units - (this.crowdUnits.get(trader) || 0);
      this.crowdUnits.set(trader, units);
      return;
    }
    this.point(trader, timestamp, equity);
  }

  /** Records the crowd's summed equity at {@code timestamp} when it changed (after a snapshot or an update). */
  crowdStep(timestamp) {
    const h = this.equity.get(CROWD_ROW);
    const total = this.format.fromUnits(this.crowdTotal);
    if (this.crowdUnits.size > 0 && (!h || h.v[h.v.length - 1] !== total)) {
      this.point(CROWD_ROW, timestamp, total);
    }
  }

  point(trader, timestamp, equity) {
    let h = this.equity.get(trader);
    if (!h) {
      h = { t: [], v: [], version: 0 };
      this.equity.set(trader, h);
    }
    h.t.push(timestamp / 1000);
    h.v.push(equity);
    if (h.t.length > SPARK_POINTS * 1.5) {
      h.t = h.t.slice(-SPARK_POINTS);
      h.v = h.v.slice(-SPARK_POINTS);
    }
    h.version++;
  }

  /** uPlot's columns: time, price, then one column per aggressor side with the price where it applies. */
  priceColumns() {
    const n = this.t.length;
    const buys = new Array(n);
    const sells = new Array(n);
    for (let i = 0; i < n; i++) {
      buys[i] = this.side[i] === "buy" ? this.price[i] : null;
      sells[i] = this.side[i] === "sell" ? this.price[i] : null;
    }
    return [this.t, this.price, buys, sells];
  }
}

function startLive(boot) {
  const format = new Format(boot.decimals);
  const market = new Market();
  const isBackground = (trader) => trader.startsWith(boot.backgroundPrefix);
  const history = new History(format, isBackground);
  document.body.classList.add("live");
  $("title").textContent = "Bourse — live";
  const stale = staleAfter();
  $("subtitle").textContent = "market data " + feedUri(boot) + " · stale after " + stale.millis / 1000 + " s"
    + (stale.problem ? " (" + stale.problem + ")" : "");

  const ladder = new Ladder($("ladder"), 10);
  const tape = new Tape($("tape"), 20);
  const traders = new Traders($("traders"), (t) => {
    const h = history.equity.get(t);
    return h ? [h.t, h.v] : [[], []];
  }, isBackground);
  // a little lower than the report's: the depth ladder beside it sets the row's height, the leaderboard follows
  const chart = priceChart($("price-chart"), format, { sides: ["buy", "sell"], height: 340 });
  fitWidth(chart, $("price-chart"));
  $("rejects").textContent = "Rejected orders are private: each is answered to its trader on the order gateway "
    + "(9001) and is not on the public feed, so the dashboard cannot count them. The battle report counts them "
    + "by reason from the run's journal.";

  const connection = { socket: null, open: false, everOpen: false, exchange: null, detail: null, synced: false,
    retryMillis: 250, retryAt: null, heardAt: 0 };
  let events = 0;
  let dirty = true;
  let chartVersion = -1;
  let lastDraw = 0;
  let rate = { at: performance.now(), events: 0, perSecond: 0 };

  connect();
  requestAnimationFrame(frame);
  if (boot.botEndings) {
    followBotEndings();
  }

  /** The battle's bots that failed or exited, from the relay's copy of the battle's bot-endings file. */
  function followBotEndings() {
    $("bot-endings-panel").hidden = false;
    const list = $("bot-endings");
    list.textContent = "none so far";
    let shown = 0;
    const poll = () => {
      fetch("bot-endings", { cache: "no-store" })
        .then((response) => response.ok ? response.json() : Promise.reject(new Error("HTTP " + response.status)))
        .then((endings) => {
          if (endings.length !== shown) {
            shown = endings.length;
            list.textContent = endings.length === 0 ? "none so far" : "";
            for (const e of endings) {
              list.append(el("div", "bot-ending " + e.state, e.trader_id + " " + e.state + ": " + e.why));
            }
          }
        })
        .catch(() => { /* the relay is down: the status line says so; try again later */ })
        .finally(() => setTimeout(poll, 2000));
    };
    poll();
  }

  function connect() {
    const socket = new WebSocket(feedUri(boot));
    connection.socket = socket;
    socket.onopen = () => {
      connection.open = true;
      connection.everOpen = true;
      connection.retryMillis = 250;
      dirty = true;
    };
    socket.onmessage = (message) => {
      connection.heardAt = Date.now();
      receive(JSON.parse(message.data));
    };
    socket.onclose = () => {
      if (connection.socket !== socket) {
        return;
      }
      connection.open = false;
      connection.synced = false;
      connection.exchange = null;
      connection.retryAt = Date.now() + connection.retryMillis;
      setTimeout(connect, connection.retryMillis);
      connection.retryMillis = Math.min(5000, connection.retryMillis * 2);
      dirty = true;
    };
  }

  function receive(m) {
    if (m.type === "heartbeat") {
      return; // alive, and nothing new: its seq is the last event's
    }
    if (m.type === "status") {
      connection.exchange = m.exchange_connected;
      connection.detail = m.detail;
      if (!m.exchange_connected) {
        connection.synced = false;
      }
    } else if (m.type === "snapshot") {
      market.snapshot(m);
      m.recent_trades.forEach((t) => history.trade(t));
      for (const a of m.accounts) {
        history.account(a.trader_id, m.timestamp, a.total_equity);
      }
      history.crowdStep(m.timestamp);
      connection.synced = true;
    } else if (typeof m.seq === "number" && connection.synced) {
      if (m.seq !== market.seq + 1) {
        // a missed event: only a fresh snapshot can tell where things stand
        connection.synced = false;
        connection.socket.close();
        return;
      }
      market.apply(m);
      events++;
      if (m.type === "trade") {
        history.trade(m);
      } else if (m.type === "position_update") {
        history.account(m.trader_id, m.timestamp, m.total_equity);
        history.crowdStep(m.timestamp);
      }
    }
    dirty = true;
  }

  function frame(now) {
    requestAnimationFrame(frame);
    if (now - rate.at >= 1000) {
      rate = { at: now, events, perSecond: Math.round((events - rate.events) * 1000 / (now - rate.at)) };
      dirty = true;
    }
    if (!dirty || now - lastDraw < FRAME_MILLIS) {
      return;
    }
    lastDraw = now;
    dirty = false;
    draw();
  }

  function draw() {
    drawStatus();
    $("events-rate").textContent = rate.perSecond.toLocaleString("en-US") + " events/s";
    $("seq").textContent = "seq " + market.seq;
    drawTop(market, format);
    ladder.draw(market, format);
    tape.draw(market, format);
    // a sparkline is redrawn when its trader's equity changes, and every second to run on to the present
    const second = Math.floor(performance.now() / 1000);
    traders.draw(market, format, (t) => (history.equity.get(t) || { version: 0 }).version * 100000 + second);
    drawLiquidations(market);
    if (history.version !== chartVersion) {
      chartVersion = history.version;
      chart.setData(history.priceColumns());
    }
  }

  function drawStatus() {
    let state;
    let detail;
    if (!connection.open) {
      state = connection.everOpen ? "relay-down" : "connecting";
      const wait = connection.retryAt ? Math.max(0, Math.round((connection.retryAt - Date.now()) / 100) / 10) : 0;
      detail = connection.everOpen ? "the relay at " + feedUri(boot) + " does not answer; retrying"
        + (wait > 0 ? " in " + wait + " s" : "") : "connecting to the relay at " + feedUri(boot);
    } else if (connection.exchange === false) {
      state = "exchange-down";
      detail = "the relay is up but cannot reach the exchange" + (connection.detail ? ": " + connection.detail : "");
    } else if (connection.synced && Date.now() - connection.heardAt > stale.millis) {
      state = "stale";
      detail = "nothing from the relay for " + Math.floor((Date.now() - connection.heardAt) / 1000) + " s, not even "
        + "a heartbeat: the relay or the exchange behind it is stuck; the figures may be out of date";
    } else if (connection.synced) {
      state = "connected";
      detail = "";
    } else {
      state = "connecting";
      detail = "waiting for the relay's snapshot";
    }
    const labels = { "connected": "CONNECTED", "exchange-down": "EXCHANGE DOWN", "relay-down": "RELAY DOWN",
      "connecting": "CONNECTING", "stale": "STALE" };
    const status = $("status");
    status.textContent = labels[state];
    status.dataset.state = state;
    $("status-detail").textContent = detail;
    $("halted").hidden = !(market.halted && connection.synced);
    document.body.classList.toggle("stale", state !== "connected");
  }
}

function feedUri(boot) {
  return "ws://" + (location.hostname.includes(":") ? "[" + location.hostname + "]" : location.hostname) + ":"
    + boot.feedPort;
}

/** Best bid and ask, spread, mid, last trade, trade count. */
function drawTop(market, format) {
  const bid = market.bestBid;
  const ask = market.bestAsk;
  $("best-bid").textContent = format.money(bid);
  $("best-ask").textContent = format.money(ask);
  $("spread").textContent = bid !== null && ask !== null ? format.money(ask - bid) : "—";
  $("mid").textContent = format.mid(bid, ask);
  $("last").textContent = format.money(market.lastPrice);
  $("trade-count").textContent = market.tradeCount.toLocaleString("en-US");
}

function drawLiquidations(market) {
  const counts = $("liquidation-counts");
  const reasons = ["maintenance_margin_breach", "maintenance_margin_breach_force_flatten", "bankruptcy"];
  counts.textContent = reasons.map((r) => r.replaceAll("_", " ") + ": " + (market.liquidationsByReason.get(r) || 0))
    .join(" · ");
  const list = $("liquidation-list");
  const recent = market.liquidations.slice(-5).reverse();
  list.textContent = recent.length === 0 ? "none since this page opened" : "";
  for (const l of recent) {
    list.append(el("div", "liquidation", Format.time(l.timestamp) + "  " + l.trader_id + "  " + l.side + " "
      + l.qty + "  (" + l.reason.replaceAll("_", " ") + ")"));
  }
}
