import unittest
from decimal import Decimal

from bourse_client import messages as m


class ParseTest(unittest.TestCase):
    def test_a_fill_is_typed_with_exact_prices(self):
        fill = m.parse('{"type":"fill","order_id":44,"client_order_id":null,"trader_id":"taker_1","trade_id":101,'
                       '"side":"buy","price":100.10,"qty":4,"leaves_qty":1,"liquidity":"taker",'
                       '"timestamp":1739980000002}')
        self.assertEqual(m.Fill(44, None, "taker_1", 101, "buy", Decimal("100.10"), 4, 1, "taker", 1739980000002),
                         fill)

    def test_extra_fields_are_dropped_and_missing_ones_are_none(self):
        welcome = m.parse('{"type":"welcome","trader_id":"t","position":0,"cash":10000.00,"avg_entry_price":null,'
                          '"realized_pnl":0.00,"unrealized_pnl":0.00,"total_equity":10000.00,"mark_price":100,'
                          '"trading_halted":false,"open_orders":[{"order_id":45,"client_order_id":"t-1",'
                          '"side":"buy","price":99.95,"leaves_qty":2,"later":1}],"timestamp":5,'
                          '"protocol_version":1,"added_later":true}')
        self.assertEqual(1, welcome.protocol_version)
        self.assertEqual([m.WireOpenOrder(45, "t-1", "buy", Decimal("99.95"), 2)], welcome.open_orders)
        book = m.parse('{"type":"book_update","seq":1,"bids":[[100.05,2]],"asks":[],"timestamp":1}')
        self.assertEqual([m.Level(Decimal("100.05"), 2)], book.bids)
        self.assertIsNone(book.mark_price)

    def test_an_unknown_type_is_kept_whole(self):
        self.assertEqual(m.Unknown("news", {"type": "news", "seq": 3}), m.parse('{"type":"news","seq":3}'))

    def test_heartbeats_and_snapshots(self):
        self.assertEqual(m.Heartbeat(7, 1), m.parse('{"type":"heartbeat","seq":7,"timestamp":1}'))
        snapshot = m.parse('{"type":"snapshot","seq":5,"best_bid":null,"best_ask":null,"bids":[],"asks":[],'
                           '"mark_price":100.10,"last_trade_price":null,"trade_count":0,"recent_trades":[],'
                           '"accounts":[{"trader_id":"a","position":-4,"cash":10400.40,"avg_entry_price":100.10,'
                           '"realized_pnl":0.00,"unrealized_pnl":0.00,"total_equity":10000.00,"status":"active"}],'
                           '"trading_halted":false,"timestamp":10}')
        self.assertEqual("a", snapshot.accounts[0].trader_id)
        self.assertEqual(Decimal("10400.40"), snapshot.accounts[0].cash)

    def test_a_frame_that_is_not_an_object_is_refused(self):
        with self.assertRaises(ValueError):
            m.parse("[1,2]")


class FramesTest(unittest.TestCase):
    def test_prices_are_written_exactly_without_floats(self):
        frame = m.order("t", "buy", 2, Decimal("1234567890123.05"), client_order_id="t-1", tif="ioc")
        self.assertEqual('{"type":"order","trader_id":"t","side":"buy","order_type":"limit",'
                         '"price":1234567890123.05,"qty":2,"client_order_id":"t-1","tif":"ioc","post_only":false}',
                         m.encode(frame))

    def test_a_lockstep_hello_carries_its_timing(self):
        self.assertEqual('{"type":"hello","trader_id":"t","token":"s","lockstep":{"decision_interval_ms":500,'
                         '"latency_ms":3}}', m.encode(m.hello("t", "s", 500, 3)))
        self.assertEqual('{"type":"hello","trader_id":"t","token":null}', m.encode(m.hello("t")))

    def test_cancel_and_replace_name_their_order(self):
        self.assertEqual('{"type":"cancel","trader_id":"t","order_id":null,"client_order_id":"t-1"}',
                         m.encode(m.cancel("t", client_order_id="t-1")))
        self.assertEqual('{"type":"replace","trader_id":"t","order_id":4,"price":null,"qty":1}',
                         m.encode(m.replace("t", 4, qty=1)))
        with self.assertRaises(ValueError):
            m.cancel("t")
        with self.assertRaises(ValueError):
            m.replace("t", 4)

    def test_not_a_number_is_refused(self):
        with self.assertRaises(ValueError):
            m.encode({"price": Decimal("NaN")})


if __name__ == "__main__":
    unittest.main()
