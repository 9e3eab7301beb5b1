import random
import unittest
from decimal import Decimal

from bourse_client import Cancel, CancelAll, OrderRequest, Replace, Side, Strategy
from bourse_client import messages as m
from bourse_client.trader import Trader
from tests.test_market import SNAPSHOT

WELCOME = ('{"type":"welcome","trader_id":"py","position":0,"cash":10000.00,"avg_entry_price":null,'
           '"realized_pnl":0.00,"unrealized_pnl":0.00,"total_equity":10000.00,"mark_price":100.10,'
           '"trading_halted":false,"open_orders":[{"order_id":9,"client_order_id":"py-41","side":"sell",'
           '"price":100.50,"leaves_qty":1}],"timestamp":5}')


class Scripted(Strategy):
    """Returns the actions it is given, and remembers what it was told."""

    def __init__(self, *actions):
        super().__init__("py", random.Random(1), {})
        self.actions = list(actions)
        self.heard = []

    def next_actions(self, context):
        self.heard.append(("turn", context.timestamp, context.position, len(context.open_orders)))
        actions, self.actions = self.actions, []
        return actions

    def on_fill(self, fill, context):
        self.heard.append(("fill", fill.qty, fill.maker, context.position))

    def on_rejected(self, rejection, context):
        self.heard.append(("rejected", rejection.what, rejection.reason, rejection.detail))

    def on_book_update(self, context):
        self.heard.append(("book", context.best_bid))


def fill(qty, leaves, order_id=9, side="sell"):
    return m.Fill(order_id, "py-41", "py", 7, side, Decimal("100.50"), qty, leaves, "maker", 6)


class TraderTest(unittest.TestCase):
    def test_actions_become_frames_with_client_order_ids_after_the_resting_ones(self):
        strategy = Scripted(OrderRequest.limit(Side.BUY, "99.95", 2), OrderRequest.market(Side.SELL, 1),
                            Cancel(order_id=9), Replace(9, price=Decimal("100.40")), CancelAll())
        trader = Trader("py", strategy)
        trader.welcome(m.parse(WELCOME))
        frames = trader.decide(1000)
        self.assertEqual(["py-42", "py-43"], [frame["client_order_id"] for frame in frames[:2]])
        self.assertEqual(Decimal("99.95"), frames[0]["price"])
        self.assertEqual(("market", None), (frames[1]["order_type"], frames[1]["price"]))
        self.assertEqual(["cancel", "replace", "cancel_all"], [frame["type"] for frame in frames[2:]])

    def test_fills_move_position_cash_and_open_orders(self):
        strategy = Scripted()
        trader = Trader("py", strategy)
        trader.welcome(m.parse(WELCOME))
        trader.private_message(fill(1, 0), 2000)
        self.assertEqual(-1, trader.position)
        self.assertEqual(Decimal("10100.50"), trader.cash)
        self.assertEqual([("fill", 1, True, -1)], strategy.heard)
        self.assertEqual((), trader.context().open_orders)

    def test_in_lockstep_messages_wait_for_the_turn_and_see_its_time(self):
        strategy = Scripted()
        trader = Trader("py", strategy, lockstep=True)
        trader.welcome(m.parse(WELCOME))
        trader.private_message(fill(1, 0), 2000)
        self.assertEqual(0, trader.position)
        trader.decide(1767225600250)
        self.assertEqual([("fill", 1, True, -1), ("turn", 1767225600250, -1, 0)], strategy.heard)

    def test_rejections_reach_the_strategy_and_the_context(self):
        strategy = Scripted()
        trader = Trader("py", strategy)
        trader.private_message(m.parse('{"type":"replace_rejected","order_id":42,"client_order_id":null,'
                                       '"trader_id":"py","reason":"max_position_exceeded","details":'
                                       '{"projected_position":1005,"max_position":1000},"timestamp":4}'), 3)
        self.assertEqual([("rejected", "replace", "max_position_exceeded",
                           "projected_position=1005, max_position=1000")], strategy.heard)
        self.assertEqual(42, trader.context().last_rejection.order_id)

    def test_the_book_hook_runs_once_before_the_turn(self):
        strategy = Scripted()
        trader = Trader("py", strategy)
        trader.feed(m.parse(SNAPSHOT))
        trader.decide(1)
        trader.decide(2)
        self.assertEqual([("book", Decimal("100.05")), ("turn", 1, 0, 0), ("turn", 2, 0, 0)], strategy.heard)

    def test_a_strategy_that_raises_does_nothing_that_turn(self):
        class Broken(Strategy):
            def next_order(self, context):
                raise RuntimeError("boom")

        trader = Trader("py", Broken("py", random.Random(1), {}))
        with self.assertLogs("bourse_client.trader", "WARNING"):
            self.assertEqual([], trader.decide(1))
        self.assertIn("raised on every turn", trader.failure)

    def test_a_value_that_is_not_an_action_is_skipped(self):
        trader = Trader("py", Scripted("buy 2", OrderRequest.limit(Side.BUY, "99", 1)))
        with self.assertLogs("bourse_client.trader", "WARNING"):
            frames = trader.decide(1)
        self.assertEqual(["order"], [frame["type"] for frame in frames])
        self.assertIsNone(trader.failure)


class StrategyApiTest(unittest.TestCase):
    def test_orders_are_checked_like_the_java_ones(self):
        with self.assertRaises(ValueError):
            OrderRequest.limit(Side.BUY, "0", 1)
        with self.assertRaises(ValueError):
            OrderRequest.limit(Side.BUY, "100", 0)
        with self.assertRaises(ValueError):
            OrderRequest.market(Side.BUY, 1).as_post_only()
        with self.assertRaises(TypeError):
            OrderRequest.limit(Side.BUY, 100.05, 1)
        with self.assertRaises(ValueError):
            Cancel()
        with self.assertRaises(ValueError):
            Replace(4)
        self.assertEqual("fok", OrderRequest.limit(Side.SELL, "100.10", 1).fok().tif.value)

    def test_parameters_name_themselves_when_wrong(self):
        strategy = Strategy("py", random.Random(1), {"qty": "two"})
        with self.assertRaisesRegex(ValueError, "strategy parameter qty: 'two'"):
            strategy.param_int("qty", 1)
        self.assertEqual(Decimal("0.5"), strategy.param_decimal("spread", "0.5"))


if __name__ == "__main__":
    unittest.main()
