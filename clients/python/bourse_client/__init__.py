"""A Python client for the Bourse exchange (docs/PROTOCOL.md): typed wire messages (``messages``), a market-data
follower (``market``), an order session (``session``) and the strategy API with its bot (``strategy``, ``bot``)."""
from .market import MarketDataFollower, MarketView, Outcome, SubscriptionRefused
from .messages import Level
from .session import HelloRefused, OrderSession
from .strategy import (Action, Cancel, CancelAll, Cancellation, Fill, OpenOrder, OrderRequest, OrderType,
                       PublicTrade, Rejection, Replace, Side, Strategy, StrategyContext, TimeInForce)

__all__ = ["MarketDataFollower", "MarketView", "Outcome", "SubscriptionRefused", "Level", "HelloRefused", "OrderSession", "Action",
           "Cancel", "CancelAll", "Cancellation", "Fill", "OpenOrder", "OrderRequest", "OrderType", "PublicTrade",
           "Rejection", "Replace", "Side", "Strategy", "StrategyContext", "TimeInForce"]
