"""An example Python strategy: quotes a bid and an ask around the market, and now and then crosses the spread.

    python3 -m bourse_client.bot --trader-id py_quoter --strategy quoter:Quoter \\
        --strategy-path clients/python/examples --strategy-param qty=2

Parameters: qty (lots per order, default 1), spread (distance between its quotes, default 0.10), take (chance
per turn of buying or selling at the best price at once, default 0.2), max_position (no quote that would go
beyond it, default 20), tick (the exchange's tick size, default 0.01).
"""
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from bourse_client import OrderRequest, Replace, Side, Strategy


class Quoter(Strategy):
    def __init__(self, trader_id, rng, params):
        super().__init__(trader_id, rng, params)
        self.qty = self.param_int("qty", 1)
        self.spread = self.param_decimal("spread", "0.10")
        self.take = self.param_decimal("take", "0.2")
        self.max_position = self.param_int("max_position", 20)
        self.tick = self.param_decimal("tick", "0.01")
        if self.qty < 1 or self.spread <= 0 or self.tick <= 0 or not 0 <= self.take <= 1:
            raise ValueError("qty must be >= 1, spread and tick > 0, take between 0 and 1")

    def next_actions(self, context):
        centre = context.mid or context.mark_price
        if centre is None or context.trading_halted:
            return []
        actions = []
        if self.rng.random() < float(self.take):  # cross the spread: trade at once, whatever is left is cancelled
            side = self.rng.choice([Side.BUY, Side.SELL])
            best = context.best_ask if side is Side.BUY else context.best_bid
            if best is not None and self._room(context, side):
                actions.append(OrderRequest.limit(side, best, self.qty).ioc())
        half = self.spread / 2
        targets = {Side.BUY: self._on_tick(centre - half, ROUND_FLOOR),
                   Side.SELL: self._on_tick(centre + half, ROUND_CEILING)}
        for side, price in targets.items():
            resting = context.open_orders_on(side)
            if resting:  # move the quote rather than stacking a new one
                if resting[0].price != price:
                    actions.append(Replace(resting[0].order_id, price=price))
            elif self._room(context, side) and price > 0:
                actions.append(OrderRequest.limit(side, price, self.qty))
        return actions

    def _room(self, context, side):
        return abs(context.position + side.sign() * self.qty) <= self.max_position

    def _on_tick(self, price, rounding):
        return (price / self.tick).to_integral_value(rounding) * self.tick
