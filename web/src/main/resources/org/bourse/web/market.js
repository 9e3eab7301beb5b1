"use strict";
// The market as the feed describes it: a snapshot, then every event applied in seq order. The same model serves
// the live dashboard (fed by the relay's WebSocket) and the report's replay (fed by the run's events.jsonl).
// Applying an event is cheap and allocates little: at 10 000 events/s the page only parses and applies, and draws
// at most 30 times a second. Numbers are kept as the feed sent them; the view prints them with the tick's decimals.

const TAPE_LENGTH = 40;
const RECENT_LIQUIDATIONS = 20;

class Market {
  constructor() {
    this.reset();
  }

  reset() {
    this.seq = 0;
    this.timestamp = null;
    this.bids = [];
    this.asks = [];
    this.bestBid = null;
    this.bestAsk = null;
    this.lastPrice = null;
    this.tradeCount = 0;
    this.halted = false;
    /** trader_id → account, in the order the traders became known */
    this.accounts = new Map();
    /** the last trades, newest last */
    this.tape = [];
    this.liquidations = [];
    /** liquidation reason → count, since this page started watching */
    this.liquidationsByReason = new Map();
  }

  /** Starts again from a snapshot: everything up to and including its seq. */
  snapshot(s) {
    this.seq = s.seq;
    this.timestamp = s.timestamp;
    this.bids = s.bids;
    this.asks = s.asks;
    this.bestBid = s.best_bid;
    this.bestAsk = s.best_ask;
    this.lastPrice = s.last_trade_price;
    this.tradeCount = s.trade_count;
    this.halted = s.trading_halted;
    this.accounts = new Map();
    for (const a of s.accounts) {
      this.accounts.set(a.trader_id, Object.assign({}, a));
    }
    this.tape = s.recent_trades.slice(-TAPE_LENGTH);
  }

  /** Applies the next event; returns false for a type this page does not know (it is skipped). */
  apply(e) {
    this.seq = e.seq;
    this.timestamp = e.timestamp;
    switch (e.type) {
      case "book_update":
        this.bids = e.bids;
        this.asks = e.asks;
        this.bestBid = e.best_bid;
        this.bestAsk = e.best_ask;
        return true;
      case "trade":
        this.lastPrice = e.price;
        this.tradeCount++;
        this.tape.push(e);
        if (this.tape.length > TAPE_LENGTH * 2) {
          this.tape = this.tape.slice(-TAPE_LENGTH);
        }
        return true;
      case "position_update": {
        const known = this.accounts.get(e.trader_id);
        this.accounts.set(e.trader_id, {
          trader_id: e.trader_id, position: e.position, cash: e.cash, avg_entry_price: e.avg_entry_price,
          realized_pnl: e.realized_pnl, unrealized_pnl: e.unrealized_pnl, total_equity: e.total_equity,
          status: known ? known.status : "active",
        });
        return true;
      }
      case "liquidation": {
        this.liquidations.push(e);
        if (this.liquidations.length > RECENT_LIQUIDATIONS) {
          this.liquidations.shift();
        }
        this.liquidationsByReason.set(e.reason, (this.liquidationsByReason.get(e.reason) || 0) + 1);
        const known = this.accounts.get(e.trader_id);
        if (known && e.reason === "bankruptcy") {
          known.status = "bankrupt";
        }
        return true;
      }
      case "trading_status":
        this.halted = e.halted;
        return true;
      default:
        return false;
    }
  }

  /** The last trades, newest first. */
  recentTrades(n) {
    return this.tape.slice(-n).reverse();
  }

  /** Accounts ranked by total equity, best first (ties by trader id). */
  ranked() {
    return Array.from(this.accounts.values()).sort((a, b) =>
      b.total_equity - a.total_equity || (a.trader_id < b.trader_id ? -1 : a.trader_id > b.trader_id ? 1 : 0));
  }

  /** A copy to restart a replay from; the book's arrays are never changed in place, so they are shared. */
  copy() {
    const c = new Market();
    Object.assign(c, this);
    c.accounts = new Map();
    for (const [id, a] of this.accounts) {
      c.accounts.set(id, Object.assign({}, a));
    }
    c.tape = this.tape.slice();
    c.liquidations = this.liquidations.slice();
    c.liquidationsByReason = new Map(this.liquidationsByReason);
    return c;
  }
}
