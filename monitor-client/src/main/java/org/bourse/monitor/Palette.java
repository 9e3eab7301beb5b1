package org.bourse.monitor;

import org.jline.utils.AttributedStyle;

/**
 * The styles of the full-screen view. Without colour ({@code NO_COLOR}, {@code --no-color}, or a terminal that
 * has none) only bold and inverse remain, and the view still reads: directions also have a sign or an arrow.
 */
final class Palette {

    private final boolean colour;

    Palette(boolean colour) {
        this.colour = colour;
    }

    AttributedStyle plain() {
        return AttributedStyle.DEFAULT;
    }

    AttributedStyle heading() {
        return AttributedStyle.BOLD;
    }

    /** The status badge: a coloured block, or inverse video. */
    AttributedStyle status(Phase phase) {
        if (!colour) {
            return AttributedStyle.INVERSE.bold();
        }
        int background = switch (phase) {
            case CONNECTED -> AttributedStyle.GREEN;
            case CONNECTING, STALE -> AttributedStyle.YELLOW;
            case EXCHANGE_DOWN -> AttributedStyle.MAGENTA;
            case DISCONNECTED -> AttributedStyle.RED;
        };
        return AttributedStyle.BOLD.background(background).foreground(AttributedStyle.BLACK);
    }

    /** Green for up (or long, or a gain), red for down, plain for flat. */
    AttributedStyle direction(int signum) {
        if (!colour || signum == 0) {
            return AttributedStyle.DEFAULT;
        }
        return AttributedStyle.DEFAULT.foreground(signum > 0 ? AttributedStyle.GREEN : AttributedStyle.RED);
    }

    AttributedStyle bid() {
        return direction(1);
    }

    AttributedStyle ask() {
        return direction(-1);
    }

    /** Something wrong: halted trading, a liquidation, a lost feed. */
    AttributedStyle alert() {
        return colour ? AttributedStyle.BOLD.foreground(AttributedStyle.RED) : AttributedStyle.BOLD;
    }

    /** Secondary text: hints, empty placeholders. */
    AttributedStyle dim() {
        return colour ? AttributedStyle.DEFAULT.faint() : AttributedStyle.DEFAULT;
    }
}
