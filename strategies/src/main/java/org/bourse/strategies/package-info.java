/**
 * The built-in strategies, each usable by its short name (see {@link org.bourse.strategies.BuiltInStrategies}):
 * {@link org.bourse.strategies.MarketMaker maker}, {@link org.bourse.strategies.Taker taker},
 * {@link org.bourse.strategies.RandomTrader random}, {@link org.bourse.strategies.Momentum momentum} and
 * {@link org.bourse.strategies.MeanReversion mean_reversion}. They depend on strategy-api alone, draw randomness
 * only from the generator the bot gives them, put every price on the tick grid, and refuse a bad or unknown
 * parameter in their constructor with a message that names it.
 */
package org.bourse.strategies;
