package org.bourse.exchange.journal;

/**
 * When the journal asks the operating system to put what it wrote on the disk ({@code fsync}). Every policy writes
 * each engine batch to the operating system before anything the batch decided leaves the process, so a killed
 * exchange (even SIGKILL) loses nothing any client was told; they differ in what a crash of the whole machine loses.
 */
public enum FsyncPolicy {
    /** Never: a machine crash loses what the operating system had not yet written back (up to about 30 s). */
    NONE,
    /** Before each batch's results are released: a machine crash loses nothing any client was told. */
    BATCH,
    /** Once a second, in the background: a machine crash loses at most the last second. */
    INTERVAL;

    /** How often {@link #INTERVAL} syncs. */
    public static final long INTERVAL_MILLIS = 1_000;
}
