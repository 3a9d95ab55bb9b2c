package mxlab.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A disk that fills up, for spool files: real files, but writes past {@code free} octets (shared by
 * every file, as on one disk) fail with ENOSPC's message, as a full disk's would. {@link #makeRoom}
 * is an admin freeing space.
 */
public final class FullDisk implements SpoolWriter.Opener {
  private final AtomicLong free;

  public FullDisk(long free) {
    this.free = new AtomicLong(free);
  }

  public void makeRoom() {
    free.set(Long.MAX_VALUE);
  }

  @Override
  public FileChannel open(Path file) throws IOException {
    return new Channel(SpoolWriter.NEW_PRIVATE_FILE.open(file));
  }

  private final class Channel extends FileChannel {
    private final FileChannel disk;

    Channel(FileChannel disk) {
      this.disk = disk;
    }

    private void take(long octets) throws IOException {
      if (free.addAndGet(-octets) < 0) {
        free.set(0);
        throw new IOException("No space left on device");
      }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      take(src.remaining());
      return disk.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      long n = 0;
      for (int i = offset; i < offset + length; i++) {
        n += write(srcs[i]);
      }
      return n;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      take(src.remaining());
      return disk.write(src, position);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return disk.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return disk.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return disk.read(dst, position);
    }

    @Override
    public long position() throws IOException {
      return disk.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      disk.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return disk.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      disk.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      disk.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return disk.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      take(count);
      return disk.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      throw new IOException("not on this disk");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return disk.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return disk.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      disk.close();
    }
  }
}
