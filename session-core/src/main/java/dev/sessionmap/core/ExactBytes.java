package dev.sessionmap.core;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * The bytes written to it, in an array of their exact size. A generator writes its buffer
 * out when it fills and when it is closed, so a session's JSON mostly arrives in one
 * write, which is then the only copy besides the generator's.
 */
final class ExactBytes extends OutputStream {

    private byte[] bytes = new byte[0];

    private int count;

    @Override
    public void write(int b) {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        int needed = Math.addExact(this.count, length);
        if (needed > this.bytes.length) {
            this.bytes = Arrays.copyOf(this.bytes, Math.max(needed, this.bytes.length * 2));
        }
        System.arraycopy(buffer, offset, this.bytes, this.count, length);
        this.count = needed;
    }

    byte[] toByteArray() {
        return (this.count == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.count);
    }

}
