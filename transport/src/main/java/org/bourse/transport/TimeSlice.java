package org.bourse.transport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Linux to run the calling thread in short time slices: for the threads that stand between an order and its
 * answer (a listener's selector, the engine, the relay's threads).
 *
 * <p>Why: such a thread sleeps until a message arrives. On a machine whose cores are busy (a laptop running the
 * exchange, its bots, a monitor) the thread it wakes must wait for a core, and Linux's scheduler (EEVDF, since 6.6)
 * lets a woken thread take a core from a running one only when the woken thread's deadline is earlier; a thread's
 * deadline is one time slice ahead of it, by default about 1.4 ms on two cores. That wait was most of the
 * exchange's ack p99 at a paced 5,000 orders/s. A 0.1 ms slice moves the deadline close: the thread gets its turn
 * sooner, though no larger a share of the CPU. Since Linux 6.12 any thread may choose its own slice, without
 * privileges ({@code sched_setattr} with {@code sched_runtime} under the normal policy).
 *
 * <p>Elsewhere (another system, an older kernel, another CPU, no native access) the thread keeps its slice; the
 * first thread to find that out says why, once.
 */
public final class TimeSlice {
    /** The shortest slice Linux accepts for a normal thread. */
    public static final long SHORT_NANOS = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(TimeSlice.class);
    private static final AtomicBoolean REPORTED = new AtomicBoolean();
    private static final int SCHED_OTHER = 0;
    /** Whether the current thread has asked already (for threads this project does not start itself). */
    private static final ThreadLocal<Boolean> ASKED = ThreadLocal.withInitial(() -> false);

    private TimeSlice() {
    }

    /**
     * Gives the calling thread short time slices where the system allows it; never fails.
     *
     * @return whether the thread now runs in {@link #SHORT_NANOS} slices
     */
    public static boolean shortenForThisThread() {
        String refusal;
        try {
            refusal = Kernel.shorten();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error | RuntimeException e) {
            refusal = "no native access (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
        if (REPORTED.compareAndSet(false, true)) {
            if (refusal == null) {
                LOG.info("Latency-critical threads run in {} ms scheduler time slices", SHORT_NANOS / 1e6);
            } else {
                LOG.info("Latency-critical threads keep the default scheduler time slice: {}; on a busy machine an "
                        + "answer can wait a few ms for a core", refusal);
            }
        }
        LOG.debug("Time slice of thread {}: {}", Thread.currentThread().getName(),
                refusal == null ? "short" : refusal);
        return refusal == null;
    }

    /** {@link #shortenForThisThread} on a thread's first call only: for a library's thread, met in a callback. */
    public static void shortenForThisThreadOnce() {
        if (!ASKED.get()) {
            ASKED.set(true);
            shortenForThisThread();
        }
    }

    /** The system calls, in a class of their own so that a missing native library fails here and only here. */
    private static final class Kernel {
        private static final String OS = System.getProperty("os.name", "");
        private static final String ARCH = System.getProperty("os.arch", "");
        /** sched_setattr and sched_getattr: the C library of older systems has no wrapper for them. */
        private static final long[] SYSCALLS = switch (ARCH) {
            case "amd64", "x86_64" -> new long[] {314, 315};
            case "aarch64" -> new long[] {274, 275};
            default -> null;
        };

        /** @return null if done, else why not */
        static String shorten() {
            if (!OS.toLowerCase(Locale.ROOT).startsWith("linux")) {
                return "time slices are chosen this way on Linux only";
            }
            if (SYSCALLS == null) {
                return "not supported on " + ARCH + " processors";
            }
            SchedAttr attr = new SchedAttr();
            try {
                // pid 0: the calling thread, not the whole process
                CLib.INSTANCE.syscall(SYSCALLS[1], 0L, attr, (long) attr.size(), 0L);
                if (attr.schedPolicy != SCHED_OTHER) {
                    return "the thread runs under scheduling policy " + attr.schedPolicy + ", left as it is";
                }
                attr.schedRuntime = SHORT_NANOS;
                CLib.INSTANCE.syscall(SYSCALLS[0], 0L, attr, 0L);
                CLib.INSTANCE.syscall(SYSCALLS[1], 0L, attr, (long) attr.size(), 0L);
            } catch (LastErrorException e) {
                return "sched_setattr failed (errno " + e.getErrorCode() + ")";
            }
            // kernels before 6.12 accept the call and ignore the slice
            return attr.schedRuntime == SHORT_NANOS ? null : "needs Linux 6.12 or later";
        }

        /** The C library's variadic {@code syscall}. */
        interface CLib extends Library {
            CLib INSTANCE = Native.load("c", CLib.class);

            long syscall(long number, Object... args) throws LastErrorException;
        }

        /** {@code struct sched_attr} as Linux defines it (version 1, 56 bytes); public for JNA's reflection. */
        @Structure.FieldOrder({"size", "schedPolicy", "schedFlags", "schedNice", "schedPriority", "schedRuntime",
                "schedDeadline", "schedPeriod", "utilMin", "utilMax"})
        public static final class SchedAttr extends Structure {
            public int size = 56;
            public int schedPolicy;
            public long schedFlags;
            public int schedNice;
            public int schedPriority;
            public long schedRuntime;
            public long schedDeadline;
            public long schedPeriod;
            public int utilMin;
            public int utilMax;
        }
    }
}
