package io.attentionflow.app.persistence;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Streams a query of any size in bounded memory by keyset pagination: the query takes the project id as
 * {@code $1} and the last key seen as {@code $2}, and orders by that key with a limit. Unlike a cursor it
 * needs no transaction held open while a slow client downloads. Each page is read within {@code aflow.read-timeout}
 * ({@link BoundedReads}); the time the stream's consumer takes between pages does not count.
 */
@ApplicationScoped
public class KeysetPages {

    private final Pool pool;
    private final BoundedReads reads;

    KeysetPages(Pool pool, BoundedReads reads) {
        this.pool = pool;
        this.reads = reads;
    }

    public <T> Multi<T> stream(String sql, long projectId, Function<Row, T> mapper, ToLongFunction<T> key) {
        long[] after = {0};
        return Multi.createBy().repeating()
                .uni(() -> reads.bounded(pool.preparedQuery(sql).execute(Tuple.of(projectId, after[0])), "a page of project " + projectId + "'s rows")
                        .map(rows -> {
                            List<T> page = new ArrayList<>();
                            rows.forEach(row -> page.add(mapper.apply(row)));
                            if (!page.isEmpty()) {
                                after[0] = key.applyAsLong(page.get(page.size() - 1));
                            }
                            return page;
                        }))
                .until(List::isEmpty)
                .onItem().transformToIterable(page -> page);
    }
}
