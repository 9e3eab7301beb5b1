"""The strategy API: what a strategy receives and returns, mirroring the Java one (strategy-api, org.bourse.api).

A strategy subclasses ``Strategy``; its constructor takes ``(trader_id, rng, params)`` — the trader the bot trades
as, a ``random.Random`` seeded from ``--seed`` (the only randomness a strategy should use, so that a run can be
repeated) and the ``--strategy-param`` pairs as strings. A constructor that cannot use a parameter raises
``ValueError`` naming it: the bot prints it and exits with 2.
"""
from __future__ import annotations

import enum
import random
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Dict, List, Optional, Tuple, Union

from .messages import Level


class Side(enum.Enum):
    BUY = "buy"
    SELL = "sell"

    def opposite(self) -> "Side":
        return Side.SELL if self is Side.BUY else Side.BUY

    def sign(self) -> int:
        """+1 for a buy, -1 for a sell: the sign of the position change a fill of this side causes."""
        return 1 if self is Side.BUY else -1


class OrderType(enum.Enum):
    LIMIT = "limit"
    MARKET = "market"


class TimeInForce(enum.Enum):
    GTC = "gtc"  # rests until filled or cancelled
    IOC = "ioc"  # trades what it can now, the rest is cancelled
    FOK = "fok"  # trades its whole quantity now, or is rejected


@dataclass(frozen=True)
class PublicTrade:
    """A trade on the public tape; ``aggressor`` is the side of the taking order."""
    price: Decimal
    qty: int
    aggressor: Optional[Side]
    timestamp: int


@dataclass(frozen=True)
class OpenOrder:
    """One of the trader's resting orders, once the exchange has accepted it, with what is still open of it."""
    order_id: int
    client_order_id: Optional[str]
    side: Side
    price: Decimal
    leaves_qty: int


@dataclass(frozen=True)
class Fill:
    """One execution of one of the trader's orders; ``maker``: the order was resting."""
    order_id: int
    client_order_id: Optional[str]
    trade_id: int
    side: Side
    price: Decimal
    qty: int
    leaves_qty: int
    maker: bool
    timestamp: int


@dataclass(frozen=True)
class Rejection:
    """The exchange refused something the trader sent; ``what`` is ``order``, ``cancel`` or ``replace``."""
    reason: str
    detail: Optional[str]
    what: str
    order_id: int
    client_order_id: Optional[str]
    timestamp: int


@dataclass(frozen=True)
class Cancellation:
    """One of the trader's orders ended with ``qty`` lots unfilled (``requested``, ``ioc_remainder``, ...)."""
    order_id: int
    client_order_id: Optional[str]
    qty: int
    reason: str
    timestamp: int


def _price(value) -> Decimal:
    # a float would carry its binary error into the order: prices are Decimals or strings
    if isinstance(value, float):
        raise TypeError(f"give a price as a Decimal or a string, not the float {value!r}")
    return value if isinstance(value, Decimal) else Decimal(value)


@dataclass(frozen=True)
class OrderRequest:
    """A new order: ``OrderRequest.limit(Side.BUY, "99.95", 2)``, ``.ioc()``, ``.fok()``, ``.as_post_only()``;
    ``OrderRequest.market(Side.SELL, 3)``. Prices are exact decimals on the tick grid (off-grid is refused)."""
    side: Side
    type: OrderType
    price: Optional[Decimal]
    qty: int
    tif: TimeInForce = TimeInForce.GTC
    post_only: bool = False
    client_order_id: Optional[str] = None

    def __post_init__(self):
        if self.type is OrderType.LIMIT and self.price is None:
            raise ValueError("a limit order needs a price")
        if self.type is OrderType.MARKET and self.price is not None:
            raise ValueError("a market order has no price")
        if self.price is not None and self.price <= 0:
            raise ValueError(f"price must be greater than 0, was {self.price}")
        if not isinstance(self.qty, int) or self.qty < 1:
            raise ValueError(f"qty must be a whole number of lots, at least 1, was {self.qty!r}")
        if self.post_only and self.type is OrderType.MARKET:
            raise ValueError("a market order always takes liquidity: it cannot be post-only")

    @staticmethod
    def limit(side: Side, price: Union[Decimal, str, int], qty: int) -> "OrderRequest":
        return OrderRequest(side, OrderType.LIMIT, _price(price), qty)

    @staticmethod
    def market(side: Side, qty: int) -> "OrderRequest":
        return OrderRequest(side, OrderType.MARKET, None, qty)

    def ioc(self) -> "OrderRequest":
        return replace(self, tif=TimeInForce.IOC)

    def fok(self) -> "OrderRequest":
        return replace(self, tif=TimeInForce.FOK)

    def as_post_only(self) -> "OrderRequest":
        return replace(self, post_only=True)

    def with_client_order_id(self, client_order_id: str) -> "OrderRequest":
        return replace(self, client_order_id=client_order_id)


@dataclass(frozen=True)
class Cancel:
    """Cancels one resting order, by the exchange's order id or by the client order id it was sent with."""
    order_id: Optional[int] = None
    client_order_id: Optional[str] = None

    def __post_init__(self):
        if (self.order_id is None) == (self.client_order_id is None):
            raise ValueError("a cancel names its order by exactly one of order_id and client_order_id")


@dataclass(frozen=True)
class CancelAll:
    """Cancels every resting order of the trader."""


@dataclass(frozen=True)
class Replace:
    """Changes a resting order's price and/or open quantity (None keeps that one)."""
    order_id: int
    price: Optional[Decimal] = None
    qty: Optional[int] = None

    def __post_init__(self):
        if self.order_id is None or self.order_id < 1:
            raise ValueError(f"a replace needs the order id (>= 1), got {self.order_id}")
        if self.price is None and self.qty is None:
            raise ValueError("a replace changes the price, the qty or both: got neither")
        if self.price is not None:
            object.__setattr__(self, "price", _price(self.price))
            if self.price <= 0:
                raise ValueError(f"price must be greater than 0, was {self.price}")
        if self.qty is not None and self.qty < 1:
            raise ValueError(f"qty must be at least 1 (or None to keep it), was {self.qty}")


Action = Union[OrderRequest, Cancel, CancelAll, Replace]


@dataclass(frozen=True)
class StrategyContext:
    """What the bot knows when it asks the strategy: the public market (from the feed) and the trader's own
    account and orders (from the exchange's replies). Immutable. Prices and money are Decimals; what does not
    exist yet is None (no bid, no trade, no entry price while flat); a time not yet happened is 0 (epoch ms)."""
    trader_id: str
    timestamp: int
    bids: Tuple[Level, ...] = ()
    asks: Tuple[Level, ...] = ()
    recent_trades: Tuple[PublicTrade, ...] = ()
    position: int = 0
    cash: Decimal = Decimal(0)
    avg_entry_price: Optional[Decimal] = None
    realized_pnl: Decimal = Decimal(0)
    unrealized_pnl: Decimal = Decimal(0)
    total_equity: Decimal = Decimal(0)
    mark_price: Optional[Decimal] = None
    open_orders: Tuple[OpenOrder, ...] = ()
    last_rejection: Optional[Rejection] = None
    last_liquidation_time: int = 0
    trading_halted: bool = False

    @property
    def best_bid(self) -> Optional[Decimal]:
        return self.bids[0].price if self.bids else None

    @property
    def best_ask(self) -> Optional[Decimal]:
        return self.asks[0].price if self.asks else None

    @property
    def mid(self) -> Optional[Decimal]:
        """(best bid + best ask) / 2, exact; None unless both sides have orders."""
        if self.best_bid is None or self.best_ask is None:
            return None
        return (self.best_bid + self.best_ask) / 2

    @property
    def spread(self) -> Optional[Decimal]:
        if self.best_bid is None or self.best_ask is None:
            return None
        return self.best_ask - self.best_bid

    @property
    def last_trade(self) -> Optional[PublicTrade]:
        return self.recent_trades[-1] if self.recent_trades else None

    @property
    def last_trade_price(self) -> Optional[Decimal]:
        return self.recent_trades[-1].price if self.recent_trades else None

    def open_orders_on(self, side: Side) -> List[OpenOrder]:
        return [order for order in self.open_orders if order.side is side]


class Strategy:
    """A trading strategy: the bot asks it what to do once per decision interval and tells it what happened.

    The smallest strategy overrides ``next_order`` alone; one that manages several orders at once overrides
    ``next_actions``. Everything is called from one thread, one call at a time. An exception raised by any method
    is reported with the trader id and the bot carries on with the next turn."""

    def __init__(self, trader_id: str, rng: random.Random, params: Dict[str, str]):
        self.trader_id = trader_id
        self.rng = rng
        self.params = params

    def next_order(self, context: StrategyContext) -> Optional[OrderRequest]:
        """The order to send this turn, or None. Orders without a client order id get ``<trader>-<n>``."""
        return None

    def next_actions(self, context: StrategyContext) -> List[Action]:
        """Everything to send this turn, in order. The default sends what ``next_order`` returns."""
        order = self.next_order(context)
        return [] if order is None else [order]

    def on_fill(self, fill: Fill, context: StrategyContext) -> None:
        """One of the trader's orders traded (the context already includes the fill)."""

    def on_rejected(self, rejection: Rejection, context: StrategyContext) -> None:
        """The exchange refused an order, cancel or replace of this trader."""

    def on_cancelled(self, cancellation: Cancellation, context: StrategyContext) -> None:
        """One of the trader's orders ended unfilled, in part or in whole."""

    def on_book_update(self, context: StrategyContext) -> None:
        """The public book changed. Called at most once per turn, before ``next_actions``."""

    # parameter helpers: a wrong value names the parameter, as the bot's one-line error

    def param_int(self, name: str, default: int) -> int:
        text = self.params.get(name)
        if text is None:
            return default
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"strategy parameter {name}: '{text}' is not a whole number") from None

    def param_decimal(self, name: str, default: Union[Decimal, str]) -> Decimal:
        text = self.params.get(name)
        if text is None:
            return Decimal(default)
        try:
            value = Decimal(text)
        except ArithmeticError:
            raise ValueError(f"strategy parameter {name}: '{text}' is not a number") from None
        if not value.is_finite():
            raise ValueError(f"strategy parameter {name}: '{text}' is not a number")
        return value
