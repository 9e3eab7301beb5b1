"""Runs one Python strategy as a bot, with the options of ``./bourse bot``:

    python3 -m bourse_client.bot --trader-id my_bot --strategy my_module:MyStrategy --strategy-param qty=2

It follows the market-data feed, asks the strategy once per decision interval (or, with ``--lockstep``, when the
exchange says ``decide``), and sends its orders, cancels and replaces to the order gateway. It reconnects by itself.
Ctrl+C or SIGTERM cancels the trader's resting orders (unless ``--no-cancel-on-exit``) and exits 0.
Exit codes: 0 stopped, 1 refused by the exchange or a strategy that raised on every turn, 2 bad options or a
strategy that cannot be loaded or created.
"""
from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import os
import random
import re
import signal
import sys
import time
from decimal import Decimal
from typing import Dict, List, Optional

from websockets.exceptions import WebSocketException

from . import messages as m
from .market import Backoff, MarketDataFollower, describe_error
from .session import OrderSession
from .strategy import Strategy
from .trader import Trader, detail

LOG = logging.getLogger("bourse_client.bot")

TOKEN_ENV = "BOURSE_TOKEN"
#: Set by a battle to its own pid: the bot stops when that process is gone, however it died.
PARENT_PID_ENV = "BOURSE_PARENT_PID"
CANCEL_ON_EXIT_WAIT_SECONDS = 0.5
_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)?")
_UNIT_MS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, None: 1000}


class StrategyLoadError(Exception):
    """The strategy cannot be found, imported or created: one line saying why."""


def parse_duration_ms(text: str) -> int:
    """500ms, 1s, 2.5s, 1m; a plain number is seconds (as in bots_config.json). Whole milliseconds, >= 1."""
    match = _DURATION.fullmatch(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a duration like 500ms, 1s, 2.5s or 1m")
    millis = Decimal(match.group(1)) * _UNIT_MS[match.group(2)]
    if millis != millis.to_integral_value() or millis < 1:
        raise ValueError(f"'{text}' must be a whole number of milliseconds, at least 1ms")
    return int(millis)


def parse_params(pairs: List[str]) -> Dict[str, str]:
    params: Dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise ValueError(f"--strategy-param '{pair}' must be KEY=VALUE")
        params[name.strip()] = value
    return params


def load_strategy(spec: str, trader_id: str, seed: int, params: Dict[str, str],
                  search_path: Optional[List[str]] = None) -> Strategy:
    """Creates ``module:Class`` (``search_path`` folders first on the module path) as the bot would."""
    module_name, colon, class_name = spec.partition(":")
    if not colon or not module_name or not class_name:
        raise StrategyLoadError(f"--strategy '{spec}' must be MODULE:CLASS, like my_module:MyStrategy")
    for folder in reversed(search_path or []):
        if folder not in sys.path:
            sys.path.insert(0, folder)
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        where = f" (searched {', '.join(search_path)} and the Python path)" if search_path else ""
        raise StrategyLoadError(f"cannot import module '{module_name}': {e}{where}") from None
    except Exception as e:
        raise StrategyLoadError(f"importing module '{module_name}' failed: {type(e).__name__}: {e}") from None
    cls = getattr(module, class_name, None)
    if not isinstance(cls, type) or not issubclass(cls, Strategy):
        raise StrategyLoadError(f"'{class_name}' in module '{module_name}' is not a subclass of "
                                "bourse_client.Strategy")
    try:
        return cls(trader_id, random.Random(seed), dict(params))
    except Exception as e:
        raise StrategyLoadError(f"{spec} could not be created: {e}") from None


class Bot:
    """One trading bot: a ``Trader``, a connection to the order gateway and one to the market-data feed, all on
    one asyncio loop (so the strategy is never called concurrently)."""

    def __init__(self, trader: Trader, gateway_uri: str, market_data_uri: str, token: Optional[str],
                 decision_interval_ms: int, latency_ms: int = 0, cancel_on_exit: bool = True):
        self.trader = trader
        self.trader_id = trader.trader_id
        self.gateway_uri, self.market_data_uri = gateway_uri, market_data_uri
        self.token = token
        self.interval_ms, self.latency_ms = decision_interval_ms, latency_ms
        self.cancel_on_exit = cancel_on_exit
        self.failure: Optional[str] = None
        self._session: Optional[OrderSession] = None
        self._turn_due: Optional[m.Decide] = None
        self._changed = asyncio.Event()
        self._stop = asyncio.Event()
        self._stopping = False
        self._cancel_all_answers: Optional[asyncio.Future] = None

    def stop(self) -> None:
        self._stop.set()

    async def run(self) -> int:
        """Trades until ``stop`` (or a refusal of the hello); returns the exit code."""
        mode = (f"in a lockstep battle, deciding every {self.interval_ms} ms of virtual time"
                if self.trader.lockstep else f"every {self.interval_ms} ms")
        LOG.info("%s: trading with %s %s; market data %s, order gateway %s", self.trader_id,
                 type(self.trader.strategy).__name__, mode, self.market_data_uri, self.gateway_uri)
        follower = MarketDataFollower(self.market_data_uri, self.trader.market, self.trader.feed,
                                      lambda message, outcome: self._changed.set(), self._changed.set,
                                      f"{self.trader_id}: market-data feed")
        tasks = [asyncio.ensure_future(coroutine) for coroutine in
                 (follower.run(), self._gateway(), self._turns(), self._watch_parent())]
        await self._stop.wait()
        await self._shutdown()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        LOG.info("%s: stopped; %s", self.trader_id, self.trader.figures())
        failure = self.failure or self.trader.failure
        if failure:
            LOG.error("%s: %s", self.trader_id, failure)
        return 1 if failure else 0

    async def _gateway(self) -> None:
        backoff, lost_reported = Backoff(), False
        while not self._stop.is_set():
            try:
                session = await OrderSession.connect(self.gateway_uri)
                try:
                    await session.send(m.hello(self.trader_id, self.token,
                                               self.interval_ms if self.trader.lockstep else 0, self.latency_ms))
                    if not await self._welcomed(session):
                        return
                    backoff.reset()
                    if lost_reported:
                        LOG.info("%s: order gateway back; %s", self.trader_id, self.trader.standing())
                    lost_reported = False
                    self._session = session
                    self._changed.set()
                    async for message in session:
                        self._private(message)
                    if not self._stopping:
                        LOG.warning("%s: lost the order gateway; reconnecting", self.trader_id)
                        lost_reported = True
                finally:
                    self._session = None
                    await session.close()
            except (OSError, asyncio.TimeoutError, WebSocketException) as e:
                if not lost_reported:
                    LOG.warning("%s: cannot use the order gateway at %s (%s); retrying", self.trader_id,
                                self.gateway_uri, describe_error(e))
                    lost_reported = True
            await asyncio.sleep(backoff.next_seconds())

    async def _welcomed(self, session: OrderSession) -> bool:
        """Reads the hello's answer: the welcome, or a refusal that stops the bot."""
        while True:
            message = await session.recv()
            if isinstance(message, m.Welcome):
                self.trader.welcome(message)
                LOG.info("%s: connected to the order gateway at %s; %s", self.trader_id, self.gateway_uri,
                         self.trader.standing())
                return True
            if isinstance(message, m.OrderRejected):
                hint = {"invalid_token": "; check --token", "not_authenticated": "; check --token",
                        "not_lockstep": "; start the exchange with --lockstep, or run the bot without it"}
                why = detail(message.details)
                self.failure = (f"the exchange refused the hello: {message.reason}"
                                + (f" ({why})" if why else "") + hint.get(message.reason, ""))
                self._stop.set()
                return False

    def _private(self, message) -> None:
        if isinstance(message, m.Decide):
            self._turn_due = message
            self._changed.set()
        elif isinstance(message, m.AllOrdersCancelled) and self._stopping:
            if self._cancel_all_answers is not None and not self._cancel_all_answers.done():
                self._cancel_all_answers.set_result(message.count)
        else:
            self.trader.private_message(message, int(time.time() * 1000))

    def _ready(self) -> bool:
        return self._session is not None and self.trader.market.is_live

    async def _turns(self) -> None:
        if self.trader.lockstep:
            while True:
                await self._changed.wait()
                self._changed.clear()
                due = self._turn_due
                if due is not None and self._ready() and self.trader.market.last_seq >= due.seq:
                    self._turn_due = None
                    await self._send(self.trader.decide(due.timestamp) + [m.done(self.trader_id, due.timestamp)])
        else:
            loop = asyncio.get_running_loop()
            next_turn = loop.time() + self.interval_ms / 1000
            while True:
                await asyncio.sleep(max(0.0, next_turn - loop.time()))
                if self._ready():
                    await self._send(self.trader.decide(int(time.time() * 1000)))
                # a turn that overran skips the turns it missed rather than running them back to back
                next_turn = max(next_turn + self.interval_ms / 1000, loop.time())

    async def _send(self, frames: List[Dict]) -> None:
        session = self._session
        for frame in frames:
            if session is None:
                return
            try:
                await session.send(frame)
            except WebSocketException:
                return  # the connection just dropped; the gateway task reconnects

    async def _watch_parent(self) -> None:
        parent = os.environ.get(PARENT_PID_ENV, "").strip()
        if not parent.isdigit():
            return
        while _alive(int(parent)):
            await asyncio.sleep(0.2)
        LOG.warning("%s: the process that started this one (pid %s) is gone: stopping", self.trader_id, parent)
        self._stop.set()

    async def _shutdown(self) -> None:
        self._stopping = True
        self.trader.quiet()
        session = self._session
        if not self.cancel_on_exit or session is None:
            return
        self._cancel_all_answers = asyncio.get_running_loop().create_future()
        try:
            await session.send(m.cancel_all(self.trader_id))
            count = await asyncio.wait_for(self._cancel_all_answers, CANCEL_ON_EXIT_WAIT_SECONDS)
            LOG.info("%s: cancelled %s resting orders on exit", self.trader_id, count)
        except (asyncio.TimeoutError, WebSocketException):
            LOG.warning("%s: no answer to cancel_all within %s s; resting orders may remain", self.trader_id,
                        CANCEL_ON_EXIT_WAIT_SECONDS)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python3 -m bourse_client.bot",
        description="Runs one Python trading strategy as a Bourse bot (the options of ./bourse bot).",
        epilog="A strategy is a subclass of bourse_client.Strategy with the constructor "
               "(trader_id, rng, params), named MODULE:CLASS.")
    parser.add_argument("--trader-id", required=True, metavar="ID", help="the trader to trade as")
    parser.add_argument("--strategy", required=True, metavar="MODULE:CLASS",
                        help="the strategy class, e.g. my_module:MyStrategy")
    parser.add_argument("--strategy-param", action="append", default=[], metavar="KEY=VALUE",
                        help="a parameter for the strategy; repeat for more")
    parser.add_argument("--strategy-path", action="append", default=[], metavar="DIR",
                        help="a folder to import the strategy's module from (before the Python path); repeatable")
    parser.add_argument("--seed", type=int, metavar="N",
                        help="seed of the strategy's random.Random (default: a random one, logged)")
    parser.add_argument("--decision-interval", default="1s", metavar="DURATION",
                        help="how often the strategy decides: 500ms, 1s, 2.5s; a plain number is seconds "
                             "(default: 1s)")
    parser.add_argument("--market-data-uri", default="ws://127.0.0.1:9010", metavar="URI",
                        help="the market-data relay, or the exchange's event stream (default: %(default)s)")
    parser.add_argument("--order-gateway-uri", default="ws://127.0.0.1:9001", metavar="URI",
                        help="the exchange's order gateway (default: %(default)s)")
    parser.add_argument("--token", default=os.environ.get(TOKEN_ENV), metavar="TOKEN",
                        help=f"the trader's token (default: the {TOKEN_ENV} environment variable, which battle "
                             "sets for its bots)")
    parser.add_argument("--cancel-on-exit", action=argparse.BooleanOptionalAction, default=True,
                        help="cancel the trader's resting orders when the bot stops (default: yes)")
    parser.add_argument("--lockstep", action="store_true",
                        help="take part in a lockstep battle: decide when the exchange says")
    parser.add_argument("--latency-ms", type=int, default=0, metavar="MS",
                        help="with --lockstep: virtual ms between deciding and reaching the book (default: 0)")
    parser.add_argument("--log-level", default=os.environ.get("BOURSE_LOG_LEVEL", "INFO"), metavar="LEVEL",
                        type=str.upper, choices=["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"],
                        help="TRACE, DEBUG, INFO, WARN, ERROR or OFF (default: INFO)")
    parser.add_argument("--check", action="store_true",
                        help="load and create the strategy, then exit: 0 if it can run (what battle --dry-run asks)")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    parser = _arguments()
    options = parser.parse_args(argv)
    level = {"TRACE": logging.DEBUG, "WARN": logging.WARNING, "OFF": logging.CRITICAL + 1}.get(
        options.log_level, getattr(logging, options.log_level, logging.INFO))
    logging.basicConfig(level=level, stream=sys.stdout,
                        format="%(asctime)s.%(msecs)03d %(levelname)-5s %(name)s - %(message)s", datefmt="%H:%M:%S")
    logging.getLogger("websockets").setLevel(max(level, logging.WARNING))
    try:
        interval = parse_duration_ms(options.decision_interval)
        params = parse_params(options.strategy_param)
        if options.latency_ms < 0 or (options.latency_ms and not options.lockstep):
            raise ValueError("--latency-ms must be 0 or more, and goes with --lockstep")
        for uri in (options.market_data_uri, options.order_gateway_uri):
            if not re.match(r"wss?://", uri):
                raise ValueError(f"'{uri}' is not a ws:// URI")
    except ValueError as e:
        parser.error(str(e))
    seed = options.seed if options.seed is not None else random.SystemRandom().getrandbits(63)
    try:
        strategy = load_strategy(options.strategy, options.trader_id, seed, params, options.strategy_path)
    except StrategyLoadError as e:
        print(f"bot: {options.trader_id}: {e}", file=sys.stderr)
        return 2
    if options.check:
        return 0
    LOG.info("%s: seed %s (--seed %s repeats the strategy's random numbers)", options.trader_id, seed, seed)
    bot = Bot(Trader(options.trader_id, strategy, options.lockstep), options.order_gateway_uri,
              options.market_data_uri, options.token, interval, options.latency_ms, options.cancel_on_exit)
    return asyncio.run(_run_until_signalled(bot))


async def _run_until_signalled(bot: Bot) -> int:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, bot.stop)
    return await bot.run()


if __name__ == "__main__":
    sys.exit(main())
