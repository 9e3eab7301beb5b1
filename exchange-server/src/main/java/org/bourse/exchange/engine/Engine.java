package org.bourse.exchange.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.BookListener;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.book.Order;
import org.bourse.exchange.book.OrderBook;
import org.bourse.protocol.LiquidationReason;

/**
 * The exchange's business core: one order book, the traders' accounts, pre-trade risk checks, margin and
 * liquidation. It takes {@link Command}s one at a time and reports everything through an {@link EngineListener}.
 * Single-threaded and deterministic: no I/O, no clock (time comes with each command), no locks, and nothing
 * allocated per command once every trader has been seen.
 */
public final class Engine {

    private static final long BPS = 10_000;

    private final EngineConfig config;
    private final EngineListener listener;
    private final OrderBook book;
    private final MaintenanceWatch maintenance;
    /** The one refusal every risk check fills (see {@link Refusal}). */
    private final Refusal refusal = new Refusal();
    private final Execution execution = new Execution();

    private final Map<String, Account> accountsById = new HashMap<>();
    private Account[] accounts = new Account[16];
    private int accountCount;
    /** Accounts opened or touched by trades in the current event group, in order of first touch. */
    private Account[] touched = new Account[16];
    private int touchedCount;
    private long group;

    private long now;
    private long commandCount;
    private long nextOrderId = 1;
    private long nextTradeId = 1;
    private long seq;
    private long lastTradePrice = OrderBook.NO_PRICE;
    private long lastBookChange;
    private boolean halted;

    public Engine(EngineConfig config, EngineListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.book = new OrderBook(config.selfTradePrevention(), new BookEvents());
        this.maintenance = new MaintenanceWatch(config.maintenanceMarginBps());
    }

    /** Processes one command. */
    public void apply(Command command) {
        command.applyTo(this);
    }

    // ------------------------------------------------------------------------------------------ commands

    public void place(Command.PlaceOrder order) {
        begin(order.timestamp());
        Account account = openAccount(order.traderId());
        boolean market = order.type() == OrderType.MARKET;
        long price = market ? OrderBook.NO_PRICE : order.price();
        // A market order never rests: GTC means IOC for it, FOK keeps its all-or-nothing meaning.
        TimeInForce timeInForce = market && order.timeInForce() == TimeInForce.GTC
                ? TimeInForce.IOC : order.timeInForce();
        Refusal refused = refuseNewOrder(order, account, price, timeInForce);
        if (refused != null) {
            listener.orderRejected(now, order, refused);
            endGroup(); // a new account is announced, refused order or not
            return;
        }
        long orderId = nextOrderId++;
        listener.orderAccepted(now, orderId, order, price, timeInForce);
        book.enter(orderId, account.index, order.clientOrderId(), order.side(), price, order.quantity(),
                timeInForce, order.postOnly());
        end();
    }

    public void cancel(Command.CancelOrder cancel) {
        begin(cancel.timestamp());
        Account account = findAccount(cancel.traderId());
        Order order = account == null ? null : find(account, cancel.orderId(), cancel.clientOrderId());
        if (order == null) {
            listener.cancelRejected(now, cancel.traderId(), cancel.orderId(), cancel.clientOrderId(),
                    RejectReason.UNKNOWN_ORDER);
            return;
        }
        book.cancel(order.id(), CancelReason.REQUESTED);
        end();
    }

    public void cancelAll(Command.CancelAllOrders cancelAll) {
        begin(cancelAll.timestamp());
        Account account = findAccount(cancelAll.traderId());
        int count = account == null ? 0 : book.cancelAll(account.index, CancelReason.REQUESTED);
        listener.allOrdersCancelled(now, cancelAll.traderId(), count);
        end();
    }

    public void replace(Command.ReplaceOrder replace) {
        begin(replace.timestamp());
        Account account = findAccount(replace.traderId());
        Order order = account == null ? null : find(account, replace.orderId(), replace.clientOrderId());
        Refusal refused = order == null ? refusal.of(RejectReason.UNKNOWN_ORDER) : refuseReplace(replace, account, order);
        if (refused != null) {
            listener.replaceRejected(now, replace, refused);
            return;
        }
        long price = replace.price() == 0 ? order.price() : replace.price();
        long quantity = replace.quantity() == 0 ? order.remaining() : replace.quantity();
        long orderId = order.id();
        listener.orderReplaced(now, orderId, account.traderId, order.clientOrderId(), price, quantity);
        book.replace(orderId, price, quantity);
        end();
    }

    /** Cancels the trader's resting orders (reason {@code disconnect}); a trader without an account has none. */
    public void disconnect(Command.Disconnect disconnect) {
        begin(disconnect.timestamp());
        Account account = findAccount(disconnect.traderId());
        if (account != null) {
            book.cancelAll(account.index, CancelReason.DISCONNECT);
        }
        end();
    }

    /** States every account at the current mark, in the order the accounts opened; changes nothing. */
    public void markToMarket(Command.MarkToMarket command) {
        begin(command.timestamp());
        for (int i = 0; i < accountCount; i++) {
            touch(accounts[i]);
        }
        endGroup();
    }

    public void setTradingHalted(Command.SetTradingHalted command) {
        begin(command.timestamp());
        if (command.halted() != halted) {
            halted = command.halted();
            listener.tradingStatus(++seq, now, halted);
        }
        end();
    }

    // ---------------------------------------------------------------------------------------- risk checks
    //
    // Each check answers with the engine's one Refusal, filled, or null when it lets the command through.

    private Refusal refuseNewOrder(Command.PlaceOrder order, Account account, long price, TimeInForce tif) {
        Side side = order.side();
        long quantity = order.quantity();
        Refusal refused = refuseTrader(account);
        if (refused != null) {
            return refused;
        }
        if (quantity <= 0) {
            return refusal.of(RejectReason.INVALID_QUANTITY, quantity);
        }
        if (order.type() == OrderType.LIMIT && price <= 0) {
            return refusal.of(RejectReason.INVALID_PRICE, price);
        }
        if (config.maxOrderQuantity() > 0 && quantity > config.maxOrderQuantity()) {
            return refusal.of(RejectReason.MAX_ORDER_QTY_EXCEEDED, quantity, config.maxOrderQuantity());
        }
        if (price != OrderBook.NO_PRICE && (refused = refusePrice(price)) != null) {
            return refused;
        }
        if (tif == TimeInForce.GTC && config.maxOpenOrders() > 0
                && book.openOrderCount(account.index) >= config.maxOpenOrders()) {
            return refusal.of(RejectReason.MAX_OPEN_ORDERS_EXCEEDED, book.openOrderCount(account.index),
                    config.maxOpenOrders());
        }
        long exposure = Fixed.add(book.openQuantity(account.index, side), quantity);
        if ((refused = refuseExposure(account, side, exposure, price == OrderBook.NO_PRICE ? mark() : price)) != null) {
            return refused;
        }
        if (order.postOnly() && book.wouldTake(side, price)) {
            return refusal.of(RejectReason.POST_ONLY_WOULD_TAKE, bestOpposite(side));
        }
        if (tif == TimeInForce.FOK) {
            long fillable = book.fillableQuantity(account.index, side, price, quantity);
            if (fillable < quantity) {
                return refusal.of(RejectReason.FOK_NOT_FILLABLE, quantity, fillable);
            }
        }
        if (price == OrderBook.NO_PRICE && book.fillableQuantity(account.index, side, price, quantity) == 0) {
            return refusal.of(RejectReason.NO_LIQUIDITY);
        }
        return null;
    }

    private Refusal refuseReplace(Command.ReplaceOrder replace, Account account, Order order) {
        Refusal refused = refuseTrader(account);
        if (refused != null) {
            return refused;
        }
        if (replace.quantity() < 0) {
            return refusal.of(RejectReason.INVALID_QUANTITY, replace.quantity());
        }
        if (replace.price() < 0) {
            return refusal.of(RejectReason.INVALID_PRICE, replace.price());
        }
        long price = replace.price() == 0 ? order.price() : replace.price();
        long quantity = replace.quantity() == 0 ? order.remaining() : replace.quantity();
        if (config.maxOrderQuantity() > 0 && quantity > config.maxOrderQuantity()) {
            return refusal.of(RejectReason.MAX_ORDER_QTY_EXCEEDED, quantity, config.maxOrderQuantity());
        }
        if (price != order.price() && (refused = refusePrice(price)) != null) {
            return refused;
        }
        Side side = order.side();
        // a replace that neither grows the order nor moves it cannot add risk
        if (quantity > order.remaining() || price != order.price()) {
            long exposure = Fixed.add(book.openQuantity(account.index, side) - order.remaining(), quantity);
            if ((refused = refuseExposure(account, side, exposure, price)) != null) {
                return refused;
            }
        }
        if (order.postOnly() && price != order.price() && book.wouldTake(side, price)) {
            return refusal.of(RejectReason.POST_ONLY_WOULD_TAKE, bestOpposite(side));
        }
        return null;
    }

    /** Halt, bankruptcy and the liquidation cool-down refuse everything but cancels. */
    private Refusal refuseTrader(Account account) {
        if (halted) {
            return refusal.of(RejectReason.TRADING_HALTED);
        }
        if (account.bankrupt) {
            return refusal.of(RejectReason.ACCOUNT_BANKRUPT);
        }
        if (account.frozenAt(now)) {
            return refusal.of(RejectReason.ACCOUNT_FROZEN, account.frozenUntil);
        }
        return null;
    }

    private Refusal refusePrice(long price) {
        if (config.priceBandBps() == 0) {
            return null;
        }
        long reference = mark();
        long band = Fixed.multiplyDivide(reference, config.priceBandBps(), BPS);
        long min = Math.max(1, reference - band);
        long max = reference + band;
        if (price < min || price > max) {
            return refusal.of(RejectReason.PRICE_OUT_OF_BAND, reference, min, max);
        }
        return null;
    }

    /**
     * Position limit and initial margin, on the position the trader would have if all its orders on this side,
     * this one included, filled. An order that can only bring the position closer to flat is always allowed, so a
     * trader under water can still reduce.
     */
    private Refusal refuseExposure(Account account, Side side, long exposure, long price) {
        long position = account.position;
        // saturating: a hostile quantity must not wrap the projection around into a small or "reducing" one
        long projected = Fixed.add(position, side.sign() * exposure);
        boolean reducing = position != 0 && Fixed.abs(projected) < Math.abs(position)
                && (projected == 0 || Long.signum(projected) == Long.signum(position));
        if (reducing) {
            return null;
        }
        long size = Fixed.abs(projected);
        if (config.maxPosition() > 0 && size > config.maxPosition()) {
            return refusal.of(RejectReason.MAX_POSITION_EXCEEDED, projected, config.maxPosition());
        }
        long required = Fixed.multiplyDivideUp(Fixed.multiply(size, price), config.initialMarginBps(), BPS);
        long equity = account.equity(mark());
        if (equity < required) {
            return refusal.of(RejectReason.INITIAL_MARGIN_INSUFFICIENT, equity, required);
        }
        return null;
    }

    // ----------------------------------------------------------------------------- events and liquidation

    private void begin(long timestamp) {
        now = timestamp;
        commandCount++;
        startGroup();
    }

    private void startGroup() {
        group++;
        touchedCount = 0;
    }

    /** Closes the command's event group, then checks maintenance margin until no trader is left in breach. */
    private void end() {
        endGroup();
        if (halted) {
            return;
        }
        // Each liquidation can move the mark and push others into breach; each trader goes once per command.
        Account inBreach;
        while ((inBreach = maintenance.firstInBreach(mark(), commandCount)) != null) {
            liquidate(inBreach);
        }
    }

    /** Emits the book update and the account updates of one group of trades. */
    private void endGroup() {
        long change = book.changeCount();
        if (change != lastBookChange) {
            lastBookChange = change;
            listener.bookChanged(++seq, now, book);
        }
        if (touchedCount > 0) {
            long mark = mark();
            for (int i = 0; i < touchedCount; i++) {
                listener.accountChanged(++seq, now, touched[i], mark);
                touched[i] = null;
            }
        }
        startGroup();
    }

    /**
     * Cancels the trader's resting orders, then sells (or buys) at market what restores maintenance margin,
     * the whole position if that was not enough, and closes the account if its equity is still negative.
     */
    private void liquidate(Account account) {
        account.liquidatedInCommand = commandCount;
        account.frozenUntil = Math.max(account.frozenUntil, now + config.liquidationCooldownMillis());
        book.cancelAll(account.index, CancelReason.LIQUIDATION);
        liquidationOrder(account, LiquidationReason.MAINTENANCE_MARGIN_BREACH, restoringQuantity(account));
        if (MaintenanceWatch.inBreach(account, mark())) {
            liquidationOrder(account, LiquidationReason.MAINTENANCE_MARGIN_BREACH_FORCE_FLATTEN,
                    Math.abs(account.position));
        }
        if (account.equity(mark()) < 0) {
            account.bankrupt = true;
            maintenance.update(account);
            Side side = account.position > 0 ? Side.SELL : Side.BUY;
            listener.liquidation(++seq, now, account.traderId, LiquidationReason.BANKRUPTCY, side,
                    Math.abs(account.position), 0);
        }
    }

    private void liquidationOrder(Account account, LiquidationReason reason, long quantity) {
        Side side = account.position > 0 ? Side.SELL : Side.BUY;
        long orderId = nextOrderId++;
        listener.liquidation(++seq, now, account.traderId, reason, side, quantity, orderId);
        book.enter(orderId, account.index, null, side, OrderBook.NO_PRICE, quantity, TimeInForce.IOC, false);
        endGroup();
    }

    /** The smallest quantity whose sale at the mark brings equity back to maintenance margin. */
    private long restoringQuantity(Account account) {
        long size = Math.abs(account.position);
        long mark = mark();
        long equity = account.equity(mark);
        long perLot = Fixed.multiply(mark, config.maintenanceMarginBps());
        if (equity <= 0 || perLot == 0) {
            return size;
        }
        long keep = Fixed.multiply(equity, BPS) / perLot;
        return Math.max(1, Math.min(size, size - keep));
    }

    // ---------------------------------------------------------------------------------------------- state

    /**
     * The trader's account, opened with its first order (a cancel or a replace opens none). A new account is
     * announced by the command's events (a {@code position_update}, even when the order is refused), so that every
     * trader who ever sent an order is in the feed, the files and the leaderboard, traded or not.
     */
    private Account openAccount(String traderId) {
        Account account = accountsById.get(traderId);
        if (account == null) {
            account = new Account(accountCount, traderId, config.startingCash());
            accountsById.put(traderId, account);
            if (accountCount == accounts.length) {
                accounts = Arrays.copyOf(accounts, accountCount * 2);
                touched = Arrays.copyOf(touched, accountCount * 2);
            }
            accounts[accountCount++] = account;
            touch(account); // announced with the command's other events, after its answer
        }
        return account;
    }

    /** The account's update goes out at the end of the current event group (once, however often touched). */
    private void touch(Account account) {
        if (account.touchedInGroup != group) {
            account.touchedInGroup = group;
            touched[touchedCount++] = account;
        }
    }

    private Order find(Account account, long orderId, String clientOrderId) {
        if (orderId > 0) {
            Order order = book.order(orderId);
            return order != null && order.owner() == account.index ? order : null;
        }
        if (clientOrderId == null) {
            return null;
        }
        for (Order order = book.firstOf(account.index); order != null; order = order.nextOfOwner()) {
            if (clientOrderId.equals(order.clientOrderId())) {
                return order;
            }
        }
        return null;
    }

    private long bestOpposite(Side side) {
        return side == Side.BUY ? book.bestAsk() : book.bestBid();
    }

    /**
     * The price positions are valued at: the mid (rounded down to the tick) when the book is two-sided, else the
     * last trade price, else the configured reference price.
     */
    public long mark() {
        long bid = book.bestBid();
        long ask = book.bestAsk();
        if (bid != OrderBook.NO_PRICE && ask != OrderBook.NO_PRICE) {
            return (bid + ask) >>> 1;
        }
        return lastTradePrice != OrderBook.NO_PRICE ? lastTradePrice : config.initialReferencePrice();
    }

    public EngineConfig config() {
        return config;
    }

    /** The book, for reading (snapshots, queries); change it only through commands. */
    public OrderBook book() {
        return book;
    }

    /** The trader's account, or null if the trader has never placed an order. */
    public Account findAccount(String traderId) {
        return accountsById.get(traderId);
    }

    public int accountCount() {
        return accountCount;
    }

    /** Accounts by {@link Account#index()}, in order of creation. */
    public Account accountAt(int index) {
        Objects.checkIndex(index, accountCount);
        return accounts[index];
    }

    /** The {@code seq} of the last public event (0 before the first). */
    public long lastSeq() {
        return seq;
    }

    public long tradeCount() {
        return nextTradeId - 1;
    }

    /** Price of the last trade, or {@link OrderBook#NO_PRICE}. */
    public long lastTradePrice() {
        return lastTradePrice;
    }

    public boolean tradingHalted() {
        return halted;
    }

    /** Books each execution as the book reports it and forwards the book's events. */
    private final class BookEvents implements BookListener {
        @Override
        public void match(Order resting, Order incoming, long price, long quantity) {
            Account maker = accounts[resting.owner()];
            Account taker = accounts[incoming.owner()];
            maker.fill(resting.side(), price, quantity);
            taker.fill(incoming.side(), price, quantity);
            maintenance.update(maker);
            maintenance.update(taker);
            touch(maker);
            touch(taker);
            lastTradePrice = price;
            listener.trade(++seq, now, execution.of(nextTradeId++, price, quantity, resting, maker, incoming, taker));
        }

        @Override
        public void cancelled(Order order, long quantity, CancelReason reason) {
            listener.orderCancelled(now, order.id(), accounts[order.owner()].traderId, order.clientOrderId(),
                    quantity, reason);
        }
    }
}
