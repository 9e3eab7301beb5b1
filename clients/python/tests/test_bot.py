import asyncio
import json
import os
import random
import subprocess
import sys
import unittest
from decimal import Decimal

import websockets

from bourse_client import messages as m
from bourse_client.bot import Bot, StrategyLoadError, load_strategy, parse_duration_ms, parse_params
from bourse_client.strategy import OrderRequest, Side, Strategy, StrategyContext
from bourse_client.trader import Trader
from tests.test_market import SNAPSHOT
from tests.test_trader import WELCOME

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT = os.path.dirname(HERE)
EXAMPLES = os.path.join(CLIENT, "examples")


class OptionsTest(unittest.TestCase):
    def test_durations_read_like_the_java_bot(self):
        self.assertEqual([500, 1000, 2500, 60000, 250],
                         [parse_duration_ms(text) for text in ("500ms", "1s", "2.5", "1m", "0.25")])
        for wrong in ("0ms", "1.5ms", "soon", ""):
            with self.assertRaises(ValueError):
                parse_duration_ms(wrong)

    def test_params_are_key_value_pairs(self):
        self.assertEqual({"qty": "2", "name": "a=b"}, parse_params(["qty=2", "name=a=b"]))
        with self.assertRaisesRegex(ValueError, "KEY=VALUE"):
            parse_params(["qty"])


class LoadStrategyTest(unittest.TestCase):
    def test_the_example_is_created_with_its_seeded_rng_and_params(self):
        strategy = load_strategy("quoter:Quoter", "py", 7, {"qty": "3"}, [EXAMPLES])
        self.assertEqual((3, "py"), (strategy.qty, strategy.trader_id))
        self.assertEqual(random.Random(7).random(), strategy.rng.random())

    def test_every_problem_is_one_line(self):
        cases = {"quoter": "must be MODULE:CLASS", "no_such_module:X": "cannot import module 'no_such_module'",
                 "quoter:Nothing": "is not a subclass of bourse_client.Strategy"}
        for spec, message in cases.items():
            with self.assertRaisesRegex(StrategyLoadError, message):
                load_strategy(spec, "py", 1, {}, [EXAMPLES])
        with self.assertRaisesRegex(StrategyLoadError, "could not be created: strategy parameter qty: 'x'"):
            load_strategy("quoter:Quoter", "py", 1, {"qty": "x"}, [EXAMPLES])

    def test_check_exits_2_with_one_line_for_a_strategy_that_cannot_load(self):
        run = subprocess.run([sys.executable, "-m", "bourse_client.bot", "--trader-id", "py", "--strategy",
                              "quoter:Quoter", "--strategy-path", EXAMPLES, "--strategy-param", "qty=0", "--check"],
                             cwd=CLIENT, capture_output=True, text=True)
        self.assertEqual(2, run.returncode)
        self.assertEqual(1, len(run.stderr.strip().splitlines()), run.stderr)
        ok = subprocess.run([sys.executable, "-m", "bourse_client.bot", "--trader-id", "py", "--strategy",
                             "quoter:Quoter", "--strategy-path", EXAMPLES, "--check"], cwd=CLIENT)
        self.assertEqual(0, ok.returncode)


class ExampleTest(unittest.TestCase):
    def test_the_quoter_quotes_around_the_mid_on_the_tick_grid(self):
        strategy = load_strategy("quoter:Quoter", "py", 1, {"take": "0", "spread": "0.15"}, [EXAMPLES])
        context = StrategyContext("py", 1, bids=(m.Level(Decimal("100.00"), 1),),
                                  asks=(m.Level(Decimal("100.20"), 1),))
        actions = strategy.next_actions(context)
        self.assertEqual([(Side.BUY, Decimal("100.02")), (Side.SELL, Decimal("100.18"))],
                         [(action.side, action.price) for action in actions])


class BuyOnce(Strategy):
    sent = False

    def next_order(self, context):
        if self.sent:
            return None
        self.sent = True
        return OrderRequest.limit(Side.BUY, "99.95", 2)


class FakeExchange:
    """A gateway and a feed on loopback that answer like the exchange and record what the bot sends."""

    def __init__(self, refuse_hello=False):
        self.refuse_hello = refuse_hello
        self.received = []
        self.got_order = asyncio.Event()

    async def gateway(self, connection, *path):
        async for frame in connection:
            message = json.loads(frame)
            self.received.append(message)
            if message["type"] == "hello":
                await connection.send(WELCOME.replace('"open_orders":[{"order_id":9,"client_order_id":"py-41",'
                                                      '"side":"sell","price":100.50,"leaves_qty":1}]',
                                                      '"open_orders":[]') if not self.refuse_hello else
                                      '{"type":"order_rejected","reason":"invalid_token","details":{},'
                                      '"trader_id":"py","client_order_id":null,"timestamp":1}')
            elif message["type"] == "order":
                await connection.send('{"type":"order_accepted","order_id":50,"trader_id":"py","client_order_id":'
                                      '"%s","side":"buy","order_type":"limit","price":99.95,"qty":2,"tif":"gtc",'
                                      '"post_only":false,"timestamp":2}' % message["client_order_id"])
                self.got_order.set()
            elif message["type"] == "cancel_all":
                await connection.send('{"type":"order_cancelled","order_id":50,"client_order_id":"py-1",'
                                      '"trader_id":"py","qty":2,"reason":"requested","timestamp":3}')
                await connection.send('{"type":"all_orders_cancelled","trader_id":"py","count":1,"timestamp":3}')

    async def feed(self, connection, *path):
        await connection.send('{"type":"status","exchange_connected":true,"upstream":"ws://x","detail":null,'
                              '"timestamp":1}')
        await connection.send(SNAPSHOT)
        await connection.send('{"type":"heartbeat","seq":5,"timestamp":2}')
        await connection.wait_closed()


class BotTest(unittest.IsolatedAsyncioTestCase):
    async def run_bot(self, exchange, until):
        async with websockets.serve(exchange.gateway, "127.0.0.1", 0) as gateway, \
                websockets.serve(exchange.feed, "127.0.0.1", 0) as feed:
            uri = lambda server: "ws://127.0.0.1:%d" % list(server.sockets)[0].getsockname()[1]
            bot = Bot(Trader("py", BuyOnce("py", random.Random(1), {})), uri(gateway), uri(feed), "secret", 20)
            running = asyncio.ensure_future(bot.run())
            await asyncio.wait_for(until(bot), 10)
            bot.stop()
            return await asyncio.wait_for(running, 10)

    async def test_the_bot_says_hello_trades_and_cancels_on_exit(self):
        exchange = FakeExchange()
        code = await self.run_bot(exchange, lambda bot: exchange.got_order.wait())
        self.assertEqual(0, code)
        types = [message["type"] for message in exchange.received]
        self.assertEqual(["hello", "order", "cancel_all"], types)
        self.assertEqual("secret", exchange.received[0]["token"])
        self.assertEqual("py-1", exchange.received[1]["client_order_id"])

    async def test_a_refused_hello_stops_the_bot_with_1(self):
        exchange = FakeExchange(refuse_hello=True)

        async def refused(bot):
            while bot.failure is None:
                await asyncio.sleep(0.01)

        with self.assertLogs("bourse_client.bot", "ERROR") as logs:
            self.assertEqual(1, await self.run_bot(exchange, refused))
        self.assertIn("invalid_token; check --token", logs.output[-1])


if __name__ == "__main__":
    unittest.main()
