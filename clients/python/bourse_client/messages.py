"""The wire messages of docs/PROTOCOL.md as typed objects, and the frames a client sends.

Every message the exchange or the relay writes becomes a dataclass of this module (``parse``); a type this
client does not know becomes ``Unknown`` and a field it does not know is dropped, as the protocol asks of a
client. Prices and money are ``Decimal`` (read with ``parse_float=Decimal``), never binary floating point.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Dict, List, Optional


@dataclass(frozen=True)
class Level:
    """An aggregated price level: the total open quantity at one price."""
    price: Decimal
    qty: int


@dataclass(frozen=True)
class WireOpenOrder:
    """One resting order as a ``welcome`` lists it."""
    order_id: int
    client_order_id: Optional[str]
    side: str
    price: Decimal
    leaves_qty: int


@dataclass(frozen=True)
class Welcome:
    trader_id: str
    position: int
    cash: Decimal
    avg_entry_price: Optional[Decimal]
    realized_pnl: Decimal
    unrealized_pnl: Decimal
    total_equity: Decimal
    mark_price: Decimal
    trading_halted: bool
    open_orders: List[WireOpenOrder]
    timestamp: int
    protocol_version: Optional[int] = None


@dataclass(frozen=True)
class OrderAccepted:
    order_id: int
    trader_id: str
    client_order_id: Optional[str]
    side: str
    order_type: str
    price: Optional[Decimal]
    qty: int
    tif: str
    post_only: bool
    timestamp: int


@dataclass(frozen=True)
class OrderRejected:
    reason: str
    details: Dict[str, Any]
    trader_id: Optional[str]
    client_order_id: Optional[str]
    timestamp: int


@dataclass(frozen=True)
class RequestRejected:
    """A refused cancel or replace: ``order_id`` and ``client_order_id`` are those the request named."""
    order_id: int
    client_order_id: Optional[str]
    trader_id: Optional[str]
    reason: str
    details: Dict[str, Any]
    timestamp: int


class CancelRejected(RequestRejected):
    pass


class ReplaceRejected(RequestRejected):
    pass


@dataclass(frozen=True)
class Fill:
    order_id: int
    client_order_id: Optional[str]
    trader_id: str
    trade_id: int
    side: str
    price: Decimal
    qty: int
    leaves_qty: int
    liquidity: str
    timestamp: int


@dataclass(frozen=True)
class OrderCancelled:
    order_id: int
    client_order_id: Optional[str]
    trader_id: str
    qty: int
    reason: str
    timestamp: int


@dataclass(frozen=True)
class OrderReplaced:
    order_id: int
    client_order_id: Optional[str]
    trader_id: str
    price: Decimal
    qty: int
    timestamp: int


@dataclass(frozen=True)
class AllOrdersCancelled:
    trader_id: str
    count: int
    timestamp: int


@dataclass(frozen=True)
class Decide:
    """A lockstep turn: decide at virtual time ``timestamp`` on the market as of event ``seq``."""
    timestamp: int
    seq: int


@dataclass(frozen=True)
class BookUpdate:
    seq: int
    best_bid: Optional[Decimal]
    best_ask: Optional[Decimal]
    bids: List[Level]
    asks: List[Level]
    mark_price: Optional[Decimal]
    timestamp: int


@dataclass(frozen=True)
class Trade:
    seq: int
    trade_id: int
    price: Decimal
    qty: int
    buy_trader_id: str
    sell_trader_id: str
    aggressor_side: Optional[str]
    buy_order_id: Optional[int]
    sell_order_id: Optional[int]
    timestamp: int


@dataclass(frozen=True)
class PositionUpdate:
    seq: int
    trader_id: str
    position: int
    cash: Decimal
    avg_entry_price: Optional[Decimal]
    realized_pnl: Decimal
    unrealized_pnl: Decimal
    total_equity: Decimal
    mark_price: Optional[Decimal]
    timestamp: int


@dataclass(frozen=True)
class Liquidation:
    seq: int
    trader_id: str
    reason: str
    qty: int
    side: str
    order_id: Optional[int]
    timestamp: int


@dataclass(frozen=True)
class TradingStatus:
    seq: int
    halted: bool
    timestamp: int
    reason: Optional[str] = None


@dataclass(frozen=True)
class Account:
    """One account as a ``snapshot`` lists it (and as a follower values it at the current mark)."""
    trader_id: str
    position: int
    cash: Decimal
    avg_entry_price: Optional[Decimal]
    realized_pnl: Decimal
    unrealized_pnl: Decimal
    total_equity: Decimal
    status: str = "active"


@dataclass(frozen=True)
class Snapshot:
    seq: int
    best_bid: Optional[Decimal]
    best_ask: Optional[Decimal]
    bids: List[Level]
    asks: List[Level]
    mark_price: Decimal
    last_trade_price: Optional[Decimal]
    trade_count: int
    recent_trades: List[Trade]
    accounts: List[Account]
    trading_halted: bool
    timestamp: int
    protocol_version: Optional[int] = None


@dataclass(frozen=True)
class Status:
    """The relay's word on the exchange behind it (9010 only)."""
    exchange_connected: bool
    upstream: Optional[str]
    detail: Optional[str]
    timestamp: int


@dataclass(frozen=True)
class Heartbeat:
    """Sent after a quiet second; ``seq`` is the last event's, so a higher one reveals missed events."""
    seq: int
    timestamp: int


@dataclass(frozen=True)
class Subscribed:
    """The relay's answer to a ``subscribe`` or ``unsubscribe`` (9010): the topics now active, sorted."""
    topics: List[str]


@dataclass(frozen=True)
class SubscriptionRejected:
    """A ``subscribe`` or ``unsubscribe`` the relay could not serve; nothing changed."""
    reason: str
    details: Dict[str, Any]


@dataclass(frozen=True)
class Unknown:
    """A message type this client does not know: kept whole, to be ignored (or read by hand)."""
    type: Optional[str]
    fields: Dict[str, Any] = field(default_factory=dict)


def _levels(raw) -> List[Level]:
    return [Level(price, qty) for price, qty in raw or []]


_NESTED = {
    "bids": _levels,
    "asks": _levels,
    "open_orders": lambda raw: [_build(WireOpenOrder, order) for order in raw or []],
    "recent_trades": lambda raw: [_build(Trade, trade) for trade in raw or []],
    "accounts": lambda raw: [_build(Account, account) for account in raw or []],
    "details": lambda raw: raw or {},
}

_TYPES = {
    "welcome": Welcome, "order_accepted": OrderAccepted, "order_rejected": OrderRejected,
    "cancel_rejected": CancelRejected, "replace_rejected": ReplaceRejected, "fill": Fill,
    "order_cancelled": OrderCancelled, "order_replaced": OrderReplaced,
    "all_orders_cancelled": AllOrdersCancelled, "decide": Decide, "book_update": BookUpdate, "trade": Trade,
    "position_update": PositionUpdate, "liquidation": Liquidation, "trading_status": TradingStatus,
    "snapshot": Snapshot, "status": Status, "heartbeat": Heartbeat, "subscribed": Subscribed,
    "subscription_rejected": SubscriptionRejected,
}


def _build(cls, raw: Dict[str, Any]):
    """The dataclass from a JSON object: known fields only, a missing one as its default or None."""
    values = {}
    for spec in dataclasses.fields(cls):
        if spec.name in raw:
            value = raw[spec.name]
            convert = _NESTED.get(spec.name)
            values[spec.name] = convert(value) if convert else value
        elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            values[spec.name] = None
    return cls(**values)


def parse(text) -> Any:
    """One frame of the exchange or the relay as its message object; ``Unknown`` for a type not known here.

    Raises ``ValueError`` when the frame is not a JSON object."""
    raw = json.loads(text, parse_float=Decimal)
    if not isinstance(raw, dict):
        raise ValueError(f"not a JSON object: {text!r:.80}")
    cls = _TYPES.get(raw.get("type"))
    if cls is None:
        return Unknown(raw.get("type"), raw)
    return _build(cls, raw)


# ------------------------------------------------------------------------------------------ client frames

def encode(frame: Dict[str, Any]) -> str:
    """A frame as compact JSON, a Decimal written exactly in plain notation (never through a binary float)."""
    if isinstance(frame, Decimal):
        if not frame.is_finite():
            raise ValueError(f"not a finite number: {frame}")
        return format(frame, "f")
    if isinstance(frame, dict):
        return "{" + ",".join(json.dumps(str(key)) + ":" + encode(value) for key, value in frame.items()) + "}"
    if isinstance(frame, (list, tuple)):
        return "[" + ",".join(encode(item) for item in frame) + "]"
    return json.dumps(frame, allow_nan=False)


def hello(trader_id: str, token: Optional[str] = None, decision_interval_ms: int = 0,
          latency_ms: int = 0) -> Dict[str, Any]:
    """A ``hello``; with a decision interval, the hello of a lockstep battle's participant."""
    frame: Dict[str, Any] = {"type": "hello", "trader_id": trader_id, "token": token}
    if decision_interval_ms:
        frame["lockstep"] = {"decision_interval_ms": decision_interval_ms, "latency_ms": latency_ms}
    return frame


def order(trader_id: str, side: str, qty: int, price: Optional[Decimal] = None, order_type: str = "limit",
          client_order_id: Optional[str] = None, tif: str = "gtc", post_only: bool = False) -> Dict[str, Any]:
    return {"type": "order", "trader_id": trader_id, "side": side, "order_type": order_type,
            "price": None if price is None else Decimal(price), "qty": qty, "client_order_id": client_order_id,
            "tif": tif, "post_only": post_only}


def cancel(trader_id: str, order_id: Optional[int] = None, client_order_id: Optional[str] = None) -> Dict[str, Any]:
    if (order_id is None) == (client_order_id is None):
        raise ValueError("a cancel names its order by exactly one of order_id and client_order_id")
    return {"type": "cancel", "trader_id": trader_id, "order_id": order_id, "client_order_id": client_order_id}


def cancel_all(trader_id: str) -> Dict[str, Any]:
    return {"type": "cancel_all", "trader_id": trader_id}


def replace(trader_id: str, order_id: int, price: Optional[Decimal] = None, qty: Optional[int] = None) -> Dict[str, Any]:
    if price is None and qty is None:
        raise ValueError("a replace changes the price, the qty or both: got neither")
    return {"type": "replace", "trader_id": trader_id, "order_id": order_id,
            "price": None if price is None else Decimal(price), "qty": qty}


def subscribe(topics: List[str]) -> Dict[str, Any]:
    """Narrows the relay's feed (9010) to these topics: book, trades, accounts, liquidations, status, trader:<id>."""
    return {"type": "subscribe", "topics": list(topics)}


def unsubscribe(topics: List[str]) -> Dict[str, Any]:
    return {"type": "unsubscribe", "topics": list(topics)}


def done(trader_id: str, timestamp: int) -> Dict[str, Any]:
    """The end of a lockstep turn."""
    return {"type": "done", "trader_id": trader_id, "timestamp": timestamp}
