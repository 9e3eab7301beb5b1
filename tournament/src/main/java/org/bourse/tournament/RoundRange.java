package org.bourse.tournament;

/**
 * The rounds a tournament plays, numbered from 1: {@code --rounds 100} is rounds 1..100, {@code --rounds 51..100}
 * the second half of the same tournament (a shard: its rounds are those of the whole run, seed for seed).
 */
public record RoundRange(long first, long last) {

    public RoundRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("rounds " + first + ".." + last + " are not a range of rounds from 1");
        }
    }

    /** "N" (rounds 1..N) or "A..B". */
    public static RoundRange parse(String text) {
        String trimmed = text.strip();
        int dots = trimmed.indexOf("..");
        try {
            if (dots < 0) {
                long count = Long.parseLong(trimmed);
                if (count <= 0) {
                    throw new IllegalArgumentException("--rounds must be at least 1, got " + count);
                }
                return new RoundRange(1, count);
            }
            long first = Long.parseLong(trimmed.substring(0, dots).strip());
            long last = Long.parseLong(trimmed.substring(dots + 2).strip());
            if (first < 1) {
                throw new IllegalArgumentException("--rounds " + trimmed + ": rounds are numbered from 1");
            }
            if (last < first) {
                throw new IllegalArgumentException("--rounds " + trimmed + ": the last round comes before the first");
            }
            return new RoundRange(first, last);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rounds takes a number of rounds (100) or a range (51..100), not '"
                    + text + "'");
        }
    }

    public long count() {
        return last - first + 1;
    }

    public boolean overlaps(RoundRange other) {
        return first <= other.last && other.first <= last;
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
