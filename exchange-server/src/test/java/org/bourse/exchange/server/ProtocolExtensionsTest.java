package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.exchange.server.Harness.levels;
import static org.bourse.exchange.server.Harness.num;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;

/** Bourse's additions to the reference protocol, over real WebSocket connections to a running exchange. */
class ProtocolExtensionsTest extends RunningExchangeTest {

    private static final Duration QUIET = Duration.ofMillis(300);


    private static String type(JsonNode node) {
        return node.path("type").asText();
    }

    /** Sends an order that must be accepted; returns its order id. */
    private static long place(TestClient client, String frame) throws Exception {
        JsonNode reply = client.request(frame);
        assertThat(type(reply)).as("reply to %s: %s", frame, reply).isEqualTo("order_accepted");
        return reply.get("order_id").asLong();
    }

    @Test
    void aCrowdConnectionSpeaksForTheBackgroundTradersItsHelloNamesAndNoOneElse() throws Exception {
        TestClient crowd = gateway();
        crowd.send("{\"type\":\"hello\",\"trader_id\":\"crowd\",\"crowd\":[\"bg_value_1\",\"bg_mm_1\"]}");
        JsonNode first = crowd.nextJson();
        JsonNode second = crowd.nextJson();
        assertThat(List.of(type(first), first.get("trader_id").asText(), type(second),
                second.get("trader_id").asText())).containsExactly("welcome", "bg_value_1", "welcome", "bg_mm_1");

        // both of its traders trade through it, and hear of their fills on it
        place(crowd, Harness.limit("bg_mm_1", "sell", "100.00", 2, "mm-1"));
        TestClient user = gateway();
        place(user, Harness.limit("user", "buy", "100.00", 2, "u1"));
        user.nextJson("fill");
        JsonNode fill = crowd.nextJson("fill");
        assertThat(fill.get("client_order_id").asText()).isEqualTo("mm-1");
        place(crowd, Harness.limit("bg_value_1", "buy", "99.00", 1, "v-1"));

        // not another trader, and no one else as a background trader
        JsonNode mismatch = crowd.request(Harness.limit("user", "sell", "101.00", 1, "x"));
        assertThat(mismatch.get("reason").asText()).isEqualTo("trader_mismatch");
        TestClient impostor = gateway();
        JsonNode refused = impostor.request(Harness.limit("bg_value_1", "sell", "101.00", 1, "y"));
        assertThat(refused.get("reason").asText()).isEqualTo("trader_mismatch");
        assertThat(refused.get("details").get("error").asText()).startsWith("bg_ traders belong to the background");
        JsonNode refusedAfter = user.request(Harness.limit("bg_value_1", "sell", "101.00", 1, "z"));
        assertThat(refusedAfter.get("reason").asText()).isEqualTo("trader_mismatch");
        JsonNode badHello = gateway().request("{\"type\":\"hello\",\"trader_id\":\"c2\",\"crowd\":[\"alice\"]}");
        assertThat(badHello.get("reason").asText()).isEqualTo("invalid_message");
        assertThat(badHello.get("details").get("error").asText()).isEqualTo("crowd: 'alice' does not start with bg_");
    }

    @Test
    void anIocRemainderIsCancelledAndReported() throws Exception {
        TestClient maker = gateway();
        TestClient taker = gateway();
        place(maker, Harness.limit("maker", "sell", "100.00", 2, "m1"));

        taker.send(Harness.limitWith("taker", "buy", "100.00", 5, "i1", "\"tif\":\"IOC\""));

        JsonNode accepted = taker.nextJson();
        assertThat(type(accepted)).isEqualTo("order_accepted");
        assertThat(accepted.get("tif").asText()).isEqualTo("ioc");
        JsonNode fill = taker.nextJson();
        assertThat(type(fill)).isEqualTo("fill");
        assertThat(fill.get("qty").asLong()).isEqualTo(2);
        assertThat(fill.get("leaves_qty").asLong()).isEqualTo(3);
        assertThat(fill.get("liquidity").asText()).isEqualTo("taker");
        JsonNode cancelled = taker.nextJson();
        assertThat(type(cancelled)).isEqualTo("order_cancelled");
        assertThat(cancelled.get("reason").asText()).isEqualTo("ioc_remainder");
        assertThat(cancelled.get("qty").asLong()).isEqualTo(3);
        assertThat(cancelled.get("order_id").asLong()).isEqualTo(accepted.get("order_id").asLong());
        assertThat(cancelled.get("client_order_id").asText()).isEqualTo("i1");
        taker.expectSilence(QUIET);
    }

    @Test
    void aFokThatCannotFillIsRejectedAndLeavesTheBookAlone() throws Exception {
        TestClient maker = gateway();
        TestClient taker = gateway();
        place(maker, Harness.limit("maker", "sell", "100.00", 2, "m1"));

        JsonNode rejected = taker.request(Harness.limitWith("taker", "buy", "100.00", 3, "f1", "\"tif\":\"fok\""));
        assertThat(type(rejected)).isEqualTo("order_rejected");
        assertThat(rejected.get("reason").asText()).isEqualTo("fok_not_fillable");
        assertThat(rejected.path("details").path("qty").asLong()).isEqualTo(3);
        assertThat(rejected.path("details").path("fillable_qty").asLong()).isEqualTo(2);
        taker.expectSilence(QUIET);
        maker.expectSilence(Duration.ZERO);

        // the two lots are still there: a FOK for exactly them fills completely
        taker.send(Harness.limitWith("taker", "buy", "100.00", 2, "f2", "\"tif\":\"fok\""));
        assertThat(type(taker.nextJson())).isEqualTo("order_accepted");
        JsonNode fill = taker.nextJson();
        assertThat(type(fill)).isEqualTo("fill");
        assertThat(fill.get("leaves_qty").asLong()).isZero();
        taker.expectSilence(QUIET);
    }

    @Test
    void aPostOnlyOrderThatWouldTakeIsRejected() throws Exception {
        TestClient maker = gateway();
        TestClient other = gateway();
        place(maker, Harness.limit("maker", "sell", "100.00", 2, "m1"));

        JsonNode rejected = other.request(Harness.limitWith("poster", "buy", "100.00", 1, "p1",
                "\"post_only\":true"));
        assertThat(type(rejected)).isEqualTo("order_rejected");
        assertThat(rejected.get("reason").asText()).isEqualTo("post_only_would_take");
        assertThat(num(rejected.get("details"), "best_opposite_price")).isEqualByComparingTo("100.00");

        JsonNode accepted = other.request(Harness.limitWith("poster", "buy", "99.99", 1, "p2", "\"post_only\":true"));
        assertThat(type(accepted)).isEqualTo("order_accepted");
        assertThat(accepted.get("post_only").asBoolean()).isTrue();
        other.expectSilence(QUIET);
    }

    @Test
    void cancelByOrderIdAndByClientOrderId() throws Exception {
        TestClient feed = feed();
        TestClient trader = gateway();
        long first = place(trader, Harness.limit("alice", "buy", "99.00", 3, "a1"));
        long second = place(trader, Harness.limit("alice", "buy", "98.00", 4, "a2"));

        JsonNode byId = trader.request(Harness.cancel("alice", first));
        assertThat(type(byId)).isEqualTo("order_cancelled");
        assertThat(byId.get("reason").asText()).isEqualTo("requested");
        assertThat(byId.get("order_id").asLong()).isEqualTo(first);
        assertThat(byId.get("client_order_id").asText()).isEqualTo("a1");
        assertThat(byId.get("qty").asLong()).isEqualTo(3);

        JsonNode byClientId = trader.request(Harness.cancelByClientId("alice", "a2"));
        assertThat(type(byClientId)).isEqualTo("order_cancelled");
        assertThat(byClientId.get("reason").asText()).isEqualTo("requested");
        assertThat(byClientId.get("order_id").asLong()).isEqualTo(second);
        assertThat(byClientId.get("qty").asLong()).isEqualTo(4);

        JsonNode again = trader.request(Harness.cancel("alice", first));
        assertThat(type(again)).isEqualTo("cancel_rejected");
        assertThat(again.get("reason").asText()).isEqualTo("unknown_order");
        trader.expectSilence(QUIET);

        List<JsonNode> events = feed.drain(QUIET);
        // book updates, and the position_update of the account alice's first order opened
        assertThat(events).extracting(ProtocolExtensionsTest::type).containsExactly("book_update",
                "position_update", "book_update", "book_update", "book_update");
        assertThat(events.get(4).get("bids")).isEmpty();
    }

    @Test
    void cancelsAndReplacesFromTradersWithoutAnOrderOpenNoAccount() throws Exception {
        TestClient feed = feed();
        TestClient alice = gateway();
        long id = place(alice, Harness.limit("alice", "buy", "99.00", 1, "a1"));
        feed.nextJson("book_update");
        feed.nextJson("position_update"); // her first order opened her account

        for (int i = 0; i < 3; i++) {
            TestClient stranger = gateway();
            String trader = "stranger-" + i;
            assertThat(stranger.request(Harness.cancel(trader, id)).path("reason").asText()).isEqualTo("unknown_order");
            assertThat(stranger.request(Harness.cancelAll(trader)).path("count").asLong()).isZero();
            assertThat(stranger.request(Harness.replace(trader, id, "99.50", null)).path("reason").asText())
                    .isEqualTo("unknown_order");
            stranger.expectSilence(Duration.ZERO);
        }
        feed.expectSilence(QUIET);

        JsonNode status = WireJson.mapper().readTree(Harness.get(exchange.adminUri() + "/status").body());
        assertThat(status.get("traders").asLong()).isEqualTo(1);
        JsonNode snapshot = connect(exchange.streamUri()).nextJson();
        assertThat(snapshot.get("accounts")).extracting(a -> a.get("trader_id").asText()).containsExactly("alice");
    }

    @Test
    void cancelAllCancelsEachOrderThenCounts() throws Exception {
        TestClient trader = gateway();
        List<Long> ids = List.of(place(trader, Harness.limit("alice", "buy", "99.00", 1, "a1")),
                place(trader, Harness.limit("alice", "buy", "98.00", 1, "a2")),
                place(trader, Harness.limit("alice", "sell", "101.00", 1, "a3")));

        trader.send(Harness.cancelAll("alice"));
        List<Long> cancelled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode reply = trader.nextJson();
            assertThat(type(reply)).isEqualTo("order_cancelled");
            assertThat(reply.get("reason").asText()).isEqualTo("requested");
            cancelled.add(reply.get("order_id").asLong());
        }
        JsonNode all = trader.nextJson();
        assertThat(type(all)).isEqualTo("all_orders_cancelled");
        assertThat(all.get("count").asLong()).isEqualTo(3);
        assertThat(all.get("trader_id").asText()).isEqualTo("alice");
        assertThat(cancelled).containsExactlyInAnyOrderElementsOf(ids);

        JsonNode none = trader.request(Harness.cancelAll("alice"));
        assertThat(type(none)).isEqualTo("all_orders_cancelled");
        assertThat(none.get("count").asLong()).isZero();
        trader.expectSilence(QUIET);
    }

    @Test
    void replaceMovesAnOrderAndACrossingReplaceTrades() throws Exception {
        TestClient feed = feed();
        TestClient buyer = gateway();
        TestClient seller = gateway();
        long bid = place(buyer, Harness.limit("buyer", "buy", "99.00", 2, "b1"));
        place(seller, Harness.limit("seller", "sell", "100.00", 1, "s1"));
        feed.nextJson("book_update");
        feed.nextJson("book_update");

        JsonNode moved = buyer.request(Harness.replace("buyer", bid, "99.50", null));
        assertThat(type(moved)).isEqualTo("order_replaced");
        assertThat(moved.get("order_id").asLong()).isEqualTo(bid);
        assertThat(moved.get("client_order_id").asText()).isEqualTo("b1");
        assertThat(num(moved, "price")).isEqualByComparingTo("99.50");
        assertThat(moved.get("qty").asLong()).isEqualTo(2);
        assertThat(levels(feed.nextJson("book_update").get("bids"))).containsExactly("99.5x2");

        JsonNode smaller = buyer.request(Harness.replaceByClientId("buyer", "b1", null, 1L));
        assertThat(type(smaller)).isEqualTo("order_replaced");
        assertThat(smaller.get("qty").asLong()).isEqualTo(1);
        assertThat(levels(feed.nextJson("book_update").get("bids"))).containsExactly("99.5x1");

        buyer.send(Harness.replace("buyer", bid, "100.00", null));
        JsonNode crossing = buyer.nextJson();
        assertThat(type(crossing)).isEqualTo("order_replaced");
        JsonNode fill = buyer.nextJson();
        assertThat(type(fill)).isEqualTo("fill");
        assertThat(fill.get("order_id").asLong()).isEqualTo(bid);
        assertThat(num(fill, "price")).isEqualByComparingTo("100.00");
        assertThat(fill.get("leaves_qty").asLong()).isZero();
        assertThat(fill.get("liquidity").asText()).isEqualTo("taker");
        JsonNode trade = feed.nextJson("trade");
        assertThat(trade.get("buy_trader_id").asText()).isEqualTo("buyer");
        assertThat(trade.get("buy_order_id").asLong()).isEqualTo(bid);
        assertThat(trade.get("aggressor_side").asText()).isEqualTo("buy");
        buyer.expectSilence(QUIET);
        assertThat(type(seller.nextJson())).isEqualTo("fill");
    }

    @Test
    void anotherTradersOrderIsAnsweredExactlyLikeAnUnknownOne() throws Exception {
        TestClient owner = gateway();
        TestClient intruder = gateway();
        long theirs = place(owner, Harness.limit("owner", "buy", "99.00", 2, "o1"));
        long unknown = theirs + 1_000;

        JsonNode cancelTheirs = intruder.request(Harness.cancel("intruder", theirs));
        JsonNode cancelUnknown = intruder.request(Harness.cancel("intruder", unknown));
        JsonNode replaceTheirs = intruder.request(Harness.replace("intruder", theirs, "99.10", null));
        JsonNode replaceUnknown = intruder.request(Harness.replace("intruder", unknown, "99.10", null));
        JsonNode cancelTheirsByClientId = intruder.request(Harness.cancelByClientId("intruder", "o1"));
        JsonNode cancelUnknownByClientId = intruder.request(Harness.cancelByClientId("intruder", "zz"));

        assertThat(type(cancelTheirs)).isEqualTo("cancel_rejected");
        assertThat(cancelTheirs.get("reason").asText()).isEqualTo("unknown_order");
        assertThat(type(replaceTheirs)).isEqualTo("replace_rejected");
        assertThat(replaceTheirs.get("reason").asText()).isEqualTo("unknown_order");
        assertThat(cancelTheirs.get("order_id").asLong()).isEqualTo(theirs);
        assertThat(withoutIdsAndTime(cancelTheirs)).isEqualTo(withoutIdsAndTime(cancelUnknown));
        assertThat(withoutIdsAndTime(replaceTheirs)).isEqualTo(withoutIdsAndTime(replaceUnknown));
        assertThat(withoutIdsAndTime(cancelTheirsByClientId)).isEqualTo(withoutIdsAndTime(cancelUnknownByClientId));
        assertThat(cancelTheirsByClientId.get("reason").asText()).isEqualTo("unknown_order");
        intruder.expectSilence(QUIET);

        // the owner's order is untouched
        owner.expectSilence(Duration.ZERO);
        JsonNode welcome = owner.request(Harness.hello("owner"));
        assertThat(welcome.get("open_orders")).hasSize(1);
        assertThat(welcome.get("open_orders").get(0).get("order_id").asLong()).isEqualTo(theirs);
        assertThat(num(welcome.get("open_orders").get(0), "price")).isEqualByComparingTo("99.00");
        assertThat(welcome.get("open_orders").get(0).get("leaves_qty").asLong()).isEqualTo(2);
    }

    private static JsonNode withoutIdsAndTime(JsonNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove("timestamp");
        copy.remove("order_id");
        copy.remove("client_order_id");
        return copy;
    }

    @Test
    void fillsGoToEveryConnectionOfTheTraderAndToNoOtherTrader() throws Exception {
        TestClient alice1 = gateway();
        TestClient alice2 = gateway();
        TestClient bob = gateway();
        TestClient carol = gateway();
        assertThat(type(alice1.request(Harness.hello("alice")))).isEqualTo("welcome");
        assertThat(type(alice2.request(Harness.hello("alice")))).isEqualTo("welcome");
        assertThat(type(carol.request(Harness.hello("carol")))).isEqualTo("welcome");
        long resting = place(alice1, Harness.limit("alice", "sell", "100.00", 3, "a1"));
        assertThat(alice2.nextJson().get("order_id").asLong()).as("alice's other connection hears of her order")
                .isEqualTo(resting);

        bob.send(Harness.limit("bob", "buy", "100.00", 2, "b1"));

        assertThat(type(bob.nextJson())).isEqualTo("order_accepted");
        JsonNode bobFill = bob.nextJson();
        assertThat(type(bobFill)).isEqualTo("fill");
        assertThat(bobFill.get("trader_id").asText()).isEqualTo("bob");
        assertThat(bobFill.get("side").asText()).isEqualTo("buy");
        for (TestClient alice : List.of(alice1, alice2)) {
            JsonNode fill = alice.nextJson();
            assertThat(type(fill)).isEqualTo("fill");
            assertThat(fill.get("trader_id").asText()).isEqualTo("alice");
            assertThat(fill.get("order_id").asLong()).isEqualTo(resting);
            assertThat(fill.get("client_order_id").asText()).isEqualTo("a1");
            assertThat(fill.get("side").asText()).isEqualTo("sell");
            assertThat(num(fill, "price")).isEqualByComparingTo("100.00");
            assertThat(fill.get("qty").asLong()).isEqualTo(2);
            assertThat(fill.get("leaves_qty").asLong()).isEqualTo(1);
            assertThat(fill.get("liquidity").asText()).isEqualTo("maker");
            assertThat(fill.get("trade_id").asLong()).isEqualTo(bobFill.get("trade_id").asLong());
        }
        bob.expectSilence(QUIET);
        alice1.expectSilence(Duration.ZERO);
        alice2.expectSilence(Duration.ZERO);
        carol.expectSilence(Duration.ZERO);
    }

    @Test
    void everyConnectionOfATraderHearsOfEveryChangeToItsOrdersWhicheverConnectionMadeIt() throws Exception {
        TestClient alice1 = gateway();
        TestClient alice2 = gateway();
        TestClient bob = gateway();
        assertThat(type(alice1.request(Harness.hello("alice")))).isEqualTo("welcome");
        assertThat(type(alice2.request(Harness.hello("alice")))).isEqualTo("welcome");
        assertThat(type(bob.request(Harness.hello("bob")))).isEqualTo("welcome");

        JsonNode accepted = alice1.request(Harness.limit("alice", "buy", "99.00", 3, "a1"));
        assertThat(alice2.nextJson()).as("the order, as its sender was told").isEqualTo(accepted);
        long first = accepted.get("order_id").asLong();
        long second = place(alice2, Harness.limit("alice", "buy", "98.00", 1, "a2"));
        assertThat(alice1.nextJson().get("order_id").asLong()).isEqualTo(second);

        JsonNode cancelled = alice2.request(Harness.cancel("alice", second));
        assertThat(type(cancelled)).isEqualTo("order_cancelled");
        assertThat(alice1.nextJson()).as("a cancel by the other connection").isEqualTo(cancelled);

        JsonNode replaced = alice1.request(Harness.replace("alice", first, "99.50", 2L));
        assertThat(type(replaced)).isEqualTo("order_replaced");
        assertThat(alice2.nextJson()).isEqualTo(replaced);

        // a cancel_all: the other connection hears of each order cancelled; the count is the sender's answer
        alice2.send(Harness.cancelAll("alice"));
        JsonNode lastCancelled = alice2.nextJson();
        assertThat(type(alice2.nextJson())).isEqualTo("all_orders_cancelled");
        assertThat(alice1.nextJson()).isEqualTo(lastCancelled);

        alice1.expectSilence(QUIET);
        alice2.expectSilence(Duration.ZERO);
        bob.expectSilence(Duration.ZERO);
    }

    @Test
    void aMarketOrdersUnfilledRemainderIsCancelledAndReported() throws Exception {
        TestClient maker = gateway();
        TestClient taker = gateway();
        place(maker, Harness.limit("maker", "sell", "100.00", 2, "m1"));

        taker.send(Harness.market("taker", "buy", 5, "mk1"));

        JsonNode accepted = taker.nextJson();
        assertThat(type(accepted)).isEqualTo("order_accepted");
        assertThat(type(taker.nextJson())).isEqualTo("fill");
        JsonNode cancelled = taker.nextJson();
        assertThat(type(cancelled)).isEqualTo("order_cancelled");
        assertThat(cancelled.get("reason").asText()).isEqualTo("market_remainder");
        assertThat(cancelled.get("qty").asLong()).isEqualTo(3);
        assertThat(cancelled.get("order_id").asLong()).isEqualTo(accepted.get("order_id").asLong());
        assertThat(cancelled.get("client_order_id").asText()).isEqualTo("mk1");
        taker.expectSilence(QUIET);
    }

    @Test
    void helloAnswersWithAWelcomeAndAReconnectingClientSeesItsRestingOrders() throws Exception {
        TestClient first = gateway();
        JsonNode fresh = first.request(Harness.hello("alice"));
        assertThat(type(fresh)).isEqualTo("welcome");
        assertThat(fresh.get("trader_id").asText()).isEqualTo("alice");
        assertThat(fresh.get("position").asLong()).isZero();
        assertThat(num(fresh, "cash")).isEqualByComparingTo("10000");
        assertThat(num(fresh, "total_equity")).isEqualByComparingTo("10000");
        assertThat(fresh.get("open_orders").isArray()).isTrue();
        assertThat(fresh.get("open_orders")).isEmpty();
        assertThat(fresh.get("trading_halted").asBoolean()).isFalse();

        long sell = place(first, Harness.limit("alice", "sell", "100.50", 5, "s1"));
        long buy = place(first, Harness.limit("alice", "buy", "99.50", 2, null));
        TestClient bob = gateway();
        place(bob, Harness.limit("bob", "buy", "100.50", 2, "b1"));
        first.nextJson("fill");
        // alice's other connection stays: her orders stay with it (the last one to close would cancel them)
        TestClient second = gateway();
        assertThat(type(second.request(Harness.hello("alice")))).isEqualTo("welcome");
        first.closeBlocking();

        TestClient again = gateway();
        JsonNode welcome = again.request(Harness.hello("alice"));
        assertThat(type(welcome)).isEqualTo("welcome");
        assertThat(welcome.get("position").asLong()).isEqualTo(-2);
        assertThat(num(welcome, "cash")).isEqualByComparingTo("10201.00");
        assertThat(welcome.get("open_orders")).hasSize(2);
        JsonNode restingSell = null;
        JsonNode restingBuy = null;
        for (JsonNode open : welcome.get("open_orders")) {
            if (open.get("order_id").asLong() == sell) {
                restingSell = open;
            } else if (open.get("order_id").asLong() == buy) {
                restingBuy = open;
            }
        }
        assertThat(restingSell).as("the resting sell in %s", welcome).isNotNull();
        assertThat(restingSell.get("client_order_id").asText()).isEqualTo("s1");
        assertThat(restingSell.get("side").asText()).isEqualTo("sell");
        assertThat(num(restingSell, "price")).isEqualByComparingTo("100.50");
        assertThat(restingSell.get("leaves_qty").asLong()).isEqualTo(3);
        assertThat(restingBuy).as("the resting buy in %s", welcome).isNotNull();
        assertThat(restingBuy.get("client_order_id").isNull()).isTrue();
        assertThat(restingBuy.get("leaves_qty").asLong()).isEqualTo(2);

        // and the new connection acts for alice: it can cancel what the old one placed
        JsonNode cancelled = again.request(Harness.cancel("alice", sell));
        assertThat(type(cancelled)).isEqualTo("order_cancelled");
    }

    @Test
    void aConnectionBoundToOneTraderCannotActForAnother() throws Exception {
        TestClient feed = feed();
        TestClient alice = gateway();
        place(alice, Harness.limit("alice", "buy", "99.00", 1, "a1"));
        feed.nextJson("book_update");
        feed.nextJson("position_update"); // her first order opened her account

        JsonNode order = alice.request(Harness.limit("bob", "sell", "99.00", 1, "b1"));
        assertThat(type(order)).isEqualTo("order_rejected");
        assertThat(order.get("reason").asText()).isEqualTo("trader_mismatch");
        assertThat(order.path("details").path("bound_trader_id").asText()).isEqualTo("alice");
        assertThat(order.get("trader_id").asText()).isEqualTo("bob");
        assertThat(order.get("client_order_id").asText()).isEqualTo("b1");
        JsonNode cancel = alice.request(Harness.cancelAll("bob"));
        assertThat(type(cancel)).isEqualTo("order_rejected");
        assertThat(cancel.get("reason").asText()).isEqualTo("trader_mismatch");
        JsonNode hello = alice.request(Harness.hello("bob"));
        assertThat(hello.get("reason").asText()).isEqualTo("trader_mismatch");
        alice.expectSilence(QUIET);
        feed.expectSilence(Duration.ZERO);

        // bob's state is untouched: no account on the stream, a fresh welcome
        TestClient late = connect(exchange.streamUri());
        JsonNode snapshot = late.nextJson();
        assertThat(snapshot.get("accounts")).extracting(a -> a.get("trader_id").asText()).containsExactly("alice");
        assertThat(levels(snapshot.get("asks"))).isEmpty();
        TestClient bob = gateway();
        JsonNode welcome = bob.request(Harness.hello("bob"));
        assertThat(welcome.get("position").asLong()).isZero();
        assertThat(welcome.get("open_orders")).isEmpty();
    }

    @Test
    void byDefaultASelfTradeCancelsTheRestingOrderInsteadOfTrading() throws Exception {
        TestClient feed = feed();
        TestClient alice = gateway();
        long resting = place(alice, Harness.limit("alice", "sell", "100.00", 2, "s1"));
        feed.nextJson("book_update");
        feed.nextJson("position_update"); // her first order opened her account

        alice.send(Harness.limit("alice", "buy", "100.00", 3, "b1"));

        assertThat(type(alice.nextJson())).isEqualTo("order_accepted");
        JsonNode cancelled = alice.nextJson();
        assertThat(type(cancelled)).isEqualTo("order_cancelled");
        assertThat(cancelled.get("reason").asText()).isEqualTo("self_trade");
        assertThat(cancelled.get("order_id").asLong()).isEqualTo(resting);
        assertThat(cancelled.get("qty").asLong()).isEqualTo(2);
        alice.expectSilence(QUIET);
        List<JsonNode> events = feed.drain(QUIET);
        assertThat(events).extracting(ProtocolExtensionsTest::type).containsExactly("book_update");
        assertThat(levels(events.get(0).get("bids"))).containsExactly("100x3");
        assertThat(events.get(0).get("asks")).isEmpty();
    }

    @Test
    void aPriceOffTheTickGridIsRefusedNotRounded() throws Exception {
        TestClient trader = gateway();
        JsonNode order = trader.request(Harness.limit("alice", "buy", "100.005", 1, "a1"));
        assertThat(type(order)).isEqualTo("order_rejected");
        assertThat(order.get("reason").asText()).isEqualTo("invalid_message");
        assertThat(order.path("details").path("error").asText())
                .isEqualTo("price: 100.005 is not a multiple of the tick size 0.01");
        assertThat(order.get("client_order_id").asText()).isEqualTo("a1");

        long id = place(trader, Harness.limit("alice", "buy", "100.00", 1, "a2"));
        JsonNode replace = trader.request(Harness.replace("alice", id, "99.999", null));
        assertThat(type(replace)).isEqualTo("replace_rejected");
        assertThat(replace.get("reason").asText()).isEqualTo("invalid_message");
        assertThat(replace.path("details").path("error").asText())
                .isEqualTo("price: 99.999 is not a multiple of the tick size 0.01");
        trader.expectSilence(QUIET);
    }
}
