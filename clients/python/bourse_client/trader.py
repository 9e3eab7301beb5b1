"""A trader's mind without its sockets: the strategy, its own account as the gateway tells it, the market as the
feed tells it, and the frames its decisions become — the Python twin of bot-runner's ``Trader``.

In real time a private message is applied at once and its hook runs with the wall-clock time. In lockstep it is
kept until the next turn, applied then with the turn's virtual time, so that the strategy sees the same market in
every run whenever the message arrived.
"""
from __future__ import annotations

import logging
from decimal import Decimal
from typing import Callable, Dict, List, Optional

from . import messages as m
from .market import MarketView, Outcome
from .strategy import (Cancel, CancelAll, Cancellation, Fill, OpenOrder, OrderRequest, PublicTrade, Rejection,
                       Replace, Side, Strategy, StrategyContext)

LOG = logging.getLogger("bourse_client.trader")

#: Client order ids must fit the exchange's 64 characters: ``<trader>-<n>`` with n up to 19 digits.
_MAX_ID_PREFIX = 64 - 1 - 19
#: Failures of one strategy method logged in full before they are only counted.
_FAILURES_LOGGED = 3


class Trader:
    def __init__(self, trader_id: str, strategy: Strategy, lockstep: bool = False):
        self.trader_id = trader_id
        self.strategy = strategy
        self.lockstep = lockstep
        self.market = MarketView()
        self._prefix = trader_id[:_MAX_ID_PREFIX] + "-"
        self._pending: List = []
        self._now = 0
        self._quiet = False
        self._next_client_order_id = 0
        # the account as the gateway states it
        self.position = 0
        self.cash = Decimal(0)
        self._welcome: Optional[m.Welcome] = None
        self._open_orders: Dict[int, OpenOrder] = {}
        self._last_rejection: Optional[Rejection] = None
        self._last_liquidation_time = 0
        self._book_changed = False
        # figures
        self.orders_sent = self.fills = self.rejections = self.turns = self.failed_turns = 0
        self._failures: Dict[str, int] = {}

    # ------------------------------------------------------------------------------------------ what comes in

    def welcome(self, welcome: m.Welcome) -> None:
        """Where the trader stands after a (re)connection: replaces everything known of its account."""
        self._pending.clear()
        self._welcome = welcome
        self.position, self.cash = welcome.position, welcome.cash
        self._open_orders = {order.order_id: OpenOrder(order.order_id, order.client_order_id, Side(order.side),
                                                       order.price, order.leaves_qty)
                             for order in welcome.open_orders or []}
        for order in welcome.open_orders or []:  # a restarted bot's new ids continue after its resting ones
            number = (order.client_order_id or "")[len(self._prefix):]
            if (order.client_order_id or "").startswith(self._prefix) and number.isdigit() and len(number) < 19:
                self._next_client_order_id = max(self._next_client_order_id, int(number))

    def private_message(self, message, now_ms: int) -> None:
        """A message on the trader's own connection, after its welcome: an answer, a fill, a cancel."""
        if self.lockstep:
            self._pending.append(message)
        else:
            self._now = now_ms
            self._apply(message)

    def feed(self, message) -> Outcome:
        outcome = self.market.apply(message)
        if outcome is Outcome.APPLIED:
            if isinstance(message, (m.Snapshot, m.BookUpdate)):
                self._book_changed = True
            elif isinstance(message, m.Liquidation) and message.trader_id == self.trader_id:
                self._last_liquidation_time = message.timestamp
                LOG.warning("%s: liquidated by the exchange (%s): %s %s", self.trader_id, message.reason,
                            message.side, message.qty)
        return outcome

    # -------------------------------------------------------------------------------------------------- a turn

    def decide(self, time_ms: int) -> List[Dict]:
        """A turn: what came in since the last (in lockstep), ``on_book_update`` if the book changed, then
        ``next_actions``, whose actions are returned as gateway frames in their order."""
        self._now = time_ms
        pending, self._pending = self._pending, []
        for message in pending:
            self._apply(message)
        self.turns += 1
        context = self.context()
        if self._book_changed:
            self._book_changed = False
            self._call("on_book_update", lambda: self.strategy.on_book_update(context))
        try:
            actions = self.strategy.next_actions(context)
        except Exception as e:  # a strategy's bug is a decision to do nothing this turn
            self._failed("next_actions", e)
            self.failed_turns += 1
            return []
        frames = []
        for action in actions or []:
            frame = self._frame(action)
            if frame is None:
                self._failed("next_actions", TypeError(f"returned {action!r}, which is not an action; skipped"))
            else:
                frames.append(frame)
        return frames

    def quiet(self) -> None:
        """From now on no hook runs: the bot is stopping."""
        self._quiet = True

    @property
    def failure(self) -> Optional[str]:
        """A strategy that failed on every turn it had has not traded: the bot's run counts as failed."""
        if self.turns and self.failed_turns == self.turns:
            return f"the strategy's next_actions raised on every turn ({self.turns})"
        return None

    def figures(self) -> str:
        return (f"{self.orders_sent} orders sent, {self.fills} fills, {self.rejections} rejections, "
                f"{sum(self._failures.values())} strategy failures")

    def standing(self) -> str:
        return f"position {self.position}, cash {self.cash}, {len(self._open_orders)} open orders"

    def context(self) -> StrategyContext:
        view = self.market
        marked = view.account(self.trader_id) or self._welcomed()
        has_snapshot = view.last_seq is not None
        return StrategyContext(
            trader_id=self.trader_id, timestamp=self._now, bids=tuple(view.bids), asks=tuple(view.asks),
            recent_trades=tuple(PublicTrade(t.price, t.qty, Side(t.aggressor_side) if t.aggressor_side else None,
                                            t.timestamp) for t in view.recent_trades),
            position=self.position, cash=self.cash, avg_entry_price=marked.avg_entry_price,
            realized_pnl=marked.realized_pnl, unrealized_pnl=marked.unrealized_pnl,
            total_equity=marked.total_equity,
            mark_price=view.mark_price if has_snapshot else (self._welcome.mark_price if self._welcome else None),
            open_orders=tuple(self._open_orders.values()), last_rejection=self._last_rejection,
            last_liquidation_time=self._last_liquidation_time,
            trading_halted=view.trading_halted if has_snapshot else bool(self._welcome
                                                                         and self._welcome.trading_halted))

    # ----------------------------------------------------------------------------------------------- internals

    def _welcomed(self):
        w = self._welcome
        if w is None:
            return m.Account(self.trader_id, 0, Decimal(0), None, Decimal(0), Decimal(0), Decimal(0))
        return m.Account(w.trader_id, w.position, w.cash, w.avg_entry_price, w.realized_pnl, w.unrealized_pnl,
                         w.total_equity)

    def _apply(self, message) -> None:
        if isinstance(message, m.OrderAccepted):
            if message.order_type == "limit" and message.tif == "gtc":  # only these may rest
                self._open_orders[message.order_id] = OpenOrder(message.order_id, message.client_order_id,
                                                                Side(message.side), message.price, message.qty)
        elif isinstance(message, m.Fill):
            side = Side(message.side)
            self.position += side.sign() * message.qty
            self.cash -= message.price * side.sign() * message.qty
            resting = self._open_orders.get(message.order_id)
            if resting is not None:
                if message.leaves_qty == 0:
                    del self._open_orders[message.order_id]
                else:
                    self._open_orders[message.order_id] = OpenOrder(resting.order_id, resting.client_order_id,
                                                                    resting.side, resting.price, message.leaves_qty)
            self.fills += 1
            fill = Fill(message.order_id, message.client_order_id, message.trade_id, side, message.price,
                        message.qty, message.leaves_qty, message.liquidity == "maker", message.timestamp)
            self._hook("on_fill", lambda context: self.strategy.on_fill(fill, context))
        elif isinstance(message, m.OrderCancelled):
            self._open_orders.pop(message.order_id, None)
            cancellation = Cancellation(message.order_id, message.client_order_id, message.qty, message.reason,
                                        message.timestamp)
            self._hook("on_cancelled", lambda context: self.strategy.on_cancelled(cancellation, context))
        elif isinstance(message, m.OrderReplaced):
            resting = self._open_orders.get(message.order_id)
            if resting is not None:
                self._open_orders[message.order_id] = OpenOrder(resting.order_id, resting.client_order_id,
                                                                resting.side, message.price, message.qty)
        elif isinstance(message, (m.OrderRejected, m.CancelRejected, m.ReplaceRejected)):
            what = {m.OrderRejected: "order", m.CancelRejected: "cancel", m.ReplaceRejected: "replace"}
            rejection = Rejection(message.reason, detail(message.details), what[type(message)],
                                  getattr(message, "order_id", 0) or 0, message.client_order_id, message.timestamp)
            self.rejections += 1
            self._last_rejection = rejection
            LOG.debug("%s: %s rejected: %s %s", self.trader_id, rejection.what, rejection.reason,
                      rejection.detail or "")
            self._hook("on_rejected", lambda context: self.strategy.on_rejected(rejection, context))

    def _frame(self, action) -> Optional[Dict]:
        if isinstance(action, OrderRequest):
            self.orders_sent += 1
            client_order_id = action.client_order_id
            if client_order_id is None:
                self._next_client_order_id += 1
                client_order_id = self._prefix + str(self._next_client_order_id)
            return m.order(self.trader_id, action.side.value, action.qty, action.price, action.type.value,
                           client_order_id, action.tif.value, action.post_only)
        if isinstance(action, Cancel):
            return m.cancel(self.trader_id, action.order_id, action.client_order_id)
        if isinstance(action, Replace):
            return m.replace(self.trader_id, action.order_id, action.price, action.qty)
        if isinstance(action, CancelAll):
            return m.cancel_all(self.trader_id)
        return None

    def _hook(self, method: str, body: Callable[[StrategyContext], None]) -> None:
        if not self._quiet:
            context = self.context()
            self._call(method, lambda: body(context))

    def _call(self, method: str, body: Callable[[], None]) -> None:
        try:
            body()
        except Exception as e:
            self._failed(method, e)

    def _failed(self, method: str, error: Exception) -> None:
        count = self._failures[method] = self._failures.get(method, 0) + 1
        if count <= _FAILURES_LOGGED:
            LOG.warning("%s: the strategy's %s raised %s: %s%s", self.trader_id, method, type(error).__name__,
                        error, "; further failures of it are only counted" if count == _FAILURES_LOGGED else "")
        LOG.debug("%s: where %s failed", self.trader_id, method, exc_info=error)


def detail(details) -> Optional[str]:
    """The details of a refusal in one line: the ``error`` alone, or ``key=value`` pairs; None if none."""
    if not details:
        return None
    if set(details) == {"error"}:
        return str(details["error"])
    return ", ".join(f"{key}={value}" for key, value in details.items())
