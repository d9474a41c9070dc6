package io.attentionflow.app.persistence;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Streams a query of any size in bounded memory by keyset pagination: the query takes the project id as
 * {@code $1} and the last key seen as {@code $2}, and orders by that key with a limit. Unlike a cursor it
 * needs no transaction held open while a slow client downloads.
 */
public final class KeysetPages {

    private KeysetPages() {
    }

    public static <T> Multi<T> stream(Pool pool, String sql, long projectId, Function<Row, T> mapper, ToLongFunction<T> key) {
        long[] after = {0};
        return Multi.createBy().repeating()
                .uni(() -> pool.preparedQuery(sql).execute(Tuple.of(projectId, after[0])).map(rows -> {
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
