package org.bourse.exchange.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bourse.api.Side;
import org.bourse.exchange.engine.Command;
import org.junit.jupiter.api.Test;

class CommandCodecTest {

    private static ByteBuffer bytes(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length);
        for (int v : values) {
            buffer.put((byte) v);
        }
        return buffer.flip();
    }

    private static CommandCodec reader() {
        return new CommandCodec(List.of(), 0);
    }

    @Test
    void commandsReadBackThroughABlockThatGrowsFromOneByte() throws Exception {
        List<Command> commands = RandomCommands.of(3, 2_000);
        CommandCodec writer = new CommandCodec(List.of(), 0);
        CommandCodec.Block block = new CommandCodec.Block(1);
        for (Command command : commands) {
            writer.write(command, block);
        }
        ByteBuffer payload = block.buffer().flip();
        CommandCodec reader = reader();
        List<Command> read = new ArrayList<>();
        for (Command command; (command = reader.read(payload)) != null; ) {
            read.add(command);
        }
        assertThat(read).hasSize(2_000).isEqualTo(commands);
        assertThat(reader.traders()).isEqualTo(writer.traders()).isNotEmpty();
        assertThat(reader.lastTimestamp()).isEqualTo(commands.get(commands.size() - 1).timestamp());
    }

    @Test
    void aTraderIsWrittenOnceAndReferredToByIndexAfterThat() {
        CommandCodec codec = new CommandCodec(List.of(), 0);
        CommandCodec.Block block = new CommandCodec.Block(64);
        codec.write(new Command.CancelAllOrders(1_000, "maker_1"), block);
        int first = block.position();
        codec.write(new Command.CancelAllOrders(1_001, "maker_1"), block);
        // TRADER, length 7, "maker_1"; CANCEL_ALL, delta +1000 as zig-zag varint (2 bytes), index 0
        assertThat(first).isEqualTo(1 + 1 + 7 + 1 + 2 + 1);
        // CANCEL_ALL, delta +1, index 0
        assertThat(block.position() - first).isEqualTo(3);
        assertThat(codec.traders()).containsExactly("maker_1");
    }

    @Test
    void aContinuingCodecKnowsTheDictionaryAndTheLastTimestamp() throws Exception {
        CommandCodec continued = new CommandCodec(List.of("maker_1", "taker_2"), 5_000);
        CommandCodec.Block block = new CommandCodec.Block(64);
        continued.write(Command.PlaceOrder.limit(5_007, "taker_2", "c-1", Side.SELL, 10_100, 3), block);
        // PLACE, +7, trader 1, flags, price (3 bytes), quantity, "c-1" with its length: no dictionary entry
        assertThat(block.position()).isEqualTo(12);

        Command read = new CommandCodec(List.of("maker_1", "taker_2"), 5_000).read(block.buffer().flip());
        assertThat(read).isEqualTo(Command.PlaceOrder.limit(5_007, "taker_2", "c-1", Side.SELL, 10_100, 3));
    }

    @Test
    void anEmptyPayloadHoldsNoCommand() throws Exception {
        assertThat(reader().read(bytes())).isNull();
        // a dictionary entry alone defines the trader and holds no command
        CommandCodec codec = reader();
        assertThat(codec.read(bytes(CommandCodec.TRADER, 1, 'x'))).isNull();
        assertThat(codec.traders()).containsExactly("x");
    }

    @Test
    void bytesThatAreNoCommandAreRefusedSayingWhatIsWrong() {
        assertThatThrownBy(() -> reader().read(bytes(8, 0))).hasMessage("unknown command type 8");
        assertThatThrownBy(() -> reader().read(bytes(-1, 0))).hasMessage("unknown command type -1");
        assertThatThrownBy(() -> reader().read(bytes(CommandCodec.CANCEL_ALL, 2, 0)))
                .hasMessage("trader index 0 was never defined");
        assertThatThrownBy(() -> reader().read(bytes(CommandCodec.TRADER, 1, 'x', CommandCodec.CANCEL_ALL, 2, 1)))
                .hasMessage("trader index 1 was never defined");
        // flags 0b1100: time in force 3, which does not exist
        assertThatThrownBy(() -> reader().read(bytes(CommandCodec.TRADER, 1, 'x', CommandCodec.PLACE, 0, 0, 0x0C,
                2, 2, 0))).hasMessage("unknown time in force 3");
        assertThatThrownBy(() -> reader().read(bytes(CommandCodec.TRADER, 5, 'x')))
                .hasMessage("a string of 5 bytes runs past the end of its block");
        assertThatThrownBy(() -> reader().read(bytes(CommandCodec.MARK_TO_MARKET, 0x80)))
                .hasMessage("a number runs past the end of its block");
        assertThatThrownBy(() -> reader().read(bytes(CommandCodec.MARK_TO_MARKET, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                0x80, 0x80, 0x80, 0x80, 0))).hasMessage("a number longer than 10 bytes");
    }

    @Test
    void theLongestNumbersTakeTenBytes() throws Exception {
        CommandCodec codec = new CommandCodec(List.of(), 0);
        CommandCodec.Block block = new CommandCodec.Block(16);
        codec.write(new Command.MarkToMarket(Long.MIN_VALUE), block); // delta MIN_VALUE: zig-zag 2^64 - 1
        assertThat(block.position()).isEqualTo(1 + 10);
        assertThat(reader().read(block.buffer().flip())).isEqualTo(new Command.MarkToMarket(Long.MIN_VALUE));
    }
}
