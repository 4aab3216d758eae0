/**
 * BPF ring buffers read from user space: {@link dev.cil.ringbuf.RingBufReader} (mmap'd consumer,
 * epoll wait, zero-copy records, discarded-record count) and {@link dev.cil.ringbuf.LostCounter}
 * (the producer's own count of records that did not fit).
 */
package dev.cil.ringbuf;
