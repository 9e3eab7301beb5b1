package org.bourse.exchange.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file channel that counts the syncs ({@code force}) asked of it and can be told to fail writes or syncs, as a
 * full or failing disk would, or to write less than it is given: what a journal writer does about the disk cannot be seen in the file itself.
 */
final class RecordingChannel extends FileChannel {
    private final FileChannel file;
    final AtomicInteger forces = new AtomicInteger();
    volatile boolean failWrites;
    volatile boolean failForces;
    /** The most one write takes: a channel may write less than it is given (a network file system does). */
    volatile int maxWrite = Integer.MAX_VALUE;

    RecordingChannel(FileChannel file) {
        this.file = file;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (failForces) {
            throw new IOException("Input/output error");
        }
        forces.incrementAndGet();
        file.force(metaData);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (failWrites) {
            throw new IOException("No space left on device");
        }
        if (src.remaining() <= maxWrite) {
            return file.write(src, position);
        }
        int written = file.write(src.slice(src.position(), maxWrite), position);
        src.position(src.position() + written);
        return written;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        file.truncate(size);
        return this;
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }

    // the journal writer uses none of these: positional writes, syncs and the size only

    @Override
    public int read(ByteBuffer dst) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long position() {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileChannel position(long newPosition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException();
    }
}
