package io.rampart.bench;

import io.rampart.server.testing.ServerProcess;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests prepared up front, sent by {@code clients} threads (one synchronous request at a time
 * each) so that only the exchanges are timed: each request's latency, the burst's wall time and
 * the count of each status. With one client, the requests go in order.
 */
record PutBurst(long[] latencies, double seconds, Map<Integer, Integer> statuses) {

    static PutBurst send(ServerProcess server, HttpClient http, HttpRequest[] prepared, int clients) throws InterruptedException {
        int requests = prepared.length;
        long[] latencies = new long[requests];
        int[] status = new int[requests];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        List<Throwable> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < clients; w++) {
            Thread.ofPlatform().daemon().name("client-" + w).start(() -> {
                try {
                    int i;
                    while ((i = next.getAndIncrement()) < requests) {
                        long t = System.nanoTime();
                        HttpResponse<Void> r = http.send(prepared[i], HttpResponse.BodyHandlers.discarding());
                        latencies[i] = System.nanoTime() - t;
                        status[i] = r.statusCode();
                    }
                } catch (IOException | RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double elapsed = Passes.seconds(start);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("requests failed (" + failures.size() + "), first: " + failures.get(0)
                    + "\nserver output:\n" + server.logTail(), failures.get(0));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int st : status) {
            statuses.merge(st, 1, Integer::sum);
        }
        return new PutBurst(latencies, elapsed, statuses);
    }

    /** Requests per second over the burst's wall time. */
    double rate() {
        return latencies.length / seconds;
    }

    /** Whether every answer was 2xx. */
    boolean allOk() {
        return statuses.keySet().stream().allMatch(s -> s >= 200 && s < 300);
    }
}
