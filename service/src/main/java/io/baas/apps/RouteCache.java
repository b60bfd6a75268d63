package io.baas.apps;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a key's calls share, read at most {@code ttlNanos} ago, else read again; a failed reading is
 * never kept. One reading per key at a time: when an entry expires under load, the calls that find
 * it expired share the first one's reading (its value or its failure) instead of each repeating it.
 * Holds at most {@code max} keys; more empty it.
 */
final class RouteCache<K, V> {

    private record Read<V>(V value, long readAt) {
    }

    private final long ttlNanos;
    private final int max;
    private final LongSupplier clock;
    private final ConcurrentHashMap<K, Read<V>> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<K, CompletableFuture<V>> reading = new ConcurrentHashMap<>();

    RouteCache(long ttlNanos, int max, LongSupplier clock) {
        this.ttlNanos = ttlNanos;
        this.max = max;
        this.clock = clock;
    }

    V get(K key, Supplier<V> read) {
        if (ttlNanos <= 0) {
            return read.get();
        }
        V cached = fresh(key);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = reading.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : e;
            }
        }
        try {
            // Read again under the key's reading: another may have finished just before.
            V value = fresh(key);
            if (value == null) {
                long startedAt = clock.getAsLong();
                value = read.get();
                if (entries.size() >= max) {
                    entries.clear();
                }
                entries.put(key, new Read<>(value, startedAt));
            }
            mine.complete(value);
            return value;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            reading.remove(key, mine);
        }
    }

    private V fresh(K key) {
        Read<V> read = entries.get(key);
        return read != null && clock.getAsLong() - read.readAt() < ttlNanos ? read.value() : null;
    }
}
