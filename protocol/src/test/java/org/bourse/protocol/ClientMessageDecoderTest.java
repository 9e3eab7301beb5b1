package org.bourse.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.protocol.ClientMessageDecoder.Decoded;
import org.bourse.protocol.ClientMessageDecoder.Invalid;
import org.bourse.protocol.ClientMessageDecoder.Valid;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMessageDecoderTest {

    /** Exactly what the reference bots send: all seven keys, in this order. */
    static final String REFERENCE_ORDER = "{\"type\":\"order\",\"trader_id\":\"maker_1\",\"side\":\"buy\","
            + "\"order_type\":\"limit\",\"price\":100.05,\"qty\":2,\"client_order_id\":\"maker_1-001\"}";

    private final ClientMessageDecoder decoder = new ClientMessageDecoder();

    private <T extends ClientMessage> T valid(String json, Class<T> type) {
        Decoded decoded = decoder.decode(json);
        assertThat(decoded).as("decoding %s", json).isInstanceOf(Valid.class);
        return type.cast(((Valid) decoded).message());
    }

    private Invalid invalid(String json) {
        Decoded decoded = decoder.decode(json);
        assertThat(decoded).as("decoding %s", json).isInstanceOf(Invalid.class);
        return (Invalid) decoded;
    }

    /** {@code 'x'} quotes become {@code "x"}: keeps the frames in this file readable. */
    static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** The reference order with one field replaced by raw JSON text, or removed when {@code rawValue} is null. */
    static String orderWith(String field, String rawValue) {
        StringBuilder json = new StringBuilder("{");
        String[][] fields = {{"type", "\"order\""}, {"trader_id", "\"maker_1\""}, {"side", "\"buy\""},
            {"order_type", "\"limit\""}, {"price", "100.05"}, {"qty", "2"}, {"client_order_id", "\"maker_1-001\""}};
        boolean replaced = false;
        for (String[] f : fields) {
            String value = f[1];
            if (f[0].equals(field)) {
                replaced = true;
                if (rawValue == null) {
                    continue;
                }
                value = rawValue;
            }
            json.append(json.length() == 1 ? "" : ",").append('"').append(f[0]).append("\":").append(value);
        }
        if (!replaced && rawValue != null) {
            json.append(",\"").append(field).append("\":").append(rawValue);
        }
        return json.append('}').toString();
    }

    @Nested
    class Orders {

        @Test
        void theReferenceOrderAsReferenceClientsSendIt() {
            ClientMessage.Order order = valid(REFERENCE_ORDER, ClientMessage.Order.class);

            assertThat(order).isEqualTo(new ClientMessage.Order("maker_1", Side.BUY, OrderType.LIMIT,
                    new BigDecimal("100.05"), 2, "maker_1-001", TimeInForce.GTC, false));
            // exactly the decimal on the wire, never through a double (100.05 is 100.0499999... as a double)
            assertThat(order.price()).isEqualTo(new BigDecimal("100.05"));
            assertThat(order.price().scale()).isEqualTo(2);
            assertThat(order.price().unscaledValue().longValue()).isEqualTo(10005);
        }

        @Test
        void decimalsThatADoubleCannotHoldStayExact() {
            ClientMessage.Order order = valid(orderWith("price", "0.1000000000000000000000000001"),
                    ClientMessage.Order.class);
            assertThat(order.price()).isEqualTo(new BigDecimal("0.1000000000000000000000000001"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"buy", "BUY", "Buy", "bUy"})
        void sideInAnyCase(String side) {
            assertThat(valid(orderWith("side", "\"" + side + "\""), ClientMessage.Order.class).side())
                    .isEqualTo(Side.BUY);
        }

        @Test
        void sellSide() {
            assertThat(valid(orderWith("side", "\"SELL\""), ClientMessage.Order.class).side()).isEqualTo(Side.SELL);
        }

        @ParameterizedTest
        @ValueSource(strings = {"MARKET", "Market", "mArKeT"})
        void marketInAnyCase(String type) {
            assertThat(valid(orderWith("order_type", "\"" + type + "\"") .replace("\"price\":100.05", "\"price\":null"),
                    ClientMessage.Order.class).orderType()).isEqualTo(OrderType.MARKET);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2.0", "2.000", "20E-1", "0.2e1"})
        void aWholeQuantityWrittenWithDecimalsIsThatQuantity(String qty) {
            assertThat(valid(orderWith("qty", qty), ClientMessage.Order.class).qty()).isEqualTo(2);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2.5", "0.5", "1.000001"})
        void aQuantityWithAFractionIsRefused(String qty) {
            assertThat(invalid(orderWith("qty", qty)).error()).startsWith("qty: ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"limit", "LIMIT", "Limit"})
        void orderTypeInAnyCase(String type) {
            assertThat(valid(orderWith("order_type", "\"" + type + "\""), ClientMessage.Order.class).orderType())
                    .isEqualTo(OrderType.LIMIT);
        }

        @Test
        void onlyAsciiCaseFolding() {
            // Java's toUpperCase turns 'ı' (dotless i) into 'I' and 'ſ' (long s) into 'S'; Python's lower() does
            // not, and neither should we
            assertThat(invalid(orderWith("order_type", "\"l\u0131m\u0131t\"")).error())
                    .isEqualTo("order_type: 'l\u0131m\u0131t' is not one of limit, market");
            assertThat(invalid(orderWith("side", "\"\u017fell\"")).error())
                    .isEqualTo("side: '\u017fell' is not one of buy, sell");
        }

        @Test
        void orderTypeMissingOrNullMeansLimit() {
            assertThat(valid(orderWith("order_type", null), ClientMessage.Order.class).orderType())
                    .isEqualTo(OrderType.LIMIT);
            assertThat(valid(orderWith("order_type", "null"), ClientMessage.Order.class).orderType())
                    .isEqualTo(OrderType.LIMIT);
        }

        @Test
        void marketOrderWithNullOrAbsentPrice() {
            ClientMessage.Order withNull = valid(q("{'type':'order','trader_id':'taker_1','side':'sell',"
                    + "'order_type':'market','price':null,'qty':3,'client_order_id':null}"), ClientMessage.Order.class);
            assertThat(withNull).isEqualTo(new ClientMessage.Order("taker_1", Side.SELL, OrderType.MARKET, null, 3,
                    null, TimeInForce.GTC, false));

            ClientMessage.Order absent = valid(q("{'type':'order','trader_id':'taker_1','side':'sell',"
                    + "'order_type':'MARKET','qty':3}"), ClientMessage.Order.class);
            assertThat(absent).isEqualTo(withNull);
        }

        @Test
        void aMarketOrderWithAPriceIsRefusedAsTheReferenceRefusesIt() {
            for (String price : new String[] {"100.05", "0", "-1", "\"cheap\"", "NaN", "[]"}) {
                Invalid invalid = invalid(q("{'type':'order','trader_id':'t','side':'buy','order_type':'market',"
                        + "'price':" + price.replace('"', '\'') + ",'qty':1,'client_order_id':'m-1'}"));
                assertThat(invalid.reason()).as(price).isEqualTo("invalid_message");
                assertThat(invalid.error()).as(price).isEqualTo("price: must be null/omitted for market orders");
                assertThat(invalid.traderId()).isEqualTo("t");
                assertThat(invalid.clientOrderId()).isEqualTo("m-1");
            }
        }

        @Test
        void integerValuedPrice() {
            ClientMessage.Order order = valid(orderWith("price", "100"), ClientMessage.Order.class);
            assertThat(order.price()).isEqualTo(new BigDecimal("100"));
            assertThat(TickScale.cents().ticks(order.price())).isEqualTo(10_000);
        }

        @Test
        void wholeNumberQuantityWrittenAsADecimal() {
            assertThat(valid(orderWith("qty", "2.0"), ClientMessage.Order.class).qty()).isEqualTo(2);
            assertThat(valid(orderWith("qty", "1e2"), ClientMessage.Order.class).qty()).isEqualTo(100);
        }

        @Test
        void unknownKeysAreIgnored() {
            String json = REFERENCE_ORDER.replace("}", ",\"strategy\":\"mm\",\"meta\":{\"a\":[1,2,{\"b\":null}]},"
                    + "\"price_hint\":NaN,\"x\":\"\\u0000\"}");
            assertThat(valid(json, ClientMessage.Order.class))
                    .isEqualTo(valid(REFERENCE_ORDER, ClientMessage.Order.class));
        }

        @Test
        void keysInAnyOrder() {
            String json = q("{'qty':2,'client_order_id':'maker_1-001','price':100.05,'order_type':'limit',"
                    + "'side':'buy','trader_id':'maker_1','type':'order'}");
            assertThat(valid(json, ClientMessage.Order.class))
                    .isEqualTo(valid(REFERENCE_ORDER, ClientMessage.Order.class));
        }

        @Test
        void whitespaceAroundTheFrame() {
            assertThat(valid(" \n\t" + REFERENCE_ORDER + "\r\n ", ClientMessage.Order.class).qty()).isEqualTo(2);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ioc", "IOC", "fok", "gtc"})
        void timeInForce(String tif) {
            ClientMessage.Order order = valid(orderWith("tif", "\"" + tif + "\""), ClientMessage.Order.class);
            assertThat(order.tif().wireName()).isEqualTo(tif.toLowerCase());
        }

        @Test
        void postOnlyMissingOrNullMeansFalse() {
            assertThat(valid(REFERENCE_ORDER, ClientMessage.Order.class).postOnly()).isFalse();
            assertThat(valid(orderWith("post_only", "null"), ClientMessage.Order.class).postOnly()).isFalse();
        }

        @Test
        void aKeyGivenTwiceTakesItsLastValue() {
            ClientMessage.Order order = valid(q("{'type':'order','trader_id':'m','side':'buy','side':'sell',"
                    + "'price':100.05,'qty':1,'qty':3}"), ClientMessage.Order.class);
            assertThat(order.side()).isEqualTo(Side.SELL);
            assertThat(order.qty()).isEqualTo(3);
        }

        @Test
        void tifMissingOrNullMeansGtc() {
            assertThat(valid(REFERENCE_ORDER, ClientMessage.Order.class).tif()).isEqualTo(TimeInForce.GTC);
            assertThat(valid(orderWith("tif", "null"), ClientMessage.Order.class).tif()).isEqualTo(TimeInForce.GTC);
        }

        @Test
        void postOnly() {
            assertThat(valid(orderWith("post_only", "true"), ClientMessage.Order.class).postOnly()).isTrue();
            assertThat(valid(orderWith("post_only", "false"), ClientMessage.Order.class).postOnly()).isFalse();
            assertThat(valid(orderWith("post_only", "null"), ClientMessage.Order.class).postOnly()).isFalse();
            assertThat(valid(REFERENCE_ORDER, ClientMessage.Order.class).postOnly()).isFalse();
        }

        @Test
        void clientOrderIdNullOrAbsent() {
            assertThat(valid(orderWith("client_order_id", "null"), ClientMessage.Order.class).clientOrderId()).isNull();
            assertThat(valid(orderWith("client_order_id", null), ClientMessage.Order.class).clientOrderId()).isNull();
        }

        @Test
        void idsOfExactly64CharactersAndUnicode() {
            String id64 = "t".repeat(64);
            ClientMessage.Order order = valid(orderWith("trader_id", "\"" + id64 + "\"")
                    .replace("maker_1-001", "c".repeat(64)), ClientMessage.Order.class);
            assertThat(order.traderId()).isEqualTo(id64);
            assertThat(order.clientOrderId()).hasSize(64);
            assertThat(valid(orderWith("trader_id", "\"trader_\u00e9\u6f22\ud83d\ude80\""), ClientMessage.Order.class)
                    .traderId()).isEqualTo("trader_\u00e9\u6f22\ud83d\ude80");
            // the same, written as JSON escapes: a surrogate pair is one character
            assertThat(valid(orderWith("trader_id", "\"rocket_\\ud83d\\ude80\""), ClientMessage.Order.class)
                    .traderId()).isEqualTo("rocket_\ud83d\ude80");
        }

        @Test
        void aBinaryFramesTextIsDecodedTheSameWay() {
            // the gateway turns a binary frame into text (UTF-8) and hands it to the same decoder
            String text = new String(REFERENCE_ORDER.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(valid(text, ClientMessage.Order.class).price()).isEqualTo(new BigDecimal("100.05"));
        }
    }

    @Nested
    class OtherMessages {

        @Test
        void cancelByOrderId() {
            assertThat(valid(q("{'type':'cancel','trader_id':'maker_1','order_id':42}"), ClientMessage.Cancel.class))
                    .isEqualTo(new ClientMessage.Cancel("maker_1", 42, null));
        }

        @Test
        void cancelByClientOrderId() {
            assertThat(valid(q("{'type':'cancel','trader_id':'maker_1','client_order_id':'maker_1-001'}"),
                    ClientMessage.Cancel.class)).isEqualTo(new ClientMessage.Cancel("maker_1", 0, "maker_1-001"));
            assertThat(valid(q("{'type':'cancel','trader_id':'maker_1','order_id':null,'client_order_id':'c'}"),
                    ClientMessage.Cancel.class)).isEqualTo(new ClientMessage.Cancel("maker_1", 0, "c"));
        }

        @Test
        void cancelWithBothKeepsBoth() {
            // the engine acts on order_id when it is given
            assertThat(valid(q("{'type':'cancel','trader_id':'maker_1','order_id':42,'client_order_id':'c'}"),
                    ClientMessage.Cancel.class)).isEqualTo(new ClientMessage.Cancel("maker_1", 42, "c"));
        }

        @Test
        void cancelWithNeither() {
            Invalid invalid = invalid(q("{'type':'cancel','trader_id':'maker_1'}"));
            assertThat(invalid.reason()).isEqualTo("invalid_message");
            assertThat(invalid.error()).isEqualTo("order_id: give order_id or client_order_id");
            assertThat(invalid.type()).isEqualTo("cancel");
        }

        @Test
        void cancelAll() {
            assertThat(valid(q("{'type':'cancel_all','trader_id':'maker_1'}"), ClientMessage.CancelAll.class))
                    .isEqualTo(new ClientMessage.CancelAll("maker_1"));
        }

        @Test
        void replacePriceOnly() {
            assertThat(valid(q("{'type':'replace','trader_id':'maker_1','order_id':42,'price':100.10}"),
                    ClientMessage.Replace.class))
                    .isEqualTo(new ClientMessage.Replace("maker_1", 42, null, new BigDecimal("100.1"), 0));
        }

        @Test
        void replaceQtyOnly() {
            assertThat(valid(q("{'type':'replace','trader_id':'maker_1','client_order_id':'maker_1-001','qty':1}"),
                    ClientMessage.Replace.class))
                    .isEqualTo(new ClientMessage.Replace("maker_1", 0, "maker_1-001", null, 1));
        }

        @Test
        void replaceBoth() {
            assertThat(valid(q("{'type':'replace','trader_id':'maker_1','order_id':42,'price':99.95,'qty':7,"
                    + "'price':99.9}"), ClientMessage.Replace.class))
                    .isEqualTo(new ClientMessage.Replace("maker_1", 42, null, new BigDecimal("99.9"), 7));
        }

        @Test
        void replaceWithNeitherPriceNorQty() {
            Invalid invalid = invalid(q("{'type':'replace','trader_id':'maker_1','order_id':42}"));
            assertThat(invalid.error()).isEqualTo("price: give a new price, a new qty, or both");
            assertThat(invalid.type()).isEqualTo("replace");
            assertThat(invalid(q("{'type':'replace','trader_id':'maker_1','order_id':42,'price':null,'qty':null}"))
                    .error()).isEqualTo("price: give a new price, a new qty, or both");
        }

        @Test
        void replaceWithoutAnId() {
            assertThat(invalid(q("{'type':'replace','trader_id':'maker_1','qty':3}")).error())
                    .isEqualTo("order_id: give order_id or client_order_id");
        }

        @Test
        void replaceWithBadValues() {
            assertThat(invalid(q("{'type':'replace','trader_id':'m','order_id':42,'qty':0}")).error())
                    .isEqualTo("qty: must be at least 1, not 0");
            assertThat(invalid(q("{'type':'replace','trader_id':'m','order_id':42,'price':-1}")).error())
                    .isEqualTo("price: must be greater than 0, not -1");
        }

        @Test
        void helloWithAndWithoutToken() {
            assertThat(valid(q("{'type':'hello','trader_id':'maker_1','token':'s3cr3t'}"), ClientMessage.Hello.class))
                    .isEqualTo(new ClientMessage.Hello("maker_1", "s3cr3t"));
            assertThat(valid(q("{'type':'hello','trader_id':'maker_1'}"), ClientMessage.Hello.class))
                    .isEqualTo(new ClientMessage.Hello("maker_1", null));
            assertThat(valid(q("{'type':'hello','trader_id':'maker_1','token':null}"), ClientMessage.Hello.class))
                    .isEqualTo(new ClientMessage.Hello("maker_1", null));
        }

        @Test
        void aCrowdsHelloNamesTheBackgroundTradersItSpeaksFor() {
            assertThat(valid(q("{'type':'hello','trader_id':'crowd','crowd':['bg_value_1','bg_mm_1']}"),
                    ClientMessage.Hello.class))
                    .isEqualTo(new ClientMessage.Hello("crowd", null, null, List.of("bg_value_1", "bg_mm_1")));
            assertThat(valid(q("{'type':'hello','trader_id':'crowd','crowd':[]}"), ClientMessage.Hello.class)
                    .crowd()).isEmpty();
            assertThat(invalid(q("{'type':'hello','trader_id':'crowd','crowd':['maker_1']}")).error())
                    .isEqualTo("crowd: 'maker_1' does not start with bg_");
            assertThat(invalid(q("{'type':'hello','trader_id':'bg_x','crowd':['bg_value_1']}")).error())
                    .isEqualTo("trader_id: a crowd connection's own id must not start with bg_");
            String full = java.util.stream.IntStream.range(0, TraderIds.MAX_CROWD).mapToObj(i -> "'bg_" + i + "'")
                    .collect(java.util.stream.Collectors.joining(","));
            assertThat(valid(q("{'type':'hello','trader_id':'crowd','crowd':[" + full + "]}"), ClientMessage.Hello.class)
                    .crowd()).hasSize(TraderIds.MAX_CROWD);
            assertThat(invalid(q("{'type':'hello','trader_id':'crowd','crowd':[" + full + ",'bg_one_more']}"))
                    .error()).isEqualTo("crowd: more than " + TraderIds.MAX_CROWD + " trader ids");
            assertThat(invalid("{\"type\":\"hello\",\"trader_id\":\"crowd\",\"crowd\":[\"bg_\\u0007\"]}").error())
                    .startsWith("crowd: ");
            assertThat(invalid(q("{'type':'hello','trader_id':'crowd','crowd':['bg_a','bg_a']}")).error())
                    .isEqualTo("crowd: 'bg_a' is named twice");
            assertThat(invalid(q("{'type':'hello','trader_id':'crowd','crowd':'bg_a'}")).error())
                    .isEqualTo("crowd: must be an array of trader ids, not the string \"bg_a\"");
            assertThat(invalid(q("{'type':'hello','trader_id':'crowd','crowd':[7]}")).error())
                    .isEqualTo("crowd: must hold trader ids (non-empty strings), not the number 7");
            String tooMany = java.util.stream.IntStream.rangeClosed(1, TraderIds.MAX_CROWD + 1)
                    .mapToObj(i -> "'bg_" + i + "'").collect(java.util.stream.Collectors.joining(","));
            assertThat(invalid(q("{'type':'hello','trader_id':'crowd','crowd':[" + tooMany + "]}")).error())
                    .isEqualTo("crowd: more than 1000 trader ids");
        }

        @Test
        void helloWithABadToken() {
            assertThat(invalid(q("{'type':'hello','trader_id':'maker_1','token':123}")).error())
                    .isEqualTo("token: must be a string or null, not the number 123");
            assertThat(invalid(q("{'type':'hello','trader_id':'maker_1','token':'" + "k".repeat(1025) + "'}")).error())
                    .isEqualTo("token: longer than 1024 characters");
            // the token is compared with the configured one: half a character can never match it
            assertThat(invalid(q("{'type':'hello','trader_id':'maker_1','token':'s3cr\\ud800t'}")).error())
                    .isEqualTo("token: must not contain an unpaired surrogate (half a UTF-16 character)");
        }

        @Test
        void theMessageTypeIsCaseSensitive() {
            assertThat(invalid(q("{'type':'ORDER','trader_id':'m','side':'buy','price':1,'qty':1}")).error())
                    .startsWith("type: unknown message type 'ORDER'");
        }
    }

    // --------------------------------------------------------------------------------- bad input

    static Stream<Arguments> badOrders() {
        return Stream.of(
                // the message itself
                Arguments.of("missing type", "{\"trader_id\":\"maker_1\",\"side\":\"buy\",\"price\":1,\"qty\":1}",
                        "type: missing"),
                Arguments.of("null type", orderWith("type", "null"), "type: missing"),
                Arguments.of("numeric type", orderWith("type", "1"), "type: must be a string, not the number 1"),
                Arguments.of("unknown type", orderWith("type", "\"buy_stuff\""),
                        "type: unknown message type 'buy_stuff'"
                                + " (expected order, cancel, cancel_all, replace, hello or done)"),
                Arguments.of("empty type", orderWith("type", "\"\""), "type: must not be empty"),
                // trader_id
                Arguments.of("missing trader_id", orderWith("trader_id", null), "trader_id: missing"),
                Arguments.of("null trader_id", orderWith("trader_id", "null"), "trader_id: missing"),
                Arguments.of("empty trader_id", orderWith("trader_id", "\"\""), "trader_id: must not be empty"),
                Arguments.of("numeric trader_id", orderWith("trader_id", "7"),
                        "trader_id: must be a string, not the number 7"),
                Arguments.of("object trader_id", orderWith("trader_id", "{\"id\":\"x\"}"),
                        "trader_id: must be a string, not an object"),
                Arguments.of("65-character trader_id", orderWith("trader_id", "\"" + "t".repeat(65) + "\""),
                        "trader_id: longer than 64 characters"),
                Arguments.of("trader_id with a control character", orderWith("trader_id", "\"maker\\u0001\""),
                        "trader_id: must not contain control characters"),
                Arguments.of("trader_id with a newline", orderWith("trader_id", "\"maker\\n1\""),
                        "trader_id: must not contain control characters"),
                Arguments.of("trader_id with half a character", orderWith("trader_id", "\"maker\\ud83d\""),
                        "trader_id: must not contain an unpaired surrogate (half a UTF-16 character)"),
                Arguments.of("trader_id with a lone low surrogate", orderWith("trader_id", "\"\\ude80maker\""),
                        "trader_id: must not contain an unpaired surrogate (half a UTF-16 character)"),
                Arguments.of("client_order_id with half a character", orderWith("client_order_id", "\"c\\udfff\""),
                        "client_order_id: must not contain an unpaired surrogate (half a UTF-16 character)"),
                Arguments.of("client_order_id with a terminal escape", orderWith("client_order_id", "\"c\\u001b[2J\""),
                        "client_order_id: must not contain control characters"),
                Arguments.of("client_order_id with a tab", orderWith("client_order_id", "\"c\\t1\""),
                        "client_order_id: must not contain control characters"),
                // side and order type
                Arguments.of("side up", orderWith("side", "\"up\""), "side: 'up' is not one of buy, sell"),
                Arguments.of("missing side", orderWith("side", null), "side: missing"),
                Arguments.of("numeric side", orderWith("side", "1"), "side: must be a string, not the number 1"),
                Arguments.of("order_type stop", orderWith("order_type", "\"stop\""),
                        "order_type: 'stop' is not one of limit, market"),
                Arguments.of("tif day", orderWith("tif", "\"day\""), "tif: 'day' is not one of gtc, ioc, fok"),
                // qty
                Arguments.of("qty as a string", orderWith("qty", "\"5\""),
                        "qty: must be an integer, not the string \"5\""),
                Arguments.of("qty 2.5", orderWith("qty", "2.5"), "qty: must be a whole number, not 2.5"),
                Arguments.of("qty 0", orderWith("qty", "0"), "qty: must be at least 1, not 0"),
                Arguments.of("qty -1", orderWith("qty", "-1"), "qty: must be at least 1, not -1"),
                Arguments.of("qty 1e30", orderWith("qty", "1e30"),
                        "qty: is too large: 1000000000000000000000000000000"),
                Arguments.of("qty above Long.MAX_VALUE", orderWith("qty", "9223372036854775808"),
                        "qty: is too large: 9223372036854775808"),
                Arguments.of("qty NaN", orderWith("qty", "NaN"), "qty: must be a finite integer, not NaN"),
                Arguments.of("qty Infinity", orderWith("qty", "Infinity"),
                        "qty: must be a finite integer, not Infinity"),
                Arguments.of("qty -Infinity", orderWith("qty", "-Infinity"),
                        "qty: must be a finite integer, not -Infinity"),
                Arguments.of("qty true", orderWith("qty", "true"), "qty: must be an integer, not true"),
                Arguments.of("qty []", orderWith("qty", "[]"), "qty: must be an integer, not an array"),
                Arguments.of("qty {}", orderWith("qty", "{}"), "qty: must be an integer, not an object"),
                Arguments.of("missing qty", orderWith("qty", null), "qty: missing"),
                Arguments.of("null qty", orderWith("qty", "null"), "qty: missing"),
                // price
                Arguments.of("price as a string", orderWith("price", "\"100.05\""),
                        "price: must be a number, not the string \"100.05\""),
                Arguments.of("price 0", orderWith("price", "0"), "price: must be greater than 0, not 0"),
                Arguments.of("price 0.00", orderWith("price", "0.00"), "price: must be greater than 0, not 0"),
                Arguments.of("negative price", orderWith("price", "-100.05"),
                        "price: must be greater than 0, not -100.05"),
                Arguments.of("price NaN", orderWith("price", "NaN"), "price: must be a finite number, not NaN"),
                Arguments.of("price Infinity", orderWith("price", "Infinity"),
                        "price: must be a finite number, not Infinity"),
                Arguments.of("price -Infinity", orderWith("price", "-Infinity"),
                        "price: must be a finite number, not -Infinity"),
                Arguments.of("price true", orderWith("price", "true"), "price: must be a number, not true"),
                Arguments.of("limit without price", orderWith("price", null), "price: required for a limit order"),
                Arguments.of("limit with null price", orderWith("price", "null"), "price: required for a limit order"),
                // other fields
                Arguments.of("client_order_id as a number", orderWith("client_order_id", "17"),
                        "client_order_id: must be a string or null, not the number 17"),
                Arguments.of("65-character client_order_id", orderWith("client_order_id", "\"" + "c".repeat(65) + "\""),
                        "client_order_id: longer than 64 characters"),
                Arguments.of("post_only yes", orderWith("post_only", "\"yes\""),
                        "post_only: must be true or false, not the string \"yes\""),
                Arguments.of("post_only 1", orderWith("post_only", "1"),
                        "post_only: must be true or false, not the number 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrders")
    void badOrdersAreInvalidMessagesThatNameTheFieldAndWhy(String what, String json, String error) {
        Invalid invalid = invalid(json);
        assertThat(invalid.reason()).isEqualTo("invalid_message");
        assertThat(invalid.error()).isEqualTo(error);
    }

    static Stream<Arguments> badCancels() {
        return Stream.of(
                Arguments.of("order_id 0", q("{'type':'cancel','trader_id':'m','order_id':0}"),
                        "order_id: must be at least 1, not 0"),
                Arguments.of("negative order_id", q("{'type':'cancel','trader_id':'m','order_id':-42}"),
                        "order_id: must be at least 1, not -42"),
                Arguments.of("order_id as a string", q("{'type':'cancel','trader_id':'m','order_id':'42'}"),
                        "order_id: must be an integer, not the string \"42\""),
                Arguments.of("fractional order_id", q("{'type':'cancel','trader_id':'m','order_id':4.2}"),
                        "order_id: must be a whole number, not 4.2"),
                Arguments.of("numeric client_order_id", q("{'type':'cancel','trader_id':'m','client_order_id':5}"),
                        "client_order_id: must be a string or null, not the number 5"),
                Arguments.of("cancel_all without trader", q("{'type':'cancel_all'}"), "trader_id: missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCancels")
    void badCancelsNameTheFieldAndKeepTheirType(String what, String json, String error) {
        Invalid invalid = invalid(json);
        assertThat(invalid.reason()).isEqualTo("invalid_message");
        assertThat(invalid.error()).isEqualTo(error);
        // the gateway answers a bad cancel with cancel_rejected: it needs the type
        assertThat(invalid.type()).startsWith("cancel");
        assertThat(invalid.traderId()).isEqualTo(json.contains("'m'") || json.contains("\"m\"") ? "m" : null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{", "{\"type\":\"order\",", "{'type':'order'}", "{\"type\":\"order\"}}",
        REFERENCE_ORDER + " trailing", REFERENCE_ORDER + REFERENCE_ORDER, "{\"type\":\"order\" \"qty\":1}",
        "\u0000", "{\"a\":01}", "{\"type\":\"order\",\"trader_id\":\"m\u0001\"}", "tru", "[1,2"})
    void notJsonIsInvalidJson(String frame) {
        Invalid invalid = invalid(frame);
        assertThat(invalid.reason()).isEqualTo("invalid_json");
        assertThat(invalid.error()).startsWith("not valid JSON: ").hasSizeGreaterThan(16);
        assertThat(invalid.type()).isNull();
        assertThat(invalid.traderId()).isNull();
        assertThat(invalid.clientOrderId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[" + REFERENCE_ORDER + "]", "\"order\"", "42", "-1.5", "true", "null", "", "  \n"})
    void jsonThatIsNotAnObjectIsInvalidJson(String frame) {
        Invalid invalid = invalid(frame);
        assertThat(invalid.reason()).isEqualTo("invalid_json");
        assertThat(invalid.error()).isEqualTo("expected a JSON object");
        assertThat(invalid.traderId()).isNull();
        assertThat(invalid.clientOrderId()).isNull();
    }

    @Nested
    class Echo {

        @Test
        void traderAndClientOrderIdAreEchoedWhenReadable() {
            Invalid invalid = invalid(orderWith("qty", "0"));
            assertThat(invalid.type()).isEqualTo("order");
            assertThat(invalid.traderId()).isEqualTo("maker_1");
            assertThat(invalid.clientOrderId()).isEqualTo("maker_1-001");
        }

        @Test
        void echoedEvenWhenTheTypeIsWrong() {
            Invalid invalid = invalid(orderWith("type", "\"ordr\""));
            assertThat(invalid.type()).isEqualTo("ordr");
            assertThat(invalid.traderId()).isEqualTo("maker_1");
            assertThat(invalid.clientOrderId()).isEqualTo("maker_1-001");
        }

        @Test
        void notEchoedWhenNotAString() {
            Invalid invalid = invalid(orderWith("trader_id", "12").replace("\"maker_1-001\"", "[1]"));
            assertThat(invalid.traderId()).isNull();
            assertThat(invalid.clientOrderId()).isNull();
        }

        @Test
        void notEchoedWhenHalfACharacter() {
            // a reply cannot carry it: UTF-8 has no encoding for a lone surrogate
            Invalid invalid = invalid(orderWith("qty", "0").replace("maker_1-001", "c\\ud800"));
            assertThat(invalid.traderId()).isEqualTo("maker_1");
            assertThat(invalid.clientOrderId()).isNull();
        }

        @Test
        void echoedUpToTheLongestIdAccepted() {
            String id64 = "c".repeat(ClientMessageDecoder.MAX_ID_LENGTH);
            Invalid invalid = invalid(orderWith("qty", "0").replace("maker_1-001", id64));
            assertThat(invalid.clientOrderId()).isEqualTo(id64);
        }

        @Test
        void notEchoedWhenTooLong() {
            Invalid invalid = invalid(orderWith("trader_id", "\"" + "t".repeat(65) + "\""));
            assertThat(invalid.traderId()).isNull();
            assertThat(invalid.clientOrderId()).isEqualTo("maker_1-001");
        }

        @Test
        void nothingIsEchoedForAFrameThatIsNotJson() {
            Invalid invalid = invalid(REFERENCE_ORDER.substring(0, REFERENCE_ORDER.length() - 1));
            assertThat(invalid.reason()).isEqualTo("invalid_json");
            assertThat(invalid.type()).isNull();
            assertThat(invalid.traderId()).isNull();
            assertThat(invalid.clientOrderId()).isNull();
        }
    }

    @Nested
    class ProtocolVersions {

        @Test
        void aHelloMayNameTheVersionItSpeaks() {
            assertThat(valid(q("{'type':'hello','trader_id':'m','protocol_version':1}"), ClientMessage.Hello.class)
                    .traderId()).isEqualTo("m");
            assertThat(valid(q("{'type':'hello','trader_id':'m','protocol_version':null}"), ClientMessage.Hello.class)
                    .traderId()).isEqualTo("m");
        }

        @Test
        void aVersionThisExchangeDoesNotSpeakIsRefusedWithItsOwnReason() {
            Invalid refused = invalid(q("{'type':'hello','trader_id':'m','protocol_version':2}"));
            assertThat(refused.reason()).isEqualTo(ClientMessageDecoder.UNSUPPORTED_PROTOCOL_VERSION);
            assertThat(refused.error()).isEqualTo("protocol_version: 2 is not supported: this exchange speaks version 1");
            assertThat(refused.traderId()).isEqualTo("m");
            assertThat(invalid(q("{'type':'hello','trader_id':'m','protocol_version':'1'}")).reason())
                    .isEqualTo("invalid_message");
        }
    }

    @Nested
    class HostileNumbers {

        // toPlainString() of 1e999999999 is a billion characters: the first version of the decoder spent seconds
        // and gigabytes on one 60-byte frame

        @Test
        @Timeout(5)
        void hugeExponentsAreRefusedCheaply() {
            assertThat(invalid(orderWith("qty", "1e999999999")).error()).isEqualTo("qty: is too large: 1E+999999999");
            assertThat(invalid(orderWith("qty", "1e-999999999")).error())
                    .isEqualTo("qty: must be a whole number, not 1E-999999999");
            assertThat(invalid(orderWith("qty", "-1e999999999")).error())
                    .isEqualTo("qty: must be at least 1, not -1E+999999999");
            assertThat(invalid(orderWith("price", "-1e999999999")).error())
                    .isEqualTo("price: must be greater than 0, not -1E+999999999");
            assertThat(invalid(q("{'type':'cancel','trader_id':'m','order_id':1e-999999999}")).error())
                    .isEqualTo("order_id: must be a whole number, not 1E-999999999");
            assertThat(invalid(orderWith("trader_id", "1e999999999")).error())
                    .isEqualTo("trader_id: must be a string, not the number 1E+999999999");
        }

        @Test
        @Timeout(5)
        void aHugePriceIsValidHereAndRefusedByTheTickScale() {
            ClientMessage.Order order = valid(orderWith("price", "1e999999999"), ClientMessage.Order.class);
            assertThat(order.price()).isEqualTo(new BigDecimal("1e999999999"));
            // what the gateway does with it: a one-line IllegalArgumentException, nothing else
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> TickScale.cents().ticks(order.price()))
                    .withMessage("1E+999999999 is too large");
        }

        @Test
        void longNumbersAreCutInMessages() {
            String digits = "1" + "0".repeat(400);
            String error = invalid(orderWith("qty", digits)).error();
            assertThat(error).startsWith("qty: is too large: 1000").endsWith("...").hasSizeLessThan(80);
        }

        @Test
        void longStringsAreCutInMessages() {
            String error = invalid(orderWith("side", "\"" + "x".repeat(10_000) + "\"")).error();
            assertThat(error).isEqualTo("side: '" + "x".repeat(20) + "...' is not one of buy, sell");
        }

        @Test
        void aClientsTextIsShownWholeUpTo20Characters() {
            assertThat(invalid(orderWith("side", "\"" + "x".repeat(20) + "\"")).error())
                    .isEqualTo("side: '" + "x".repeat(20) + "' is not one of buy, sell");
            assertThat(invalid(orderWith("side", "\"" + "x".repeat(21) + "\"")).error())
                    .isEqualTo("side: '" + "x".repeat(20) + "...' is not one of buy, sell");
        }

        @Test
        void aCutNeverSplitsACharacter() {
            // the 20th char is the first half of a rocket: the cut keeps the rocket out, whole
            String rocket = "\ud83d\ude80";
            assertThat(invalid(orderWith("side", "\"" + "x".repeat(19) + rocket + "yy\"")).error())
                    .isEqualTo("side: '" + "x".repeat(19) + "...' is not one of buy, sell");
            // one char earlier, the rocket fits before the cut
            assertThat(invalid(orderWith("side", "\"" + "x".repeat(18) + rocket + "yy\"")).error())
                    .isEqualTo("side: '" + "x".repeat(18) + rocket + "...' is not one of buy, sell");
        }

        @Test
        void exponentsBeyondAnIntAreInvalidJsonNotAnException() {
            // found by the fuzz test: Jackson throws a NumberFormatException (not a JsonProcessingException) here
            for (String number : List.of("1e9999999999", "1.5e-99999999999999", "0.1e2147483648")) {
                Invalid invalid = invalid(orderWith("qty", number));
                assertThat(invalid.reason()).isEqualTo("invalid_json");
                assertThat(invalid.error()).isEqualTo("not valid JSON: a number out of range");
            }
        }

        @Test
        void numbersLongerThanJacksonAllowsAreInvalidJson() {
            Invalid invalid = invalid(orderWith("qty", "1" + "0".repeat(5000)));
            assertThat(invalid.reason()).isEqualTo("invalid_json");
            assertThat(invalid.error()).contains("Number value length").hasSizeLessThan(500);
        }

        @Test
        void deepNestingIsInvalidJsonNotAStackOverflow() {
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            Invalid invalid = invalid(orderWith("meta", deep));
            assertThat(invalid.reason()).isEqualTo("invalid_json");
            assertThat(invalid.error()).contains("nesting depth");
        }
    }

    @Test
    void decodingIsThreadSafe() throws Exception {
        List<String> frames = List.of(REFERENCE_ORDER, orderWith("qty", "0"), "nope",
                q("{'type':'cancel','trader_id':'maker_1','order_id':42}"));
        List<Decoded> expected = frames.stream().map(decoder::decode).toList();
        Thread[] threads = new Thread[8];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < 20_000; i++) {
                        int k = i % frames.size();
                        if (!decoder.decode(frames.get(k)).equals(expected.get(k))) {
                            throw new AssertionError("different result for " + frames.get(k));
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure[0] != null) {
            fail("a thread failed", failure[0]);
        }
    }

    @Nested
    class Lockstep {
        @Test
        void aLockstepHelloCarriesTheBotsTiming() {
            ClientMessage.Hello hello = valid("{\"type\":\"hello\",\"trader_id\":\"m\",\"lockstep\":"
                    + "{\"decision_interval_ms\":500,\"latency_ms\":5}}", ClientMessage.Hello.class);
            assertThat(hello.lockstep()).isEqualTo(new ClientMessage.Lockstep(500, 5));
            assertThat(valid("{\"type\":\"hello\",\"trader_id\":\"m\",\"lockstep\":{\"decision_interval_ms\":1}}",
                    ClientMessage.Hello.class).lockstep()).isEqualTo(new ClientMessage.Lockstep(1, 0));
            assertThat(valid("{\"type\":\"hello\",\"trader_id\":\"m\"}", ClientMessage.Hello.class).lockstep())
                    .isNull();
        }

        @Test
        void aBadTimingNamesItsField() {
            assertThat(invalid("{\"type\":\"hello\",\"trader_id\":\"m\",\"lockstep\":true}").error())
                    .isEqualTo("lockstep: must be an object, not true");
            assertThat(invalid("{\"type\":\"hello\",\"trader_id\":\"m\",\"lockstep\":{}}").error())
                    .isEqualTo("lockstep.decision_interval_ms: missing");
            assertThat(invalid("{\"type\":\"hello\",\"trader_id\":\"m\",\"lockstep\":{\"decision_interval_ms\":0}}")
                    .error()).isEqualTo("lockstep.decision_interval_ms: must be at least 1, not 0");
            assertThat(invalid("{\"type\":\"hello\",\"trader_id\":\"m\",\"lockstep\":{\"decision_interval_ms\":5,"
                    + "\"latency_ms\":-1}}").error()).isEqualTo("lockstep.latency_ms: must be at least 0, not -1");
            assertThat(invalid("{\"type\":\"hello\",\"trader_id\":\"m\",\"lockstep\":{\"decision_interval_ms\":5,"
                    + "\"latency_ms\":0.5}}").error()).isEqualTo("lockstep.latency_ms: must be a whole number, not 0.5");
        }

        @Test
        void doneNamesItsTurn() {
            assertThat(valid("{\"type\":\"done\",\"trader_id\":\"m\",\"timestamp\":1767225600250}",
                    ClientMessage.Done.class)).isEqualTo(new ClientMessage.Done("m", 1767225600250L));
            assertThat(invalid("{\"type\":\"done\",\"trader_id\":\"m\"}").error()).isEqualTo("timestamp: missing");
        }
    }
}
