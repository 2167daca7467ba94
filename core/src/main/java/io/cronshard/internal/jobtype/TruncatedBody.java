package io.cronshard.internal.jobtype;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body kept only up to a limit, as UTF-8 text: enough to say why a request failed,
 * without holding a large body in memory. Past the limit the rest is not read (the connection
 * is dropped) and the text ends with {@value #TRUNCATED}.
 */
final class TruncatedBody implements HttpResponse.BodySubscriber<String> {

    static final String TRUNCATED = "...(truncated)";

    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private TruncatedBody(int limit) {
        this.limit = limit;
    }

    /**
     * @param limit how many bytes to keep
     * @return a body handler keeping at most that many bytes of each response
     */
    static HttpResponse.BodyHandler<String> handler(int limit) {
        return info -> new TruncatedBody(limit);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer each : items) {
            int room = limit - kept.size();
            int take = Math.min(room, each.remaining());
            byte[] bytes = new byte[take];
            each.get(bytes);
            kept.write(bytes, 0, take);
            if (each.hasRemaining()) {
                subscription.cancel();
                result.complete(kept.toString(StandardCharsets.UTF_8) + TRUNCATED);
                return;
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(kept.toString(StandardCharsets.UTF_8));
    }
}
