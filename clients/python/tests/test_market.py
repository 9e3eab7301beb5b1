import asyncio
import json
import unittest
from decimal import Decimal

import websockets

from bourse_client import messages as m
from bourse_client.market import MarketDataFollower, MarketView, Outcome, SubscriptionRefused

SNAPSHOT = ('{"type":"snapshot","seq":5,"best_bid":100.05,"best_ask":null,"bids":[[100.05,2]],"asks":[],'
            '"mark_price":100.10,"last_trade_price":100.10,"trade_count":1,"recent_trades":[{"type":"trade","seq":2,'
            '"trade_id":101,"price":100.10,"qty":4,"buy_trader_id":"taker_1","sell_trader_id":"maker_1",'
            '"aggressor_side":"buy","buy_order_id":44,"sell_order_id":40,"timestamp":2}],'
            '"accounts":[{"trader_id":"taker_1","position":4,"cash":9599.60,"avg_entry_price":100.10,'
            '"realized_pnl":0.00,"unrealized_pnl":0.00,"total_equity":10000.00,"status":"active"}],'
            '"trading_halted":false,"timestamp":10,"protocol_version":1}')


def book(seq, bid, ask, mark):
    return m.parse('{"type":"book_update","seq":%d,"best_bid":%s,"best_ask":%s,"bids":[[%s,1]],"asks":[[%s,1]],'
                   '"mark_price":%s,"timestamp":1}' % (seq, bid, ask, bid, ask, mark))


class MarketViewTest(unittest.TestCase):
    def setUp(self):
        self.view = MarketView()

    def test_nothing_applies_before_the_snapshot(self):
        self.assertEqual(Outcome.IGNORED, self.view.apply(book(6, "100.00", "100.20", "100.10")))
        self.assertFalse(self.view.is_live)

    def test_events_follow_the_snapshot_in_seq_order(self):
        self.assertEqual(Outcome.APPLIED, self.view.apply(m.parse(SNAPSHOT)))
        self.assertTrue(self.view.is_live)
        self.assertEqual(Outcome.APPLIED, self.view.apply(book(6, "100.00", "100.20", "100.10")))
        self.assertEqual(Outcome.IGNORED, self.view.apply(book(6, "100.00", "100.20", "100.10")))
        self.assertEqual(6, self.view.last_seq)
        self.assertEqual([m.Level(Decimal("100.00"), 1)], self.view.bids)

    def test_a_gap_is_reported(self):
        self.view.apply(m.parse(SNAPSHOT))
        self.assertEqual(Outcome.GAP, self.view.apply(book(7, "100.00", "100.20", "100.10")))

    def test_heartbeats_are_not_events_but_reveal_a_gap(self):
        self.view.apply(m.parse(SNAPSHOT))
        self.assertEqual(Outcome.IGNORED, self.view.apply(m.Heartbeat(5, 1)))
        self.assertEqual(5, self.view.last_seq)
        self.assertEqual(Outcome.GAP, self.view.apply(m.Heartbeat(6, 1)))

    def test_an_unknown_event_keeps_its_number(self):
        self.view.apply(m.parse(SNAPSHOT))
        self.view.apply(m.parse('{"type":"auction","seq":6}'))
        self.assertEqual(Outcome.APPLIED, self.view.apply(book(7, "100.00", "100.20", "100.10")))
        self.assertEqual(Outcome.IGNORED, self.view.apply(m.parse('{"type":"subscribed","topics":[]}')))

    def test_accounts_are_valued_at_the_mark_of_each_book_update(self):
        self.view.apply(m.parse(SNAPSHOT))
        self.view.apply(book(6, "100.40", "100.60", "100.50"))
        account = self.view.account("taker_1")
        self.assertEqual(Decimal("1.60"), account.unrealized_pnl)  # 4 x 100.50 - 400.40
        self.assertEqual(Decimal("10001.60"), account.total_equity)
        self.assertIsNone(self.view.account("nobody"))

    def test_a_relay_without_the_exchange_is_not_live_until_the_next_snapshot(self):
        self.view.apply(m.parse(SNAPSHOT))
        self.view.apply(m.Status(False, "ws://x", "refused", 1))
        self.assertFalse(self.view.is_live)
        self.view.apply(m.Status(True, "ws://x", None, 2))
        self.assertEqual(Outcome.IGNORED, self.view.apply(book(6, "100.00", "100.20", "100.10")))
        self.view.apply(m.parse(SNAPSHOT))
        self.assertTrue(self.view.is_live)

    def test_a_bankruptcy_marks_the_account(self):
        self.view.apply(m.parse(SNAPSHOT))
        self.view.apply(m.parse('{"type":"liquidation","seq":6,"trader_id":"taker_1","reason":"bankruptcy","qty":4,'
                                '"side":"sell","order_id":0,"timestamp":3}'))
        self.assertEqual("bankrupt", self.view.account("taker_1").status)
        self.assertEqual(["taker_1"], [account.trader_id for account in self.view.accounts()])

    def test_trades_and_halts(self):
        self.view.apply(m.parse(SNAPSHOT))
        self.view.apply(m.parse('{"type":"trade","seq":6,"trade_id":102,"price":100.20,"qty":1,"buy_trader_id":"a",'
                                '"sell_trader_id":"b","aggressor_side":"sell","buy_order_id":1,"sell_order_id":2,'
                                '"timestamp":3}'))
        self.view.apply(m.parse('{"type":"trading_status","seq":7,"halted":true,"timestamp":4}'))
        self.assertEqual(2, self.view.trade_count)
        self.assertEqual(Decimal("100.20"), self.view.recent_trades[-1].price)
        self.assertTrue(self.view.trading_halted)


if __name__ == "__main__":
    unittest.main()


class FilteredViewTest(unittest.TestCase):
    """A view of some topics only: the other topics' events leave gaps in seq that are not losses."""

    def setUp(self):
        self.view = MarketView(filtered=True)
        self.view.apply(m.parse(SNAPSHOT))

    def test_a_jump_in_seq_is_not_a_gap(self):
        self.assertEqual(Outcome.APPLIED, self.view.apply(book(9, "100.00", "100.20", "100.10")))
        self.assertEqual(9, self.view.last_seq)
        self.assertEqual(Outcome.IGNORED, self.view.apply(book(8, "100.00", "100.20", "100.10")))

    def test_a_heartbeat_ahead_is_not_a_gap(self):
        self.assertEqual(Outcome.IGNORED, self.view.apply(m.Heartbeat(12, 1)))
        self.assertEqual(5, self.view.last_seq)

    def test_every_snapshot_starts_again(self):
        self.view.apply(book(9, "100.00", "100.20", "100.10"))
        self.assertEqual(Outcome.APPLIED, self.view.apply(m.parse(SNAPSHOT)))
        self.assertEqual(5, self.view.last_seq)


class TopicsTest(unittest.IsolatedAsyncioTestCase):
    """The follower asks a relay for its topics on every connection, and stops on a refusal."""

    async def test_it_subscribes_then_follows_the_filtered_snapshot(self):
        asked = []
        filtered = asyncio.Event()

        async def relay(connection, *path):
            await connection.send(SNAPSHOT)
            asked.append(json.loads(await connection.recv()))
            await connection.send('{"type":"subscribed","topics":["book"]}')
            await connection.send(SNAPSHOT.replace('"seq":5', '"seq":7'))
            await connection.send('{"type":"book_update","seq":9,"best_bid":100.00,"best_ask":100.20,'
                                  '"bids":[[100.00,1]],"asks":[[100.20,1]],"mark_price":100.10,"timestamp":1}')
            filtered.set()
            await connection.wait_closed()

        async with websockets.serve(relay, "127.0.0.1", 0) as server:
            port = list(server.sockets)[0].getsockname()[1]
            follower = MarketDataFollower("ws://127.0.0.1:%d" % port, topics=["book"])
            running = asyncio.ensure_future(follower.run())
            await asyncio.wait_for(filtered.wait(), 10)
            for _ in range(100):
                if follower.view.last_seq == 9:
                    break
                await asyncio.sleep(0.02)
            running.cancel()
        self.assertEqual([{"type": "subscribe", "topics": ["book"]}], asked)
        self.assertEqual(9, follower.view.last_seq)  # 8 was another topic's: not a loss
        self.assertTrue(follower.view.is_live)

    async def test_a_refused_subscription_stops_the_follower(self):
        async def relay(connection, *path):
            await connection.recv()
            await connection.send('{"type":"subscription_rejected","reason":"unknown_topic",'
                                  '"details":{"error":"unknown topic \'bok\'"}}')
            await connection.wait_closed()

        async with websockets.serve(relay, "127.0.0.1", 0) as server:
            port = list(server.sockets)[0].getsockname()[1]
            follower = MarketDataFollower("ws://127.0.0.1:%d" % port, topics=["bok"])
            with self.assertRaisesRegex(SubscriptionRefused, "unknown_topic"):
                await asyncio.wait_for(follower.run(), 10)
