"""Following the market-data feed (9010, or the exchange's stream 9002): a snapshot, then every event in seq
order. A gap (an event whose seq is not the next, or a heartbeat ahead of the last event) means events were
missed: the follower reconnects for a fresh snapshot. A follower of some topics of the relay's feed only (see
docs/PROTOCOL.md, "subscribe") sees gaps that are the other topics' events: it only checks that seq goes up, and
takes every snapshot as a fresh start (the relay never drops an event without sending one). Accounts are valued at the mark of every book_update, as
docs/PROTOCOL.md ("Accounting") describes, so they equal what a fresh snapshot would say.
"""
from __future__ import annotations

import asyncio
import collections
import dataclasses
import enum
import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Deque, Dict, List, Optional

import websockets

from . import messages as m

LOG = logging.getLogger("bourse_client.market")

#: Public trades kept (a snapshot brings the last 100).
RECENT_TRADES = 200


class Outcome(enum.Enum):
    APPLIED = "applied"
    IGNORED = "ignored"  # not an event, an event already applied, or nothing to apply it to yet
    GAP = "gap"  # events were missed: start again from a new snapshot


@dataclass(frozen=True)
class _Statement:
    """An account as last stated, with what its position cost (which does not move with the mark)."""
    trader_id: str
    position: int
    cash: Decimal
    avg_entry_price: Optional[Decimal]
    realized_pnl: Decimal
    cost: Decimal
    status: str

    @staticmethod
    def of(account, mark: Decimal, status: str = "active") -> "_Statement":
        return _Statement(account.trader_id, account.position, account.cash, account.avg_entry_price,
                          account.realized_pnl, account.position * mark - account.unrealized_pnl, status)

    def at(self, mark: Decimal) -> m.Account:
        value = self.position * mark
        return m.Account(self.trader_id, self.position, self.cash, self.avg_entry_price, self.realized_pnl,
                            value - self.cost, self.cash + value, self.status)


class MarketView:
    """The market as the feed tells it. Not thread-safe; apply messages in the order they arrived.

    ``filtered``: the feed carries only some topics, so a jump in seq is not a loss."""

    def __init__(self, filtered: bool = False):
        self.filtered = filtered
        self.last_seq: Optional[int] = None  # None: no snapshot on this connection yet
        self.exchange_reachable = True
        self.bids: List[m.Level] = []
        self.asks: List[m.Level] = []
        self.mark_price: Optional[Decimal] = None
        self.trading_halted = False
        self.trade_count = 0
        self.recent_trades: Deque[m.Trade] = collections.deque(maxlen=RECENT_TRADES)
        self._accounts: Dict[str, _Statement] = {}

    @property
    def is_live(self) -> bool:
        """A snapshot has come on this connection, no event was missed since, and the exchange is reachable."""
        return self.last_seq is not None and self.exchange_reachable

    def account(self, trader_id: str) -> Optional[m.Account]:
        statement = self._accounts.get(trader_id)
        return None if statement is None or self.mark_price is None else statement.at(self.mark_price)

    def accounts(self) -> List[m.Account]:
        """Every account at the current mark, sorted by trader id."""
        return [self.account(trader_id) for trader_id in sorted(self._accounts)]

    def disconnected(self) -> None:
        """The connection is gone: nothing of the next one applies before its snapshot."""
        self.last_seq = None
        self.exchange_reachable = True

    def apply(self, message) -> Outcome:
        if isinstance(message, m.Status):
            self.exchange_reachable = message.exchange_connected
            if not message.exchange_connected:
                self.last_seq = None  # a fresh snapshot follows when the relay has the exchange again
            return Outcome.APPLIED
        if isinstance(message, m.Snapshot):
            self._snapshot(message)
            return Outcome.APPLIED
        seq = message.seq if isinstance(message, m.Heartbeat) else _seq_of(message)
        if seq is None or self.last_seq is None:
            return Outcome.IGNORED
        if isinstance(message, m.Heartbeat):
            return Outcome.GAP if seq > self.last_seq and not self.filtered else Outcome.IGNORED
        if seq <= self.last_seq:
            return Outcome.IGNORED
        if seq != self.last_seq + 1 and not self.filtered:
            return Outcome.GAP
        self.last_seq = seq
        self._event(message)
        return Outcome.APPLIED

    def _snapshot(self, snapshot: m.Snapshot) -> None:
        self.last_seq = snapshot.seq
        self.bids, self.asks = list(snapshot.bids), list(snapshot.asks)
        self.mark_price = snapshot.mark_price
        self.trading_halted = snapshot.trading_halted
        self.trade_count = snapshot.trade_count
        self.recent_trades.clear()
        self.recent_trades.extend(snapshot.recent_trades)
        self._accounts = {account.trader_id: _Statement.of(account, snapshot.mark_price, account.status)
                          for account in snapshot.accounts}

    def _event(self, event) -> None:
        if isinstance(event, m.BookUpdate):
            self.bids, self.asks = list(event.bids), list(event.asks)
            if event.mark_price is not None:
                self.mark_price = event.mark_price
        elif isinstance(event, m.Trade):
            self.trade_count += 1
            self.recent_trades.append(event)
        elif isinstance(event, m.PositionUpdate):
            if event.mark_price is not None:
                self.mark_price = event.mark_price
            previous = self._accounts.get(event.trader_id)
            self._accounts[event.trader_id] = _Statement.of(event, self.mark_price,
                                                            previous.status if previous else "active")
        elif isinstance(event, m.Liquidation) and event.reason == "bankruptcy":
            previous = self._accounts.get(event.trader_id)
            if previous is not None:
                self._accounts[event.trader_id] = dataclasses.replace(previous, status="bankrupt")
        elif isinstance(event, m.TradingStatus):
            self.trading_halted = event.halted


def _seq_of(message) -> Optional[int]:
    if isinstance(message, m.Unknown):
        seq = message.fields.get("seq")  # an event of a later version: it still takes its number
        return seq if isinstance(seq, int) else None
    return getattr(message, "seq", None)


class MarketDataFollower:
    """Keeps a ``MarketView`` of the feed at ``uri``, reconnecting (with backoff) after a loss or a gap.

    Each message goes to ``apply`` (default: the view's own; a bot's trader applies it to its view and more), then
    to ``on_message(message, outcome)``; ``on_disconnect()`` is called when the connection is lost. With
    ``topics``, it subscribes to those topics of the relay's feed on every connection (the view then takes seq jumps
    for other topics' events, not losses). ``run()`` returns only when cancelled; a subscription the relay refuses
    raises ``SubscriptionRefused``."""

    def __init__(self, uri: str, view: MarketView = None, apply: Callable = None, on_message: Callable = None,
                 on_disconnect: Callable = None, name: str = "market data", topics: Optional[List[str]] = None):
        self.uri = uri
        self.topics = list(topics) if topics else None
        self.view = view or MarketView(filtered=bool(topics))
        if self.topics:
            self.view.filtered = True
        self._apply = apply or self.view.apply
        self._on_message = on_message or (lambda message, outcome: None)
        self._on_disconnect = on_disconnect or (lambda: None)
        self._name = name

    async def run(self) -> None:
        backoff = Backoff()
        lost_reported = False
        while True:
            try:
                async with websockets.connect(self.uri, max_size=None, open_timeout=5) as feed:
                    if self.topics:
                        await feed.send(m.encode(m.subscribe(self.topics)))
                    async for frame in feed:
                        message = _parse_or_log(frame, self._name)
                        if message is None:
                            continue
                        if isinstance(message, m.SubscriptionRejected):
                            raise SubscriptionRefused(f"{self._name}: the relay refused the topics {self.topics}: "
                                                      f"{message.reason} ({message.details.get('error', '')})")
                        outcome = self._apply(message)
                        if outcome is Outcome.APPLIED and isinstance(message, m.Snapshot):
                            if lost_reported:
                                LOG.info("%s: back at %s (snapshot at seq %s)", self._name, self.uri, message.seq)
                            backoff.reset()
                            lost_reported = False
                        self._on_message(message, outcome)
                        if outcome is Outcome.GAP:
                            LOG.warning("%s: missed events (seq %s after %s); reconnecting for a fresh snapshot",
                                        self._name, getattr(message, "seq", "?"), self.view.last_seq)
                            break
            except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException) as e:
                if not lost_reported:
                    LOG.warning("%s: cannot use %s (%s); retrying", self._name, self.uri, describe_error(e))
                    lost_reported = True
            self.view.disconnected()
            self._on_disconnect()
            await asyncio.sleep(backoff.next_seconds())


class SubscriptionRefused(Exception):
    """The relay refused the topics asked for: asking again would not help."""


def _parse_or_log(frame, where: str):
    try:
        return m.parse(frame)
    except (ValueError, TypeError) as e:
        LOG.warning("%s: ignoring a frame that is not a message (%s): %.120r", where, e, frame)
        return None


def describe_error(error: BaseException) -> str:
    return str(error) or type(error).__name__


class Backoff:
    """Waits between reconnection attempts: 0.1 s, doubling up to 2 s (the gateway's and the feed's alike)."""

    def __init__(self, first: float = 0.1, most: float = 2.0):
        self._first, self._most, self._next = first, most, first

    def next_seconds(self) -> float:
        wait, self._next = self._next, min(self._next * 2, self._most)
        return wait

    def reset(self) -> None:
        self._next = self._first
