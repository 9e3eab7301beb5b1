"""An order session on the exchange's gateway (9001): hello/welcome, orders, cancels, replaces, and every answer
and execution report as a typed message (``bourse_client.messages``).

    async with await OrderSession.connect("ws://127.0.0.1:9001") as session:
        welcome = await session.hello("py_bot_1", token=None)
        await session.send(messages.order("py_bot_1", "buy", 2, Decimal("99.95"), client_order_id="py-1"))
        async for message in session:
            ...
"""
from __future__ import annotations

from typing import Any, Dict, Optional

import websockets

from . import messages as m


class HelloRefused(Exception):
    """The exchange refused the hello (a wrong token, a lockstep hello to a real-time exchange, ...)."""

    def __init__(self, rejection: m.OrderRejected):
        detail = rejection.details.get("error") if rejection.details else None
        super().__init__(rejection.reason + (f" ({detail})" if detail else ""))
        self.rejection = rejection


class OrderSession:
    def __init__(self, connection):
        self._connection = connection

    @classmethod
    async def connect(cls, uri: str, open_timeout: float = 5) -> "OrderSession":
        return cls(await websockets.connect(uri, max_size=None, open_timeout=open_timeout))

    async def hello(self, trader_id: str, token: Optional[str] = None, decision_interval_ms: int = 0,
                    latency_ms: int = 0) -> m.Welcome:
        """Binds the connection to the trader; returns where it stands. Raises ``HelloRefused``."""
        await self.send(m.hello(trader_id, token, decision_interval_ms, latency_ms))
        while True:
            message = await self.recv()
            if isinstance(message, m.Welcome):
                return message
            if isinstance(message, m.OrderRejected):
                raise HelloRefused(message)

    async def send(self, frame: Dict[str, Any]) -> None:
        """Sends one frame made by ``bourse_client.messages`` (``order``, ``cancel``, ``replace``, ...)."""
        await self._connection.send(m.encode(frame))

    async def recv(self):
        """The next message, typed; ``websockets.ConnectionClosed`` when the connection ends."""
        while True:
            try:
                return m.parse(await self._connection.recv())
            except ValueError:
                continue  # not a JSON object: nothing the exchange sends, skipped like an unknown type

    def __aiter__(self):
        return self

    async def __anext__(self):
        try:
            return await self.recv()
        except websockets.exceptions.ConnectionClosed:
            raise StopAsyncIteration from None

    async def close(self) -> None:
        await self._connection.close()

    async def __aenter__(self) -> "OrderSession":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()
